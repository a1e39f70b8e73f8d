import type { Clock } from './clock.ts';

/** A platform's posting limits, as the scheduler paces them. */
export interface RateLimit {
  /** Requests a second across every channel (Discord: 50 per bot). */
  readonly perSecond?: number;
  /** Minimum gap between posts to one channel (Slack chat.postMessage: about 1 a second). */
  readonly perTargetIntervalMs?: number;
}

/** Hands out send slots so a platform's limits are never exceeded, and pauses on a 429. */
export interface RateLimiter {
  /** Waits for a slot for `target`; rejects if the signal aborts first. */
  acquire(target: string, signal?: AbortSignal): Promise<void>;
  /** A 429 said to wait: no one posts to `target` (or anywhere, if global) for `forMs`. */
  block(forMs: number, target?: string): Promise<void>;
}

/**
 * Reservation-based pacing: each caller books the next free slot synchronously and then sleeps
 * until it, so many concurrent callers line up evenly instead of bursting and being throttled.
 * In memory: the budget of one instance.
 */
export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  const globalGap = limit.perSecond ? 1000 / limit.perSecond : 0;
  let nextGlobal = Number.NEGATIVE_INFINITY;
  const nextByTarget = new Map<string, number>();

  return {
    acquire: async (target, signal) => {
      const now = clock.now();
      let slot = Math.max(now, nextGlobal, nextByTarget.get(target) ?? Number.NEGATIVE_INFINITY);
      if (globalGap > 0) nextGlobal = slot + globalGap;
      if (limit.perTargetIntervalMs) nextByTarget.set(target, slot + limit.perTargetIntervalMs);
      else if (nextByTarget.has(target)) nextByTarget.delete(target);
      slot = Math.ceil(slot);
      if (slot > now) await clock.sleep(slot - now, signal);
    },
    block: async (forMs, target) => {
      const until = clock.now() + forMs;
      if (target === undefined) nextGlobal = Math.max(nextGlobal, until);
      else nextByTarget.set(target, Math.max(nextByTarget.get(target) ?? 0, until));
    },
  };
}

/**
 * Send slots kept where every instance sees them (the shared database), so instances behind a
 * load balancer spend one platform budget between them instead of each spending it in full.
 */
export interface SendSlots {
  /**
   * Books the first free slot of `bucket` at or after `notBefore` (default: the store's now) and
   * moves the bucket's next free slot `gapMs` past it, atomically. Times are the store's clock.
   */
  reserveSendSlot(
    bucket: string,
    gapMs: number,
    notBefore?: number,
  ): Promise<{ readonly slotAt: number; readonly now: number }>;
  /** No slot of `bucket` before the store's now plus `forMs`. */
  blockSendSlots(bucket: string, forMs: number): Promise<void>;
}

/**
 * The same pacing as `createRateLimiter`, booked in shared send slots: a platform's global bucket
 * (`<scope>:global`) and each channel's (`<scope>:target:<id>`). A 429 one instance meets blocks
 * the bucket for all of them. A slot booked and not used (the post turned out settled, or the
 * process stopped) is lost, which only ever makes the instances slower, never faster, than the limit.
 */
export function createSharedRateLimiter(
  scope: string,
  limit: RateLimit,
  slots: SendSlots,
  clock: Clock,
): RateLimiter {
  const globalGap = limit.perSecond ? 1000 / limit.perSecond : 0;
  const globalBucket = `${scope}:global`;
  const targetBucket = (target: string) => `${scope}:target:${target}`;
  return {
    acquire: async (target, signal) => {
      // A global block (a 429 on the whole bot) lies in the global bucket, so it is always read,
      // even with no per-second budget to book.
      const global = await slots.reserveSendSlot(globalBucket, globalGap);
      // The channel's bucket is read even with no interval to book: a 429 on one channel blocks it.
      const { slotAt } = await slots.reserveSendSlot(
        targetBucket(target),
        limit.perTargetIntervalMs ?? 0,
        global.slotAt,
      );
      const wait = Math.ceil(slotAt - global.now);
      if (wait > 0) await clock.sleep(wait, signal);
    },
    block: (forMs, target) =>
      slots.blockSendSlots(target === undefined ? globalBucket : targetBucket(target), forMs),
  };
}
