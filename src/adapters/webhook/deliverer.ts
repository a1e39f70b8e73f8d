import {
  type Briefing,
  type Core,
  type DailyDeliverer,
  type DailyWebhookConfig,
  DeliveryError,
  type DeliveryReceipt,
  type DeliveryTarget,
  type RenderedPicture,
  webhookChannelId,
} from '../../core/index.ts';
import { attachPictureToPost } from '../discord/picture.ts';
import { renderBriefingForDiscord } from '../discord/render.ts';
import { slackLimits } from '../slack/limits.ts';
import { pictureImageBlock, renderBriefingForSlack } from '../slack/render.ts';

/** Settings for posting daily briefings to incoming webhooks. */
export interface WebhookDelivererConfig {
  readonly webhooks: readonly DailyWebhookConfig[];
  /** Injected so tests can count calls; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** A hung request is abandoned (and retried) after this; keep it well under the store lease. Default 15 s. */
  readonly timeoutMs?: number;
  /** Draws a post's picture for Discord webhooks, which take it as an attachment. */
  readonly renderPicture?: Core['renderPicture'];
  /**
   * PUBLIC_BASE_URL, when the bot serves its pictures there: Slack webhooks cannot upload files,
   * so their posts show the picture as an image block Slack fetches. Unset: text alone.
   */
  readonly publicBaseUrl?: string;
}

/** One webhook request: JSON, with the Discord post's picture as a file part when it has one. */
interface WebhookPayload {
  readonly json: unknown;
  readonly picture?: RenderedPicture;
}

// Slack: https://api.slack.com/messaging/webhooks#handling_errors ; Discord: https://discord.com/developers/docs/topics/opcodes-and-status-codes#http
const permanentStatus = new Set([400, 401, 403, 404, 410]);

function retryAfterMs(response: Response, body: string): number {
  const header = response.headers.get('retry-after');
  if (header !== null && /^\d+(\.\d+)?$/.test(header.trim()))
    return Math.ceil(Number(header) * 1000);
  // Discord also puts `retry_after` (seconds) in the JSON body.
  const match = /"retry_after"\s*:\s*([\d.]+)/.exec(body);
  return match ? Math.ceil(Number(match[1]) * 1000) : 1000;
}

/** Posts daily briefings to DAILY_WEBHOOK_URLS; implements the same port as the bot adapters. */
export function createWebhookDeliverer(config: WebhookDelivererConfig): DailyDeliverer {
  const doFetch = config.fetch ?? fetch;
  const timeoutMs = config.timeoutMs ?? 15_000;
  const byChannel = new Map(config.webhooks.map((webhook) => [webhookChannelId(webhook), webhook]));

  return {
    platform: 'webhook',
    // Slack webhooks allow about one post a second; Discord webhooks five per two seconds.
    rateLimit: { perTargetIntervalMs: 1000 },
    send: async (target: DeliveryTarget, briefing: Briefing): Promise<DeliveryReceipt> => {
      const webhook = byChannel.get(target.channelId);
      if (!webhook) {
        throw new DeliveryError({ kind: 'permanent', reason: 'webhook no longer configured' });
      }
      const url = new URL(webhook.url);
      if (webhook.kind === 'slack') return postToSlack(url, briefing);
      const payloads = await discordPayloads(briefing);
      // `wait=true` makes Discord answer with the message, so we can record its id.
      if (webhook.kind === 'discord') url.searchParams.set('wait', 'true');
      let receipt: DeliveryReceipt | undefined;
      for (const payload of payloads) {
        const sent = await post(url, payload, webhook.kind);
        receipt ??= sent;
      }
      return receipt ?? { messageId: null };
    },
  };

  // The same renderers as the bots' replies and daily posts; a webhook post has no app behind it
  // to answer a click, so it carries no buttons.
  async function postToSlack(url: URL, briefing: Briefing): Promise<DeliveryReceipt> {
    const message = renderBriefingForSlack(briefing, { public: true, interactive: false });
    if (
      !briefing.picture ||
      !config.publicBaseUrl ||
      message.blocks.length >= slackLimits.blocksPerMessage
    ) {
      return post(url, { json: message }, 'slack');
    }
    const image = pictureImageBlock(briefing.picture, config.publicBaseUrl);
    try {
      return await post(url, { json: { ...message, blocks: [...message.blocks, image] } }, 'slack');
    } catch (error) {
      // Slack fetches the image while it takes the post and refuses the whole post (400
      // invalid_blocks) when it cannot: a PUBLIC_BASE_URL it cannot reach must not pause the
      // subscription, so the post goes again as text alone, which says what the picture shows.
      const failure = error instanceof DeliveryError ? error.failure : undefined;
      if (failure?.kind !== 'permanent' || !/^webhook answered HTTP 400\b/.test(failure.reason)) {
        throw error;
      }
      return post(url, { json: message }, 'slack');
    }
  }

  async function discordPayloads(briefing: Briefing): Promise<WebhookPayload[]> {
    const messages = renderBriefingForDiscord(briefing, { interactive: false }).map(
      ({ embeds, allowed_mentions }) => ({ embeds, allowed_mentions }),
    );
    const picture = await drawn(briefing);
    const [first, ...rest] = messages;
    if (!picture || !first) return messages.map((json) => ({ json }));
    const attached = attachPictureToPost(first.embeds, picture);
    return [
      { json: { ...first, embeds: attached.embeds, attachments: attached.attachments }, picture },
      ...rest.map((json) => ({ json })),
    ];
  }

  /** The picture, or none when drawing fails: the post's text says what it shows. */
  async function drawn(briefing: Briefing): Promise<RenderedPicture | undefined> {
    if (!briefing.picture || !config.renderPicture) return undefined;
    try {
      return await config.renderPicture(briefing.picture);
    } catch {
      return undefined;
    }
  }

  /** Posts one message; the first message's receipt is the delivery's. */
  async function post(
    url: URL,
    payload: WebhookPayload,
    kind: DailyWebhookConfig['kind'],
  ): Promise<DeliveryReceipt> {
    let response: Response;
    let body: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        ...requestBody(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.text();
    } catch (cause) {
      // Never put the URL in the message: it is the secret.
      throw new DeliveryError(
        { kind: 'transient', reason: 'network error or timeout' },
        undefined,
        { cause },
      );
    }
    if (response.ok) {
      if (kind === 'discord') {
        const id = /"id"\s*:\s*"(\d+)"/.exec(body)?.[1];
        return { messageId: id ?? null };
      }
      return { messageId: null };
    }
    if (response.status === 429) {
      throw new DeliveryError({
        kind: 'rate-limited',
        retryAfterMs: retryAfterMs(response, body),
      });
    }
    const detail = body.slice(0, 120).replace(/\s+/g, ' ').trim();
    if (permanentStatus.has(response.status)) {
      throw new DeliveryError({
        kind: 'permanent',
        reason: `webhook answered HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      });
    }
    throw new DeliveryError({ kind: 'transient', reason: `HTTP ${response.status}` });
  }
}

/**
 * JSON, or for a picture multipart form data: the JSON as `payload_json` and the PNG as
 * `files[0]`, which the JSON's `attachments` name by index (fetch sets the boundary).
 * https://discord.com/developers/docs/reference#uploading-files
 */
function requestBody(payload: WebhookPayload): Pick<RequestInit, 'headers' | 'body'> {
  if (!payload.picture) {
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload.json) };
  }
  const form = new FormData();
  form.append('payload_json', JSON.stringify(payload.json));
  form.append(
    'files[0]',
    new Blob([payload.picture.png], { type: 'image/png' }),
    payload.picture.fileName,
  );
  return { body: form };
}
