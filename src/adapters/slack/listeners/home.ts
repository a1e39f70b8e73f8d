import type { App } from '@slack/bolt';
import {
  type Briefing,
  type CommandRequest,
  type Core,
  composeCheckHowTo,
  type Logger,
  type RequestContext,
} from '../../../core/index.ts';
import { slackLimits } from '../limits.ts';
import { slackCommandNaming } from '../manifest.ts';
import { renderBriefingForSlack, type SlackBlock } from '../render.ts';

/**
 * The Home tab: the four obstacles at a glance (`/brief`), what changed lately in the knowledge
 * (`/brief changes`), how to check a message, and the commands (`/brief help`), each the core's
 * briefing through the Slack renderer, published with views.publish when the person opens it.
 * Buttons are left out: a click in a Home tab has no channel or response_url to answer in.
 * https://docs.slack.dev/surfaces/app-home
 */
export function listenForAppHome(app: App, core: Core, logger: Logger): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const context: RequestContext = { commands: slackCommandNaming };
    const ask = (query: string): Promise<Briefing> => {
      const request: CommandRequest = {
        command: 'brief',
        query,
        user: { id: event.user },
        channel: { id: event.channel },
        platform: 'slack',
      };
      return core.handle(request, context);
    };
    let briefings: Briefing[];
    try {
      briefings = [
        await ask(''),
        await ask('changes'),
        composeCheckHowTo(core.knowledge),
        await ask('help'),
      ];
    } catch (error) {
      // Nothing to publish: the tab keeps what it showed last time.
      logger.error('Slack Home tab failed', { user: event.user, error });
      return;
    }
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: homeBlocks(briefings) },
    });
  });
}

/** The briefings' blocks one after another, without buttons, within a Home view's 100 blocks. */
function homeBlocks(briefings: readonly Briefing[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (const briefing of briefings) {
    const rendered = renderBriefingForSlack(briefing, { public: true }).blocks.filter(
      (block) => block.type !== 'actions',
    );
    if (blocks.length + rendered.length > slackLimits.blocksPerHomeView) break;
    blocks.push(...rendered);
  }
  return blocks;
}
