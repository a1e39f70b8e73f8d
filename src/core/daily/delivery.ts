import type { Briefing } from '../briefing/model.ts';
import { TrucebriefError } from '../errors.ts';
import type { RateLimit } from '../schedule/rate-limiter.ts';
import type { DailyPlatform } from './store.ts';

/** Where a daily post goes, as the deliverer needs it. */
export interface DeliveryTarget {
  readonly platform: DailyPlatform;
  readonly channelId: string;
  /** Slack team or Discord server id, when known. */
  readonly workspaceId: string | null;
  /** Which daily post this is; absent for sends that are not a scheduled post. */
  readonly post?: DailyPostKey;
}

/**
 * Names one (subscription, local day) post, so a platform that can recognise a repeat does:
 * Discord by a nonce made from it, Slack by a marker in the message metadata.
 */
export interface DailyPostKey {
  readonly subscriptionId: string;
  readonly localDate: string;
  /**
   * 1 on the first try. More means an earlier try may have reached the platform unrecorded
   * (it timed out after being accepted, or its instance died), so look before posting again.
   */
  readonly attempt: number;
}

/** What the platform said when it accepted the post. */
export interface DeliveryReceipt {
  /** The platform's message id (Slack `ts`, Discord snowflake); null when it gives none (Slack webhooks). */
  readonly messageId: string | null;
}

/**
 * Why a send failed, as the scheduler acts on it: wait and retry, retry with backoff,
 * or stop posting to that channel until someone subscribes again.
 */
export type DeliveryFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly global?: boolean }
  | { readonly kind: 'transient'; readonly reason: string }
  | { readonly kind: 'permanent'; readonly reason: string };

/** A send failed; `failure` tells the scheduler what to do about it. */
export class DeliveryError extends TrucebriefError {
  readonly failure: DeliveryFailure;

  constructor(failure: DeliveryFailure, message?: string, options?: { cause?: unknown }) {
    super('DELIVERY_FAILED', message ?? describeFailure(failure), options);
    this.name = 'DeliveryError';
    this.failure = failure;
  }

  /** Shorthand for `failure.kind`. */
  get kind(): DeliveryFailure['kind'] {
    return this.failure.kind;
  }
}

/** One line for logs and status: "rate limited for 2s", "permanent: channel_not_found". */
export function describeFailure(failure: DeliveryFailure): string {
  switch (failure.kind) {
    case 'rate-limited':
      return `rate limited for ${Math.ceil(failure.retryAfterMs / 1000)}s`;
    case 'transient':
      return `transient: ${failure.reason}`;
    case 'permanent':
      return `permanent: ${failure.reason}`;
  }
}

/**
 * The port each platform adapter implements so the scheduler can post daily briefings:
 * render the Briefing with the adapter's own renderer and send it. Throw DeliveryError for
 * failures the scheduler should understand; anything else is treated as transient.
 */
export interface DailyDeliverer {
  readonly platform: DailyPlatform;
  /** The platform's limits; the scheduler paces sends to stay under them. */
  readonly rateLimit?: RateLimit;
  send(target: DeliveryTarget, briefing: Briefing, signal?: AbortSignal): Promise<DeliveryReceipt>;
}
