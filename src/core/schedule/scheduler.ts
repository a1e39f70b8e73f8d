import { setMaxListeners } from 'node:events';
import type { Briefing } from '../briefing/model.ts';
import {
  type DailyDeliverer,
  DeliveryError,
  type DeliveryFailure,
  describeFailure,
} from '../daily/delivery.ts';
import type {
  DailyPlatform,
  DailyStore,
  DeliveryClaim,
  NextDueChange,
  Subscription,
} from '../daily/store.ts';
import type { Logger } from '../logger.ts';
import { type Metrics, noMetrics } from '../metrics.ts';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './backoff.ts';
import { type Clock, SleepAbortedError } from './clock.ts';
import { dueAfterDay, dueAfterLook } from './next-due.ts';
import {
  createRateLimiter,
  createSharedRateLimiter,
  type RateLimiter,
  type SendSlots,
} from './rate-limiter.ts';
import { localDate, zonedInstant } from './time-zone.ts';

/** Everything the scheduler needs, passed in so tests can drive it. */
export interface SchedulerConfig {
  readonly store: DailyStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** One per platform that can post; subscriptions on other platforms wait. */
  readonly deliverers: readonly DailyDeliverer[];
  /** What to post for a subscription on a local day (the same function `/daily preview` uses). */
  readonly compose: (subscription: Subscription, localDate: string) => Promise<Briefing>;
  /** Unique per process, recorded on the claims it holds. */
  readonly instanceId: string;
  /** How late a missed post may still go out after downtime. Default 6 hours. */
  readonly graceMs?: number;
  /** How long a claim holds before another instance may take it over. Default 2 minutes. */
  readonly leaseMs?: number;
  /** How often the loop looks for due posts. Default 15 seconds. */
  readonly tickMs?: number;
  readonly retry?: RetryPolicy;
  /** Where each post's outcome and each 429 are reported; default none. */
  readonly metrics?: Metrics;
  /**
   * Sends in flight at once per platform, so one slow channel never holds up the rest. Default 8.
   * It is also the bound on what a kill -9 can leave posted but unrecorded: at most this many
   * posts per platform per instance, which the next attempt then checks for (see DailyPostKey).
   */
  readonly concurrency?: number;
  /**
   * Where send slots are booked when several instances share the store: each platform's budget
   * (Discord's 50 a second, Slack's post a second per channel) then holds for all of them
   * together. Without it each instance paces only itself.
   */
  readonly sendSlots?: SendSlots;
}

/** What one pass did, for tests, logs and the benchmark. */
export interface TickReport {
  readonly due: number;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly paused: number;
  readonly released: number;
  /** Due but held by another instance, or not yet due for retry. */
  readonly skipped: number;
}

/** Posts each subscription once per local day; start it after the adapters, stop it before the store closes. */
export interface DailyScheduler {
  /** One pass: claim and deliver everything due now. Tests call it directly. */
  tick(): Promise<TickReport>;
  /** Runs passes every `tickMs` until stopped. */
  start(): void;
  /** Stops taking work, releases claims not yet sent, waits for sends in flight; safe to call twice. */
  stop(): Promise<void>;
}

const defaults = { graceMs: 6 * 3_600_000, leaseMs: 120_000, tickMs: 15_000, concurrency: 8 };

/** What became of one due post in a pass; 'settled' (found already sent or given up) counts as skipped. */
type Outcome = 'sent' | 'retried' | 'failed' | 'paused' | 'released' | 'skipped' | 'settled';

type Counts = Record<Exclude<Outcome, 'settled'>, number>;

/** The items in an order drawn from `seed`: the same for one instance on every pass. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  // FNV-1a for the seed, then a linear congruential draw: any stable spread will do.
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}

function noOutcomes(): Counts {
  return { sent: 0, retried: 0, failed: 0, paused: 0, released: 0, skipped: 0 };
}

// Next-due instants are written in batches of this many while a long fan-out runs, so other
// instances stop looking at the days this one has settled.
const rescheduleBatch = 100;

/** The scheduler: claim in the store, send through the platform's deliverer, record the outcome. */
export function createDailyScheduler(config: SchedulerConfig): DailyScheduler {
  const { store, clock, logger } = config;
  const graceMs = config.graceMs ?? defaults.graceMs;
  const leaseMs = config.leaseMs ?? defaults.leaseMs;
  const tickMs = config.tickMs ?? defaults.tickMs;
  const concurrency = config.concurrency ?? defaults.concurrency;
  const retry = config.retry ?? defaultRetryPolicy;
  const metrics = config.metrics ?? noMetrics;
  const deliverers = new Map<DailyPlatform, { deliverer: DailyDeliverer; limiter: RateLimiter }>(
    config.deliverers.map((deliverer) => [
      deliverer.platform,
      {
        deliverer,
        limiter: config.sendSlots
          ? createSharedRateLimiter(
              `daily:${deliverer.platform}`,
              deliverer.rateLimit ?? {},
              config.sendSlots,
              clock,
            )
          : createRateLimiter(deliverer.rateLimit ?? {}, clock),
      },
    ]),
  );
  const stopping = new AbortController();
  // Every queued send listens on this one signal; dozens of listeners are expected, not a leak.
  setMaxListeners(0, stopping.signal);
  let loop: Promise<void> | undefined;
  let current: Promise<TickReport> | undefined;

  const dueToday = (subscription: Subscription, now: number): string | undefined => {
    const date = localDate(now, subscription.timeZone);
    const dueAt = zonedInstant(date, subscription.time, subscription.timeZone);
    if (now < dueAt || now - dueAt > graceMs) return undefined;
    // Subscribing (or resuming) after today's time means tomorrow: no surprise post at once.
    if (dueAt < subscription.activeSince) return undefined;
    return date;
  };

  /** Whether a claim could succeed now: a read, so a worker does not queue for a send slot in vain. */
  const claimable = async (
    subscription: Subscription,
    date: string,
    now: number,
  ): Promise<'claimable' | 'settled' | 'busy'> => {
    const row = await store.getDelivery(subscription.id, date);
    if (!row) return 'claimable';
    switch (row.state) {
      case 'sent':
      case 'failed':
        return 'settled';
      case 'retry':
        return (row.nextAttemptAt ?? 0) <= now ? 'claimable' : 'busy';
      case 'claimed':
        return (row.leaseUntil ?? 0) <= now ? 'claimable' : 'busy';
    }
  };

  const deliver = async (
    subscription: Subscription,
    date: string,
    entry: { deliverer: DailyDeliverer; limiter: RateLimiter },
    now: number,
  ): Promise<Outcome> => {
    const found = await claimable(subscription, date, now);
    if (found !== 'claimable') return found === 'settled' ? 'settled' : 'skipped';
    // The send slot is waited for before claiming: a long 429 (Discord's global one can say
    // 150 s) then holds back only this worker, never a claim whose lease would run out meanwhile.
    try {
      await entry.limiter.acquire(subscription.channelId, stopping.signal);
    } catch (error) {
      if (error instanceof SleepAbortedError) return 'released';
      throw error;
    }
    if (stopping.signal.aborted) return 'released';
    const claimed = await store.claimDelivery({
      subscriptionId: subscription.id,
      localDate: date,
      instanceId: config.instanceId,
      leaseMs,
    });
    if (claimed.outcome !== 'claimed') return claimed.outcome === 'settled' ? 'settled' : 'skipped';
    const claim = claimed.claim;
    const context = { subscription: subscription.id, localDate: date, attempt: claim.attempt };
    try {
      const briefing = await config.compose(subscription, date);
      // Checked again: shutdown may have begun while composing.
      if (stopping.signal.aborted) return await release(claim);
      // The last word before the platform: if another instance took the day over (this one
      // stalled past its lease), the post is theirs and this send is dropped.
      if (!(await store.confirmDelivery(claim, leaseMs))) {
        logger.warn('daily post dropped: its claim was taken over before sending', context);
        return 'skipped';
      }
      const receipt = await entry.deliverer.send(
        {
          platform: subscription.platform,
          channelId: subscription.channelId,
          workspaceId: subscription.workspaceId,
          post: { subscriptionId: subscription.id, localDate: date, attempt: claim.attempt },
        },
        briefing,
      );
      const recorded = await store.completeDelivery(claim, { messageId: receipt.messageId });
      if (!recorded) logger.warn('daily post sent but its claim had been taken over', context);
      logger.info('daily post sent', { ...context, messageId: receipt.messageId });
      return 'sent';
    } catch (error) {
      const failure: DeliveryFailure =
        error instanceof DeliveryError
          ? error.failure
          : { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
      return await handleFailure(subscription, claim, failure, entry.limiter, error);
    }
  };

  const release = async (claim: DeliveryClaim): Promise<Outcome> => {
    await store.releaseDelivery(claim);
    logger.info('daily post released at shutdown', {
      subscription: claim.subscriptionId,
      localDate: claim.localDate,
    });
    return 'released';
  };

  const handleFailure = async (
    subscription: Subscription,
    claim: DeliveryClaim,
    failure: DeliveryFailure,
    limiter: RateLimiter,
    error: unknown,
  ): Promise<Outcome> => {
    // Due times are the store's; the limiter's block is this instance's own pacing.
    const now = await store.now();
    const context = {
      subscription: subscription.id,
      localDate: claim.localDate,
      attempt: claim.attempt,
      error,
    };
    const problem = describeFailure(failure);
    if (failure.kind === 'permanent') {
      await store.failDelivery(claim, { error: problem });
      await store.pause(subscription.id, failure.reason, now);
      logger.warn('daily posts paused: the platform refused the channel', {
        ...context,
        reason: failure.reason,
      });
      return 'paused';
    }
    let wait: number;
    if (failure.kind === 'rate-limited') {
      metrics.rateLimited(subscription.platform, 'daily-post');
      wait = failure.retryAfterMs;
      // Everyone queued behind this channel (or the whole platform) waits too, instead of piling on.
      await limiter.block(wait, failure.global ? undefined : subscription.channelId);
    } else {
      wait = backoffDelay(retry, claim.attempt, subscription.id);
    }
    const dueAt = zonedInstant(claim.localDate, subscription.time, subscription.timeZone);
    // Rate limits do not use up attempts; real failures do, and no retry may fall after the grace window.
    const outOfAttempts = failure.kind !== 'rate-limited' && claim.attempt >= retry.maxAttempts;
    if (outOfAttempts || now + wait - dueAt > graceMs) {
      await store.failDelivery(claim, {
        error: `gave up after ${claim.attempt} attempts: ${problem}`,
      });
      logger.error('daily post given up for today', context);
      return 'failed';
    }
    await store.retryDelivery(claim, { retryInMs: wait, error: problem });
    logger.warn('daily post will be retried', { ...context, retryInMs: wait });
    return 'retried';
  };

  const runPass = async (): Promise<TickReport> => {
    // What is due is decided on the store's clock, so an instance whose own clock runs ahead
    // neither posts early nor sees another instance's live lease as expired.
    const now = await store.now();
    // Only subscriptions whose stored next-due instant has come, read through an index: a pass
    // costs what is due, not every subscription (see next-due.ts for why this is safe).
    const candidates = await store.dueSubscriptions(now);
    const pending: NextDueChange[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const changes = pending.splice(0);
      try {
        await store.reschedule(changes);
      } catch (error) {
        // Harmless: those subscriptions stay due and the next pass looks at them again.
        logger.warn('daily next-due instants could not be stored', {
          subscriptions: changes.length,
          error,
        });
      }
    };
    const moveTo = (subscription: Subscription, nextDueAt: number) => {
      pending.push({
        subscriptionId: subscription.id,
        time: subscription.time,
        timeZone: subscription.timeZone,
        nextDueAt,
      });
    };
    const queues = new Map<DailyPlatform, { subscription: Subscription; date: string }[]>();
    let due = 0;
    for (const subscription of candidates) {
      let date: string | undefined;
      try {
        date = dueToday(subscription, now);
        // Not (or no longer) due: look again at its next slot. A post still being sent or
        // retried stays due, so every instance keeps checking it until its day is settled.
        if (date === undefined) moveTo(subscription, dueAfterLook(subscription, now));
      } catch (error) {
        // A zone this runtime cannot convert must not hold up everyone else's posts.
        logger.error('daily subscription has an unusable time or zone', {
          subscription: subscription.id,
          error,
        });
        continue;
      }
      if (date === undefined || !deliverers.has(subscription.platform)) continue;
      due++;
      const queue = queues.get(subscription.platform) ?? [];
      queue.push({ subscription, date });
      queues.set(subscription.platform, queue);
    }
    await flush();
    const counts = noOutcomes();
    // Platforms run side by side; within one, a fixed pool of workers drains the queue, so a
    // channel that hangs or is throttled ties up one worker, not the whole fan-out.
    const workers: Promise<void>[] = [];
    for (const [platform, due] of queues) {
      const entry = deliverers.get(platform);
      if (!entry) continue;
      // Each instance goes through the due posts in an order of its own, so instances sharing
      // the store rarely reach one post at the same moment: when they do, both book a send slot
      // and one loses the claim, and walking one list in step they would halve the shared pace.
      const queue = shuffled(due, config.instanceId);
      let next = 0;
      const work = async () => {
        for (;;) {
          const item = queue[next++];
          if (!item) return;
          if (stopping.signal.aborted) return;
          try {
            const outcome = await deliver(item.subscription, item.date, entry, now);
            counts[outcome === 'settled' ? 'skipped' : outcome]++;
            // The day is done: the next look is the next day's slot.
            if (outcome === 'sent' || outcome === 'failed' || outcome === 'settled') {
              moveTo(item.subscription, dueAfterDay(item.subscription, item.date));
              if (pending.length >= rescheduleBatch) await flush();
            }
            if (outcome !== 'released' && outcome !== 'skipped' && outcome !== 'settled') {
              metrics.dailyPost(platform, outcome);
            }
          } catch (error) {
            // A store failure on one delivery must not stop the others; the claim's lease expires.
            counts.skipped++;
            logger.error('daily post could not be processed', {
              subscription: item.subscription.id,
              localDate: item.date,
              error,
            });
          }
        }
      };
      for (let i = 0; i < Math.min(concurrency, queue.length); i++) workers.push(work());
    }
    await Promise.all(workers);
    await flush();
    return { due, ...counts };
  };

  const tick = (): Promise<TickReport> => {
    // Passes never overlap: a slow pass delays the next instead of racing it.
    const pass = (current ?? Promise.resolve()).then(runPass, runPass);
    current = pass.catch(() => ({ due: 0, ...noOutcomes() }));
    return pass;
  };

  return {
    tick,
    start: () => {
      if (loop || stopping.signal.aborted) return;
      loop = (async () => {
        while (!stopping.signal.aborted) {
          try {
            await tick();
          } catch (error) {
            logger.error('daily scheduler pass failed', { error });
          }
          try {
            await clock.sleep(tickMs, stopping.signal);
          } catch {
            return;
          }
        }
      })();
    },
    stop: async () => {
      stopping.abort();
      await loop;
      await current;
    },
  };
}
