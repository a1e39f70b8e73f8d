import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { CheckMemory, CommandRequest, Core, LogContext, Logger } from '../../../core/index.ts';
import { actionIdPattern, actionKindOf, decodeActionValue } from '../actions.ts';
import { answerOrLog, apologyReply, sending } from '../failures.ts';
import { slackCommandNaming } from '../manifest.ts';
import type { SlackMessage } from '../render.ts';
import { renderOnce } from '../reply-cache.ts';
import { uploadPicture } from '../upload.ts';
import { shareCheck } from './check.ts';
import { openReportModal } from './report.ts';

/** Where a button was clicked, for replying in the same place. */
interface ButtonPlace {
  readonly channel: string;
  readonly threadTs: string | undefined;
  readonly ephemeral: boolean;
  readonly context: LogContext;
}

/** Where a public answer's picture goes: the clicked message's channel and thread. */
function pictureTarget(place: ButtonPlace): { channel: string; threadTs?: string } {
  return { channel: place.channel, ...(place.threadTs ? { threadTs: place.threadTs } : {}) };
}

/**
 * Answers both kinds of button ("Share in channel", and the ones that run another lookup) through
 * the core; one listener for both, for the same reason as the one command listener.
 */
export function listenForButtons(app: App, core: Core, logger: Logger, checks: CheckMemory): void {
  app.action<BlockAction<ButtonAction>>(
    actionIdPattern,
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const kind = actionKindOf(action.action_id);
      const decoded = decodeActionValue(action.value);
      const channel = body.channel?.id ?? '';
      const place: ButtonPlace = {
        channel,
        threadTs: stringField(body.container, 'thread_ts'),
        ephemeral: body.container.is_ephemeral === true,
        context: { team: body.team?.id, actionId: action.action_id },
      };
      if (decoded === undefined) {
        // Not a value we wrote: someone crafted the payload, or an old message outlived a format.
        logger.warn('Slack button with an unreadable value', place.context);
        return;
      }
      // A "Check this" answer's Share: posted in the checked message's thread (listeners/check.ts).
      if (kind === 'share' && decoded.command === 'check' && checks.isReference(decoded.query)) {
        await shareCheck(
          { core, logger, memory: checks, client, respond },
          { ref: decoded.query, user: body.user.id, ephemeral: place.ephemeral },
          place.context,
        );
        return;
      }
      // The report form; its submission reaches the core as /report (listeners/report.ts). A
      // target the knowledge no longer has goes to the core as it is, which says so.
      if (
        kind === 'report' &&
        (await openReportModal(client, core, body.trigger_id, decoded.query, channel))
      ) {
        return;
      }
      const request: CommandRequest = {
        ...decoded,
        user: { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) },
        channel: { id: channel },
        platform: 'slack',
        ...(body.trigger_id ? { id: body.trigger_id } : {}),
      };
      const context = {
        commands: slackCommandNaming,
        ...(body.team?.id ? { workspaceId: body.team.id } : {}),
      };
      // The answer's own failure is logged and becomes the apology; a failed reply goes to the
      // adapter's one catch (failures.ts) with this request's context.
      const briefing = await answerOrLog(core, request, context, logger, place.context);
      await sending(request, place.context, async () => {
        if (briefing === undefined) {
          await respond({ ...apologyReply, replace_original: false });
          return;
        }
        const picture = () =>
          uploadPicture(client, core, briefing, pictureTarget(place), logger, place.context);
        if (kind === 'share') {
          await postPublic(renderOnce(briefing, { public: true }), place, respond, client);
          await picture();
          if (place.ephemeral) await respond({ delete_original: true });
          return;
        }
        const message = renderOnce(briefing);
        if (briefing.visibility === 'public') {
          await postPublic(message, place, respond, client);
          await picture();
          // A "did you mean" choice is made once; its ephemeral prompt goes away.
          if (place.ephemeral) await respond({ delete_original: true });
        } else {
          await respond({
            response_type: 'ephemeral',
            replace_original: place.ephemeral,
            ...message,
          });
        }
      });
    },
  );
}

/**
 * Posts a message for everyone as a new message: in the thread when the button was in one
 * (response_url cannot target threads), else through response_url, which also works in
 * conversations the bot has not joined.
 */
async function postPublic(
  message: SlackMessage,
  place: ButtonPlace,
  respond: RespondFn,
  client: App['client'],
): Promise<void> {
  if (place.threadTs !== undefined) {
    await client.chat.postMessage({
      channel: place.channel,
      thread_ts: place.threadTs,
      ...message,
    });
    return;
  }
  await respond({ response_type: 'in_channel', replace_original: false, ...message });
}

function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}
