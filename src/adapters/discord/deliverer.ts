import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DiscordAPIError,
  HTTPError,
  type RateLimitData,
  RateLimitError,
  type REST,
  type RESTOptions,
  Routes,
} from 'discord.js';
import {
  type Briefing,
  type Core,
  type DailyDeliverer,
  type DailyPostKey,
  DeliveryError,
  type DeliveryReceipt,
  type DeliveryTarget,
  type Logger,
} from '../../core/index.ts';
import { discordLimits } from './limits.ts';
import { attachPictureToPost, drawPicture } from './picture.ts';
import { asChannelPost, type DiscordMessagePayload, renderBriefingForDiscord } from './render.ts';
import { truncate } from './text.ts';

/**
 * Discord JSON error codes after which posting to the channel cannot succeed until someone
 * changes something (invites the bot back, grants a permission), so the subscription pauses.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const permanentCodes: ReadonlyMap<number, string> = new Map([
  [10003, 'Unknown Channel'],
  [10004, 'Unknown Guild'],
  [50001, 'Missing Access'],
  [50007, 'Cannot send messages to this user'],
  [50013, 'Missing Permissions'],
]);

/** How long the follow-ups of one long post may take, rate-limit waits included; well under the store's 2-minute lease. */
const followUpBudgetMs = 60_000;

/**
 * REST settings the adapter's client needs so daily posts fail fast and visibly. By default
 * @discordjs/rest waits out every 429 and retries it with no limit, so a throttled post would
 * hold a worker (and its claim) for as long as Discord says; rejecting lets the scheduler hold
 * back the channel, or the platform, and free the worker. Interaction replies keep the default
 * waiting: they are short-lived and have no scheduler behind them. Its 3 retries of 15 s each
 * would let one message take a minute, and the scheduler retries with backoff anyway, so one
 * quick retry (for a reset connection or a 5xx blip) is enough.
 */
export const deliveryRestOptions = {
  rejectOnRateLimit: isChannelPost,
  retries: 1,
  timeout: 10_000,
} satisfies Partial<RESTOptions>;

/** True for `POST /channels/{id}/messages`, the only route the deliverer uses and nothing else in the adapter does. */
function isChannelPost(data: RateLimitData): boolean {
  return data.method.toUpperCase() === 'POST' && /^\/channels\/[^/]+\/messages$/.test(data.route);
}

/** What the Discord deliverer needs from its adapter. */
export interface DiscordDelivererConfig {
  /** The connected client's REST; undefined before the gateway is ready or after stop (no token then). */
  readonly rest: () => REST | undefined;
  readonly logger: Logger;
  /** Draws a post's picture; without it, posts go out as text alone. */
  readonly core?: Core;
}

/**
 * Posts daily briefings into Discord channels as the bot, with `POST /channels/{id}/messages`:
 * one message per rendered payload, and the first message's id as the receipt.
 */
export function createDiscordDeliverer(config: DiscordDelivererConfig): DailyDeliverer {
  const { logger } = config;
  return {
    platform: 'discord',
    // Daily posts are one message each; a long one's follow-ups wait their turn in the REST client.
    rateLimit: { perSecond: discordLimits.rest.globalRequestsPerSecond },
    async send(
      target: DeliveryTarget,
      briefing: Briefing,
      signal?: AbortSignal,
    ): Promise<DeliveryReceipt> {
      const rest = config.rest();
      if (!rest) {
        throw new DeliveryError({
          kind: 'transient',
          reason: 'the Discord adapter is not connected (not started yet, or stopped)',
        });
      }
      const route = Routes.channelMessages(target.channelId);
      const [first, ...followUps] = renderBriefingForDiscord(asChannelPost(briefing));
      // The picture rides on the first message, in the same request as its nonce: a repeat gets
      // the message (and its attachment) already made, never a second one.
      const picture = config.core ? await drawPicture(config.core, briefing, logger) : undefined;
      const attached = attachPictureToPost(first.embeds, picture);
      let messageId: string | null;
      try {
        messageId = idOf(
          await rest.post(route, {
            body: {
              ...bodyOf({ ...first, embeds: attached.embeds }, target.post, 0),
              ...(attached.files.length > 0 ? { attachments: attached.attachments } : {}),
            },
            ...(attached.files.length > 0 ? { files: attached.files } : {}),
            ...signalOption(signal),
          }),
        );
      } catch (error) {
        throw toDeliveryError(error);
      }
      // Once the first message is in the channel the post has happened: failing now would make
      // the scheduler post it all again. A follow-up that cannot be sent is logged instead.
      const deadline = Date.now() + followUpBudgetMs;
      for (const [index, payload] of followUps.entries()) {
        try {
          await postPatiently(
            rest,
            route,
            bodyOf(payload, target.post, index + 1),
            deadline,
            signal,
          );
        } catch (error) {
          logger.warn('discord daily post incomplete: a follow-up message was not sent', {
            channelId: target.channelId,
            guildId: target.workspaceId,
            messageId,
            followUp: index + 1,
            followUps: followUps.length,
            error,
          });
          break;
        }
      }
      return { messageId };
    },
  };
}

/**
 * Sends one follow-up, waiting out 429s (a five-message post can meet a channel's bucket of
 * five per few seconds) until the deadline.
 * https://discord.com/developers/docs/topics/rate-limits
 */
async function postPatiently(
  rest: REST,
  route: `/${string}`,
  body: Record<string, unknown>,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (;;) {
    try {
      await rest.post(route, { body, ...signalOption(signal) });
      return;
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      const wait = waitOf(error);
      if (Date.now() + wait > deadline) throw error;
      await sleep(wait, undefined, signalOption(signal));
    }
  }
}

/**
 * The message JSON: no ephemeral flag, which only interaction replies can carry. A daily post's
 * messages carry a nonce with `enforce_nonce`, so a repeat (discord.js retrying a timed-out
 * request, or another attempt after an unrecorded success) gets the message already created back
 * instead of a second one.
 * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
function bodyOf(
  payload: DiscordMessagePayload,
  post: DailyPostKey | undefined,
  index: number,
): Record<string, unknown> {
  return {
    embeds: payload.embeds,
    components: payload.components,
    allowed_mentions: payload.allowed_mentions,
    ...(post ? { nonce: nonceOf(post, index), enforce_nonce: true } : {}),
  };
}

/**
 * The same for every attempt at one message of one day's post, and different for anything else;
 * a hash, since Discord's nonce is short.
 */
function nonceOf(post: DailyPostKey, index: number): string {
  return createHash('sha256')
    .update(`trucebrief-daily|${post.subscriptionId}|${post.localDate}|${index}`)
    .digest('base64url')
    .slice(0, discordLimits.message.nonce);
}

function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function idOf(message: unknown): string | null {
  return typeof message === 'object' &&
    message !== null &&
    'id' in message &&
    typeof message.id === 'string'
    ? message.id
    : null;
}

/** A 429's wait: Retry-After when Discord sent it, else the time until the bucket (or global limit) resets. */
function waitOf(error: RateLimitError): number {
  const wait = [error.retryAfter, error.timeToReset].find((ms) => ms > 0) ?? 1000;
  return Math.ceil(wait);
}

/** Maps what @discordjs/rest throws to what the scheduler acts on. */
function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const cause = { cause: error };
  if (error instanceof RateLimitError) {
    // `global` is set when the response carried X-RateLimit-Global (or the client's own
    // 50-a-second count ran out); scope "global" says the same in newer responses.
    const global = error.global || error.scope === 'global';
    return new DeliveryError(
      { kind: 'rate-limited', retryAfterMs: waitOf(error), ...(global ? { global } : {}) },
      undefined,
      cause,
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    const known = permanentCodes.get(code);
    if (known)
      return new DeliveryError(
        { kind: 'permanent', reason: `${known} (${code})` },
        undefined,
        cause,
      );
    const said = truncate(discordMessage(error), 120);
    if (error.status === 403 || error.status === 404) {
      return new DeliveryError(
        { kind: 'permanent', reason: `${said} (HTTP ${error.status}, code ${error.code})` },
        undefined,
        cause,
      );
    }
    // 401 (a reset token) and 400 (a payload Discord refuses) are the bot's problem, not the
    // channel's: pausing would make every channel resubscribe, so they retry and then fail the day.
    return new DeliveryError(
      { kind: 'transient', reason: `${said} (HTTP ${error.status}, code ${error.code})` },
      undefined,
      cause,
    );
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(
      { kind: 'transient', reason: `Discord answered HTTP ${error.status}` },
      undefined,
      cause,
    );
  }
  if (error instanceof Error) {
    const reason =
      error.name === 'AbortError'
        ? 'the request to Discord timed out or was aborted'
        : `could not reach Discord: ${error.message}`;
    return new DeliveryError({ kind: 'transient', reason }, undefined, cause);
  }
  return new DeliveryError({ kind: 'transient', reason: String(error) }, undefined, cause);
}

function discordMessage(error: DiscordAPIError): string {
  const raw = error.rawError;
  if ('message' in raw && typeof raw.message === 'string' && raw.message) return raw.message;
  return error.message || `HTTP ${error.status}`;
}
