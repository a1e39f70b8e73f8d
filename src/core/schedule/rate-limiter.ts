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
  /** A 429 said to wait: no one posts to `target` (or anywhere, if global) before `until`. */
  block(until: number, target?: string): void;
}

/**
 * Reservation-based pacing: each caller books the next free slot synchronously and then sleeps
 * until it, so many concurrent callers line up evenly instead of bursting and being throttled.
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
    block: (until, target) => {
      if (target === undefined) nextGlobal = Math.max(nextGlobal, until);
      else nextByTarget.set(target, Math.max(nextByTarget.get(target) ?? 0, until));
    },
  };
}
