import {
  type DailyPlatform,
  type Delivery,
  type DeliveryState,
  StoreError,
  type Subscription,
  type SubscriptionStatus,
} from '../../core/index.ts';

/** A row as either driver returns it; pg returns BIGINT as a string. */
export type Row = Readonly<Record<string, unknown>>;

const platforms: readonly DailyPlatform[] = ['slack', 'discord', 'webhook'];
const statuses: readonly SubscriptionStatus[] = ['active', 'paused'];
const states: readonly DeliveryState[] = ['claimed', 'retry', 'sent', 'failed'];

/** A column's value, which must be one of `allowed`. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown, column: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined)
    throw new StoreError(`unexpected ${column} in the store: ${String(value)}`);
  return found;
}

/** Column readers, for both drivers (pg returns BIGINT as a string). */
export const text = (value: unknown): string => String(value);
export const nullableText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
export const int = (value: unknown): number => Number(value);
export const nullableInt = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** Maps a `subscriptions` row to a Subscription. */
export function toSubscription(row: Row): Subscription {
  return {
    id: text(row.id),
    platform: oneOf(platforms, row.platform, 'platform'),
    channelId: text(row.channel_id),
    workspaceId: nullableText(row.workspace_id),
    time: text(row.post_time),
    timeZone: text(row.time_zone),
    status: oneOf(statuses, row.status, 'status'),
    pausedReason: nullableText(row.paused_reason),
    createdBy: nullableText(row.created_by),
    activeSince: int(row.active_since),
    nextDueAt: int(row.next_due_at),
    createdAt: int(row.created_at),
    updatedAt: int(row.updated_at),
  };
}

/** Maps a `deliveries` row to a Delivery. */
export function toDelivery(row: Row): Delivery {
  return {
    subscriptionId: text(row.subscription_id),
    localDate: text(row.local_date),
    state: oneOf(states, row.state, 'delivery state'),
    attempts: int(row.attempts),
    claimedBy: nullableText(row.claimed_by),
    leaseUntil: nullableInt(row.lease_until),
    nextAttemptAt: nullableInt(row.next_attempt_at),
    messageId: nullableText(row.message_id),
    error: nullableText(row.error),
    sentAt: nullableInt(row.sent_at),
    updatedAt: int(row.updated_at),
  };
}
