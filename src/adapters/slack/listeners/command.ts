import type { App } from '@slack/bolt';
import {
  type ActionRequest,
  type CheckMemory,
  type CommandRequest,
  type Core,
  cleanQuery,
  findCommand,
  type Logger,
  type RequestContext,
  withShareReference,
} from '../../../core/index.ts';
import { ackWithin } from '../ack-within.ts';
import { type SlackProfiles, slackDailyChannel, slackDailyManager } from '../daily-manager.ts';
import { decodeSlackText } from '../escape.ts';
import { answerOrLog, apologyReply, sending } from '../failures.ts';
import { slackCommandNaming, slackCommands } from '../manifest.ts';
import { type SlashReply, serialisedSlashReply, slashReply } from '../reply-cache.ts';
import { uploadPicture, withPostPictureButton } from '../upload.ts';

/** What the slash command listener needs besides the core. */
export interface CommandListenerConfig {
  readonly core: Core;
  readonly logger: Logger;
  readonly mode: 'http' | 'socket';
  /** Who may manage daily posts besides workspace admins and owners. */
  readonly managers: ReadonlySet<string>;
  /** users.info answers, shared by every listener of the adapter. */
  readonly profiles: SlackProfiles;
  /** How long an answer that waits on the store may take and still ride on the acknowledgement. */
  readonly ackBudgetMs: number;
  /** Where the bot serves pictures (PUBLIC_BASE_URL), for image blocks in private answers. */
  readonly publicBaseUrl?: string;
  /** The texts `/check` checked, for their Share buttons (listeners/check.ts). */
  readonly checks: CheckMemory;
}

/**
 * Answers every slash command through the core. One listener for every command: Bolt runs every
 * listener's matchers on every request, so one listener per command multiplies that work
 * (npm run bench shows the difference under load).
 */
export function listenForCommands(app: App, config: CommandListenerConfig): void {
  const { core, logger, mode } = config;
  const names = slackCommands.map((definition) => definition.name);
  const pattern = new RegExp(`^/(${names.join('|')})$`);
  app.command(pattern, async ({ command: body, ack, respond, client }) => {
    const typed = decodeSlackText(body.text ?? '');
    const request: CommandRequest = {
      command: body.command.slice(1),
      // `/check` takes a whole pasted message, which the core reads to its own limit.
      query: body.command === '/check' ? typed : cleanQuery(typed),
      user: { id: body.user_id, name: body.user_name },
      channel: { id: body.channel_id, name: body.channel_name },
      platform: 'slack',
      // Slack's id for this invocation: the log lines of its answer, reply and errors share it.
      ...(body.trigger_id ? { id: body.trigger_id } : {}),
    };
    const context: RequestContext = {
      commands: slackCommandNaming,
      ...(body.team_id ? { workspaceId: body.team_id } : {}),
      dailyManager: slackDailyManager({
        user: body.user_id,
        team: body.team_id,
        client,
        profiles: config.profiles,
        managers: config.managers,
        logger,
      }),
      dailyChannel: slackDailyChannel({ channel: body.channel_id, client, logger }),
    };
    const where = { team: body.team_id };
    const answer = answerOrLog(core, request, context, logger, where);
    if (findCommand(request.command)?.waitsOnStore) {
      const reply = answer.then(
        (briefing): SlashReply => (briefing ? slashReply(briefing) : apologyReply),
      );
      await ackWithin(config.ackBudgetMs, reply, ack, (message) =>
        sending(request, where, () => respond(message)),
      );
      return;
    }
    // The reply rides on the acknowledgement: one round trip, well inside Slack's 3 seconds.
    const answered = await answer;
    // A check's Share points to the remembered text: a button value stops at 2,000 characters.
    const briefing =
      answered && request.command === 'check'
        ? withShareReference(
            answered,
            config.checks.remember({ text: request.query, channel: body.channel_id }),
          )
        : answered;
    if (briefing === undefined) {
      await ack(apologyReply);
      return;
    }
    if (briefing.picture && briefing.visibility === 'ephemeral') {
      // No private uploads on Slack: a private answer offers to post its picture instead.
      const reply = withPostPictureButton(
        slashReply(briefing),
        briefing,
        { command: body.command.slice(1) as ActionRequest['command'], query: request.query },
        config.publicBaseUrl,
      );
      await ack(mode === 'http' ? JSON.stringify(reply) : reply);
      return;
    }
    // Socket Mode puts the reply inside its own envelope, so it takes the object.
    await ack(mode === 'http' ? serialisedSlashReply(briefing) : slashReply(briefing));
    // A public answer's picture follows it into the channel.
    await uploadPicture(client, core, briefing, { channel: body.channel_id }, logger, where);
  });
}
