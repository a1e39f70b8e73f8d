import type { App, MessageShortcut, RespondFn } from '@slack/bolt';
import {
  type CheckMemory,
  type CommandRequest,
  type Core,
  composeCheckExpired,
  type LogContext,
  type Logger,
  maxCheckQueryLength,
  sharedBy,
  withShareReference,
} from '../../../core/index.ts';
import { answerOrLog, apologyReply, sending } from '../failures.ts';
import { slackLimits } from '../limits.ts';
import { checkShortcutId, slackCommandNaming } from '../manifest.ts';
import { renderBriefingForSlack, type SlackBlock, type SlackMessage } from '../render.ts';

// Slack sends message text with &, < and > as entities; the checker reads what people see.
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
  );
}

/**
 * "Check this" on any message, threads included (where slash commands do not work): the message
 * goes to the core as `/check`, and the answer comes back privately in the same thread.
 * https://docs.slack.dev/interactivity/implementing-shortcuts
 */
export function listenForCheckShortcut(
  app: App,
  core: Core,
  logger: Logger,
  memory: CheckMemory,
): void {
  app.shortcut<MessageShortcut>(
    { callback_id: checkShortcutId, type: 'message_action' },
    async ({ shortcut, ack, client, respond }) => {
      await ack();
      const channel = shortcut.channel.id;
      const threadTs = stringOf(shortcut.message.thread_ts) ?? shortcut.message.ts;
      const text = decodeEntities(shortcut.message.text ?? '').slice(0, maxCheckQueryLength + 1);
      const request: CommandRequest = {
        command: 'check',
        query: text,
        user: { id: shortcut.user.id },
        channel: { id: channel },
        platform: 'slack',
        id: shortcut.trigger_id,
      };
      const where: LogContext = { team: shortcut.team?.id, shortcut: checkShortcutId };
      const context = {
        commands: slackCommandNaming,
        ...(shortcut.team?.id ? { workspaceId: shortcut.team.id } : {}),
      };
      const briefing = await answerOrLog(core, request, context, logger, where);
      const message: Partial<SlackMessage> & { text: string } = briefing
        ? renderBriefingForSlack(
            withShareReference(briefing, memory.remember({ text, channel, threadTs })),
          )
        : { text: apologyReply.text };
      await sending(request, where, () =>
        privately(client, respond, { channel, user: shortcut.user.id, threadTs }, message),
      );
    },
  );
}

/**
 * Answers only the person, in the thread of the message: chat.postEphemeral where the bot is a
 * member; else through the shortcut's response_url, which works anywhere but not in a thread.
 */
async function privately(
  client: App['client'],
  respond: RespondFn,
  place: { channel: string; user: string; threadTs: string },
  message: Partial<SlackMessage> & { text: string },
): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: place.channel,
      user: place.user,
      thread_ts: place.threadTs,
      ...message,
    });
  } catch (error) {
    if (!notInChannel(error)) throw error;
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  }
}

/**
 * A check's Share button: the check is run again from the remembered message and posted in its
 * thread for everyone, saying who shared it. Its wording is the core's; who shared it is a Slack
 * mention, which only the adapter can write.
 */
export async function shareCheck(
  options: {
    readonly core: Core;
    readonly logger: Logger;
    readonly memory: CheckMemory;
    readonly client: App['client'];
    readonly respond: RespondFn;
  },
  click: { readonly ref: string; readonly user: string; readonly ephemeral: boolean },
  where: LogContext,
): Promise<void> {
  const { core, logger, memory, client, respond } = options;
  const remembered = memory.recall(click.ref);
  if (!remembered) {
    const expired = renderBriefingForSlack(composeCheckExpired(core.knowledge));
    await respond({ response_type: 'ephemeral', replace_original: false, ...expired });
    return;
  }
  const request: CommandRequest = {
    command: 'check',
    query: remembered.text,
    user: { id: click.user },
    channel: { id: remembered.channel },
    platform: 'slack',
  };
  const briefing = await answerOrLog(
    core,
    request,
    { commands: slackCommandNaming },
    logger,
    where,
  );
  await sending(request, where, async () => {
    if (!briefing) {
      await respond({ ...apologyReply, replace_original: false });
      return;
    }
    const message = renderBriefingForSlack(briefing, { public: true });
    const attribution: SlackBlock = {
      type: 'context',
      // A user id from Slack's own payload: only ids of that form become a mention.
      elements: [
        {
          type: 'mrkdwn',
          text: sharedBy(/^[UW][A-Z0-9]{2,}$/.test(click.user) ? `<@${click.user}>` : undefined),
          verbatim: true,
        },
      ],
    };
    const blocks = [...message.blocks];
    if (blocks.length < slackLimits.blocksPerMessage) blocks.push(attribution);
    try {
      await client.chat.postMessage({
        channel: remembered.channel,
        ...(remembered.threadTs ? { thread_ts: remembered.threadTs } : {}),
        ...message,
        blocks,
      });
    } catch (error) {
      // A `/check` typed where the bot is not a member: response_url posts there all the same.
      if (remembered.threadTs !== undefined || !notInChannel(error)) throw error;
      await respond({ response_type: 'in_channel', replace_original: false, ...message, blocks });
    }
    if (click.ephemeral) await respond({ delete_original: true });
  });
}

/** Slack's answer when the bot is not a member of the conversation. */
function notInChannel(error: unknown): boolean {
  return Reflect.get(Object(Reflect.get(Object(error), 'data')), 'error') === 'not_in_channel';
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
