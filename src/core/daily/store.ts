import { TrucebriefError } from '../errors.ts';

/** Where a daily post goes: a bot-installed Slack or Discord channel, or a configured incoming webhook. */
export type DailyPlatform = 'slack' | 'discord' | 'webhook';

/** Whether a subscription is posting, or paused by a permanent delivery failure. */
export type SubscriptionStatus = 'active' | 'paused';

/** A channel's daily-briefing subscription. */
export interface Subscription {
  /** `platform:channelId`, stable across unsubscribe and resubscribe so a day's delivery stays unique. */
  readonly id: string;
  readonly platform: DailyPlatform;
  readonly channelId: string;
  /** Slack team or Discord server, when the platform has one. */
  readonly workspaceId: string | null;
  /** Local posting time, `HH:MM` on a 24-hour clock. */
  readonly time: string;
  /** IANA time-zone name, e.g. Europe/Kyiv. */
  readonly timeZone: string;
  readonly status: SubscriptionStatus;
  /** Why it was paused, e.g. "channel_not_found"; null when active. */
  readonly pausedReason: string | null;
  readonly createdBy: string | null;
  /** Epoch ms the current active spell began: posts due before it are not caught up. */
  readonly activeSince: number;
  /**
   * Epoch ms the scheduler next needs to look at it: never after its next post, possibly before
   * (see schedule/next-due.ts). The scheduler's pass reads only subscriptions at or past it.
   */
  readonly nextDueAt: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a subscribe command writes. */
export interface SubscriptionInput {
  readonly platform: DailyPlatform;
  readonly channelId: string;
  readonly workspaceId?: string;
  readonly time: string;
  readonly timeZone: string;
  readonly createdBy?: string;
}

/**
 * The life of one (subscription, local day) delivery:
 * claimed (an instance holds a lease and is sending) → sent | retry (waiting until nextAttemptAt) | failed.
 */
export type DeliveryState = 'claimed' | 'retry' | 'sent' | 'failed';

/** One (subscription, local day) delivery row. */
export interface Delivery {
  readonly subscriptionId: string;
  /** The subscriber's local date, `YYYY-MM-DD`. */
  readonly localDate: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly claimedBy: string | null;
  readonly leaseUntil: number | null;
  readonly nextAttemptAt: number | null;
  readonly messageId: string | null;
  readonly error: string | null;
  readonly sentAt: number | null;
  readonly updatedAt: number;
}

/** Proof that this instance holds a delivery; every follow-up write must present it. */
export interface DeliveryClaim {
  readonly subscriptionId: string;
  readonly localDate: string;
  /** Random per claim, so a stale instance whose lease was taken over cannot overwrite the row. */
  readonly token: string;
  readonly instanceId: string;
  readonly attempt: number;
}

/** What a claim attempt found: ours now, someone else's for now, or settled for the day. */
export type ClaimResult =
  | { readonly outcome: 'claimed'; readonly claim: DeliveryClaim }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'settled' };

/** A new next-due instant for a subscription, computed from the time and zone it was read with. */
export interface NextDueChange {
  readonly subscriptionId: string;
  readonly time: string;
  readonly timeZone: string;
  readonly nextDueAt: number;
}

/** Arguments for claiming a delivery; the lease runs on the store's clock, not the caller's. */
export interface ClaimRequest {
  readonly subscriptionId: string;
  readonly localDate: string;
  readonly instanceId: string;
  /** How long the claim holds before another instance may take it over (after a crash). */
  readonly leaseMs: number;
}

/**
 * Durable state for daily posts, shared by every bot instance. Implemented by SQLite (embedded)
 * and PostgreSQL (shared); both pass tests/infra/store/contract.ts.
 *
 * Every delivery time (leases, retries, when a post went out) is the store's own clock, so
 * instances whose clocks disagree still agree on whose lease is live and what is due.
 */
export interface DailyStore {
  /** Creates or upgrades the schema; safe to run twice and from several instances at once. */
  migrate(): Promise<void>;
  /** The store's clock in epoch ms (PostgreSQL's, or the one SQLite process's): what is due is decided by it. */
  now(): Promise<number>;
  /**
   * Creates a subscription or updates its time and zone; resumes it when paused. Sets its next-due
   * instant: the first slot at or after `now` when created or resumed, today's slot (even if
   * passed, for the scheduler's grace window to judge) when an active one changes.
   */
  subscribe(input: SubscriptionInput, now: number): Promise<Subscription>;
  /** Removes a subscription; its delivery history stays so a day is never posted twice. */
  unsubscribe(platform: DailyPlatform, channelId: string): Promise<boolean>;
  getSubscription(platform: DailyPlatform, channelId: string): Promise<Subscription | undefined>;
  listSubscriptions(filter?: {
    readonly status?: SubscriptionStatus;
    readonly platform?: DailyPlatform;
  }): Promise<readonly Subscription[]>;
  /**
   * Active subscriptions whose next-due instant is at or before `now` (the store's clock), earliest
   * first: what a scheduler pass looks at. Read through an index, so it costs what is due.
   */
  dueSubscriptions(now: number): Promise<readonly Subscription[]>;
  /**
   * Stores new next-due instants. Each applies only while the subscription still has the time and
   * zone it was computed from, so it never overwrites what a `subscribe` in between has set.
   */
  reschedule(changes: readonly NextDueChange[]): Promise<void>;
  /** Stops posting until someone subscribes again; the reason shows in status. */
  pause(subscriptionId: string, reason: string, now: number): Promise<void>;
  /** Atomically takes the (subscription, local day) delivery, if nobody has sent or holds it. */
  claimDelivery(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Called immediately before each send: true, with the lease renewed for `leaseMs`, while the
   * claim is still this one; false once another instance has taken it over, and the send must be
   * dropped. Only a takeover changes the token, so a lease that ran out unnoticed is still ours.
   */
  confirmDelivery(claim: DeliveryClaim, leaseMs: number): Promise<boolean>;
  /** Records the platform's message id; false if the claim was lost. */
  completeDelivery(
    claim: DeliveryClaim,
    result: { readonly messageId: string | null },
  ): Promise<boolean>;
  /** Gives the delivery back to be retried by any instance `retryInMs` from now (the store's now). */
  retryDelivery(
    claim: DeliveryClaim,
    retry: { readonly retryInMs: number; readonly error: string },
  ): Promise<boolean>;
  /** Gives up on the day's delivery. */
  failDelivery(claim: DeliveryClaim, failure: { readonly error: string }): Promise<boolean>;
  /** Hands an unsent claim back at once (shutdown), without counting the attempt. */
  releaseDelivery(claim: DeliveryClaim): Promise<boolean>;
  getDelivery(subscriptionId: string, localDate: string): Promise<Delivery | undefined>;
  /** The most recent delivery row of any state, for status. */
  latestDelivery(subscriptionId: string): Promise<Delivery | undefined>;
  /** The local date of the last sent post strictly before `localDate` ("changed since last post"). */
  lastSentBefore(subscriptionId: string, localDate: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** A store operation that failed (I/O, SQL, connection); the cause holds the driver's error. */
export class StoreError extends TrucebriefError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_FAILED', message, options);
    this.name = 'StoreError';
  }
}

/** The stable id of a platform channel's subscription. */
export function subscriptionId(platform: DailyPlatform, channelId: string): string {
  return `${platform}:${channelId}`;
}
