import { createHash } from 'node:crypto';
import type { DailyStore } from './store.ts';

/** One incoming webhook that gets the daily briefing without a bot install (DAILY_WEBHOOK_URLS). */
export interface DailyWebhookConfig {
  readonly kind: 'slack' | 'discord';
  /** Secret: whoever has it can post to the channel. Never log it. */
  readonly url: string;
  /** Local `HH:MM`. */
  readonly time: string;
  /** IANA zone. */
  readonly timeZone: string;
}

/**
 * The channel id a webhook's subscription is stored under: its kind and a hash of the URL, so the
 * secret URL itself never reaches the database or the logs.
 */
export function webhookChannelId(webhook: Pick<DailyWebhookConfig, 'kind' | 'url'>): string {
  return `${webhook.kind}-${createHash('sha256').update(webhook.url).digest('hex').slice(0, 16)}`;
}

/**
 * Makes the store's webhook subscriptions match DAILY_WEBHOOK_URLS: adds and updates the listed
 * ones and removes the rest, so running it again changes nothing. A webhook paused by a permanent
 * failure is resumed at start-up: restarting is how an operator says "fixed, try again".
 */
export async function syncWebhookSubscriptions(
  store: DailyStore,
  webhooks: readonly DailyWebhookConfig[],
  now: number,
): Promise<{ readonly added: number; readonly removed: number }> {
  const existing = await store.listSubscriptions({ platform: 'webhook' });
  const wanted = new Set<string>();
  let added = 0;
  for (const webhook of webhooks) {
    const channelId = webhookChannelId(webhook);
    wanted.add(channelId);
    if (!existing.some((s) => s.channelId === channelId)) added++;
    await store.subscribe(
      { platform: 'webhook', channelId, time: webhook.time, timeZone: webhook.timeZone },
      now,
    );
  }
  let removed = 0;
  for (const subscription of existing) {
    if (!wanted.has(subscription.channelId)) {
      await store.unsubscribe('webhook', subscription.channelId);
      removed++;
    }
  }
  return { added, removed };
}
