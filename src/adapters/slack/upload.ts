import type { AllMiddlewareArgs, App, BlockAction, ButtonAction } from '@slack/bolt';
import type {
  ActionRequest,
  Briefing,
  Core,
  LogContext,
  Logger,
  RenderedPicture,
} from '../../core/index.ts';
import { truncate } from '../truncate.ts';
import { decodeActionValue, encodeActionValue } from './actions.ts';
import { slackLimits } from './limits.ts';
import { slackCommandNaming } from './manifest.ts';
import { pictureImageBlock, type SlackBlock } from './render.ts';
import type { SlashReply } from './reply-cache.ts';

type WebClient = AllMiddlewareArgs['client'];

/** The "Post chart" button's action_id: its own, so the share and run buttons' routing is unchanged. */
const pictureActionId = 'trucebrief.picture';

/** Alt text kept well inside what Slack takes for a file's alt_text. */
const altTextLimit = 1000;

/** Where a picture is posted. */
export interface PictureTarget {
  readonly channel: string;
  readonly threadTs?: string;
  /** OAuth mode: the workspace's bot token, where the client has none of its own. */
  readonly token?: string;
}

/**
 * Posts a briefing's picture into the channel with files.uploadV2 (getUploadURLExternal, the
 * upload, completeUploadExternal; the bot needs `files:write` and to be in the channel). Slack has
 * no private upload, so only public briefings and the "Post chart" button call this. A failure
 * (not_in_channel, a missing scope) is logged: the message already said everything in text.
 * https://docs.slack.dev/messaging/working-with-files#upload
 */
export async function uploadPicture(
  client: WebClient,
  core: Core,
  briefing: Briefing,
  target: PictureTarget,
  logger: Logger,
  context: LogContext,
): Promise<void> {
  if (!briefing.picture) return;
  let image: RenderedPicture | undefined;
  try {
    image = await core.renderPicture(briefing.picture);
    if (!image) return;
    const file = {
      file: Buffer.from(image.png),
      filename: image.fileName,
      title: briefing.picture.title,
      alt_text: truncate(image.alt, altTextLimit),
    };
    const withToken = target.token ? { ...file, token: target.token } : file;
    await client.files.uploadV2(
      target.threadTs
        ? { ...withToken, channel_id: target.channel, thread_ts: target.threadTs }
        : { ...withToken, channel_id: target.channel },
    );
  } catch (error) {
    logger.warn('slack: picture not posted; the message carries its text', {
      ...context,
      error,
      picture: briefing.picture.kind,
    });
  }
}

/**
 * A private answer's picture cannot be uploaded privately, so the reply offers a button that
 * posts it for the channel; with PUBLIC_BASE_URL it also shows the picture itself, as an image
 * block Slack fetches from the bot. Each is left off when the message has no room for it.
 */
export function withPostPictureButton(
  reply: SlashReply,
  briefing: Briefing,
  request: ActionRequest,
  publicBaseUrl?: string,
): SlashReply {
  const blocks = reply.blocks ?? [];
  if (!briefing.picture) return reply;
  const label = briefing.picture.kind === 'map' ? 'Post map' : 'Post chart';
  const extra: SlackBlock[] = [
    ...(publicBaseUrl ? [pictureImageBlock(briefing.picture, publicBaseUrl)] : []),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: pictureActionId,
          text: { type: 'plain_text', text: label, emoji: false },
          value: encodeActionValue(request),
        },
      ],
    },
  ];
  const room = Math.max(0, slackLimits.blocksPerMessage - blocks.length);
  if (room === 0) return reply;
  return { ...reply, blocks: [...blocks, ...extra.slice(-room)] };
}

/** Answers "Post chart": the same request again through the core, its picture posted publicly. */
export function listenForPictureButtons(app: App, core: Core, logger: Logger): void {
  app.action<BlockAction<ButtonAction>>(pictureActionId, async ({ ack, body, action, client }) => {
    await ack();
    const decoded = decodeActionValue(action.value);
    const channel = body.channel?.id;
    const context: LogContext = { team: body.team?.id, actionId: action.action_id };
    if (decoded === undefined || channel === undefined) {
      logger.warn('Slack picture button with an unreadable value', context);
      return;
    }
    const briefing = await core.handle(
      {
        ...decoded,
        user: { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) },
        channel: { id: channel },
        platform: 'slack',
      },
      { commands: slackCommandNaming, ...(body.team?.id ? { workspaceId: body.team.id } : {}) },
    );
    await uploadPicture(client, core, briefing, { channel }, logger, context);
  });
}
