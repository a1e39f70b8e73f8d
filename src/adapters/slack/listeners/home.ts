import type { App } from '@slack/bolt';
import {
  type Briefing,
  type CommandRequest,
  type Core,
  composeCheckHowTo,
  type Logger,
  type RequestContext,
} from '../../../core/index.ts';
import { type SlackProfiles, slackDailyManager } from '../daily-manager.ts';
import { slackLimits } from '../limits.ts';
import { slackCommandNaming } from '../manifest.ts';
import { renderBriefingForSlack, type SlackBlock } from '../render.ts';

/** What the Home tab needs besides the core: who may manage daily posts. */
export interface HomeListenerConfig {
  readonly core: Core;
  readonly logger: Logger;
  readonly managers: ReadonlySet<string>;
  readonly profiles: SlackProfiles;
}

// Channels whose daily status the Home tab shows at most: each is a store read.
const maxDailyChannels = 10;

/**
 * The Home tab: the four obstacles at a glance (`/brief`), what changed lately in the knowledge
 * (`/brief changes`), how to check a message, the commands (`/brief help`) and, for someone who
 * may manage daily posts, `/daily status` of the channels the bot is in; each the core's briefing
 * through the Slack renderer, published with views.publish when the person opens the tab.
 * Buttons are left out: a click in a Home tab has no channel or response_url to answer in.
 * https://docs.slack.dev/surfaces/app-home
 */
export function listenForAppHome(app: App, config: HomeListenerConfig): void {
  const { core, logger } = config;
  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return;
    const team = typeof body.team_id === 'string' ? body.team_id : '';
    const context: RequestContext = {
      commands: slackCommandNaming,
      ...(team ? { workspaceId: team } : {}),
      dailyManager: slackDailyManager({
        user: event.user,
        team,
        client,
        profiles: config.profiles,
        managers: config.managers,
        logger,
      }),
    };
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
        ...(await dailyStatuses(client, core, event.user, context).catch((error: unknown) => {
          // The rest of the tab stands without them.
          logger.warn('Slack Home tab: no daily statuses', { user: event.user, error });
          return [];
        })),
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

/**
 * `/daily status` of the person's own channels (public ones they are in, private ones they share
 * with the bot), for someone who may manage daily posts; nothing for anyone else.
 */
async function dailyStatuses(
  client: App['client'],
  core: Core,
  user: string,
  context: RequestContext,
): Promise<Briefing[]> {
  if (!(await context.dailyManager?.(false))?.canManage) return [];
  const listed = await client.users.conversations({
    user,
    types: 'public_channel,private_channel',
    exclude_archived: true,
    limit: maxDailyChannels,
  });
  const statuses: Briefing[] = [];
  for (const channel of (listed.channels ?? []).slice(0, maxDailyChannels)) {
    if (!channel.id) continue;
    const status = await core.handle(
      {
        command: 'daily',
        query: 'status',
        user: { id: user },
        channel: { id: channel.id, ...(channel.name ? { name: channel.name } : {}) },
        platform: 'slack',
      },
      context,
    );
    // The channel's name leads its status: the core's words are about "here".
    statuses.push({ ...status, title: `#${channel.name ?? channel.id}: ${status.title}` });
  }
  return statuses;
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
