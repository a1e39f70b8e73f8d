import type { CommandRequest } from './request.ts';

/** A token bucket: `burst` requests at once, then one more every `refillMs`. */
export interface BucketRule {
  readonly burst: number;
  readonly refillMs: number;
}

/** How often one person, and one channel, may ask the bot. */
export interface RateLimits {
  readonly perUser: BucketRule;
  readonly perChannel: BucketRule;
}

/**
 * The limits main.ts uses. A person gets ten commands at once (a few questions and button clicks
 * in a row never meet it), then one a second; a channel thirty, then four a second, so a crowd in
 * one channel cannot flood it or spend the bot's platform quota (each `/daily subscribe` may cost a
 * Slack users.info call).
 */
export const defaultRateLimits: RateLimits = {
  perUser: { burst: 10, refillMs: 1000 },
  perChannel: { burst: 30, refillMs: 250 },
};

/** Whether a request may go ahead; when not, who is limited and for how long. */
export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly scope: 'user' | 'channel'; readonly retryAfterMs: number };

/** Decides per request; keeps its buckets in memory. */
export interface RateLimiter {
  take(request: CommandRequest): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

// Buckets idle long enough to be full again are forgotten every this many requests.
const requestsBetweenSweeps = 1000;

/**
 * Per-user and per-channel token buckets, in memory per instance: behind a load balancer each
 * instance allows the burst, which is acceptable for a cooldown whose purpose is to stop a flood,
 * not to meter. A request spends a token from both buckets or from neither, so a person refused
 * because of the channel keeps their own allowance. The console, one person at a keyboard or a
 * script, is never limited.
 */
export function createRateLimiter(limits: RateLimits, now: () => number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  let requests = 0;

  const refilled = (key: string, rule: BucketRule, at: number): Bucket => {
    const bucket = buckets.get(key) ?? { tokens: rule.burst, at };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + (at - bucket.at) / rule.refillMs);
    bucket.at = at;
    buckets.set(key, bucket);
    return bucket;
  };
  const waitFor = (bucket: Bucket, rule: BucketRule) =>
    Math.ceil((1 - bucket.tokens) * rule.refillMs);

  const sweep = (at: number) => {
    const longest = Math.max(
      limits.perUser.burst * limits.perUser.refillMs,
      limits.perChannel.burst * limits.perChannel.refillMs,
    );
    for (const [key, bucket] of buckets) {
      if (at - bucket.at >= longest) buckets.delete(key);
    }
  };

  return {
    take(request) {
      if (request.platform === 'console') return { allowed: true };
      const at = now();
      if (++requests % requestsBetweenSweeps === 0) sweep(at);
      const user = refilled(`${request.platform}:user:${request.user.id}`, limits.perUser, at);
      const channel = refilled(
        `${request.platform}:channel:${request.channel.id}`,
        limits.perChannel,
        at,
      );
      if (user.tokens < 1) {
        return { allowed: false, scope: 'user', retryAfterMs: waitFor(user, limits.perUser) };
      }
      if (channel.tokens < 1) {
        return {
          allowed: false,
          scope: 'channel',
          retryAfterMs: waitFor(channel, limits.perChannel),
        };
      }
      user.tokens -= 1;
      channel.tokens -= 1;
      return { allowed: true };
    },
  };
}
