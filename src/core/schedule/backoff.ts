/** How failed sends are retried. */
export interface RetryPolicy {
  /** Wait before the second attempt; doubles each time after. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts in all, the first included, before the day's post is given up. */
  readonly maxAttempts: number;
}

/** Thirty seconds, doubling to at most half an hour, eight tries: about two hours of outage covered. */
export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 8,
};

/**
 * The wait after failed attempt number `attempt` (1-based). Jitter comes from the caller's key so
 * that channels failing together spread out, yet a given (channel, attempt) always waits the same,
 * which keeps tests deterministic.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, jitterKey = ''): number {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  let hash = 2166136261;
  for (const char of `${jitterKey}#${attempt}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  }
  const jitter = ((hash >>> 0) % 1000) / 1000; // 0 ≤ jitter < 1
  // Up to +20%, never past the cap.
  return Math.min(policy.maxDelayMs, Math.round(exponential * (1 + 0.2 * jitter)));
}
