import type { App } from '@slack/bolt';
import {
  type CommandName,
  type CommandRequest,
  type Core,
  type Logger,
  parseCommandLine,
  type RequestContext,
} from '../../../core/index.ts';
import { type SlackProfiles, slackDailyChannel, slackDailyManager } from '../daily-manager.ts';
import { decodeSlackText } from '../escape.ts';
import { answerOrLog, apologyReply, sending } from '../failures.ts';
import { slackCommandNaming } from '../manifest.ts';
import { renderOnce } from '../reply-cache.ts';

/** The command a bare mention runs: `@trucebrief minsk 2` briefs on Minsk II. */
const mentionCommand: CommandName = 'brief';

/**
 * Answers a mention in the thread it came from, since slash commands cannot be used in threads.
 * https://docs.slack.dev/interactivity/implementing-slash-commands
 */
export function listenForMentions(
  app: App,
  config: {
    readonly core: Core;
    readonly logger: Logger;
    readonly managers: ReadonlySet<string>;
    readonly profiles: SlackProfiles;
  },
): void {
  const { core, logger } = config;
  app.event('app_mention', async ({ event, client, body }) => {
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    const typed = decodeSlackText(event.text.replace(/^(\s*<@[^>]+>)+/, ''));
    const parsed = parseCommandLine(typed, mentionCommand);
    const request: CommandRequest = {
      command: parsed.command,
      query: parsed.query,
      user: { id: user },
      channel: { id: event.channel },
      platform: 'slack',
      ...(body.event_id ? { id: body.event_id } : {}),
    };
    const where = { team: event.team, event: 'app_mention' };
    const context: RequestContext = {
      commands: slackCommandNaming,
      ...(event.team ? { workspaceId: event.team } : {}),
      dailyManager: slackDailyManager({
        user,
        team: event.team ?? '',
        client,
        profiles: config.profiles,
        managers: config.managers,
        logger,
      }),
      // A mention reaches the bot only where it is a member, so the check is quick there.
      dailyChannel: slackDailyChannel({ channel: event.channel, client, logger }),
    };
    // The answer's own failure is logged and becomes the apology; a failed post goes to the
    // adapter's one catch (failures.ts) with this request's context.
    const briefing = await answerOrLog(core, request, context, logger, where);
    const message = briefing ? renderOnce(briefing) : { text: apologyReply.text };
    await sending(request, where, () =>
      briefing?.visibility === 'public'
        ? client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message })
        : client.chat.postEphemeral({
            channel: event.channel,
            user,
            thread_ts: threadTs,
            ...message,
          }),
    );
  });
}
