import type { DailyDeliverer } from '../daily/delivery.ts';
import type { DailyPlatform, DailyStore } from '../daily/store.ts';
import type { FeedStore } from '../feeds/store.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { Logger } from '../logger.ts';
import { composeReview, reviewReports } from './review.ts';
import type { FeedbackStore } from './store.ts';

/** A channel the weekly digest goes to (EDITORS_CHANNEL, per platform). */
export interface EditorsChannel {
  readonly platform: Exclude<DailyPlatform, 'webhook'>;
  readonly channelId: string;
}

/** What the digest needs; the store's delivery claims make one instance post each week's digest. */
export interface EditorsDigestOptions {
  readonly store: DailyStore;
  readonly feedback: Pick<FeedbackStore, 'listReports' | 'listUnanswered'>;
  readonly feeds?: Pick<FeedStore, 'listFeedItems'>;
  readonly knowledge: Knowledge;
  readonly deliverers: readonly DailyDeliverer[];
  readonly channels: readonly EditorsChannel[];
  readonly instanceId: string;
  readonly logger: Logger;
  /** How often to look whether a digest is due; default an hour. */
  readonly checkEveryMs?: number;
}

/** Posts the week's digest once it is due; `start` looks on a timer that never holds the process. */
export interface EditorsDigest {
  runDue(): Promise<void>;
  start(): void;
  stop(): void;
}

const day = 86_400_000;
/** Monday 09:00 UTC: the start of the editors' week. */
const dueHourUtc = 9;
const leaseMs = 5 * 60_000;
const retryMs = 3_600_000;
const maxAttempts = 5;

/** The Monday (UTC) of the week `at` falls in, as YYYY-MM-DD. */
export function weekOf(at: number): string {
  const monday = Math.floor(at / day) * day - ((new Date(at).getUTCDay() + 6) % 7) * day;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * The weekly digest for the editors: the same view as `review`, rendered by each platform's own
 * renderer through its deliverer. Each (channel, week) is claimed in the store like a daily post,
 * so several instances post it once; a failed send is retried hourly, five times.
 */
export function createEditorsDigest(options: EditorsDigestOptions): EditorsDigest {
  const { store, logger } = options;
  const runDue = async () => {
    const now = await store.now();
    const week = weekOf(now);
    if (now < Date.parse(`${week}T00:00:00Z`) + dueHourUtc * 3_600_000) return;
    for (const channel of options.channels) {
      const deliverer = options.deliverers.find((d) => d.platform === channel.platform);
      if (!deliverer) continue;
      const claimed = await store.claimDelivery({
        subscriptionId: `editors:${channel.platform}:${channel.channelId}`,
        localDate: week,
        instanceId: options.instanceId,
        leaseMs,
      });
      if (claimed.outcome !== 'claimed') continue;
      const { claim } = claimed;
      try {
        const briefing = composeReview(
          options.knowledge,
          {
            reports: reviewReports(
              options.knowledge,
              await options.feedback.listReports({ status: 'open' }),
            ),
            unanswered: await options.feedback.listUnanswered({ since: now - 7 * day, limit: 10 }),
            newFeedItems: options.feeds
              ? (await options.feeds.listFeedItems({ status: 'new', limit: 1000 })).length
              : 0,
            since: { at: now - 7 * day, label: 'the last 7 days' },
          },
          'Weekly digest for the editors',
        );
        if (!(await store.confirmDelivery(claim, leaseMs))) continue;
        const receipt = await deliverer.send(
          { platform: channel.platform, channelId: channel.channelId, workspaceId: null },
          briefing,
        );
        await store.completeDelivery(claim, receipt);
        logger.info('editors digest posted', { platform: channel.platform, week });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.warn('editors digest failed', { platform: channel.platform, week, error });
        if (claim.attempt >= maxAttempts) await store.failDelivery(claim, { error: message });
        else await store.retryDelivery(claim, { retryInMs: retryMs, error: message });
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    runDue,
    start() {
      if (timer || options.channels.length === 0) return;
      const tick = () => {
        runDue().catch((error: unknown) => logger.error('editors digest could not run', { error }));
      };
      timer = setInterval(tick, options.checkEveryMs ?? 3_600_000);
      timer.unref();
      setImmediate(tick).unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
