/** Signatures seen within the window. */
export interface ReplayMemory {
  /** True the first time a signature is seen within the window; false for a replay. */
  firstSight(signature: string, nowMs: number): boolean;
}

/**
 * Remembers request signatures (Slack's and Discord's) for as long as their timestamp is accepted,
 * in memory, per instance: a replay sent to another instance behind the same load balancer is not
 * caught. That is accepted, since a replayed request within the window can only repeat what its
 * asker asked (Slack events are also deduplicated by event id across instances, and a Discord
 * interaction's token answers once). Entries expire in insertion order, so pruning reads from the
 * front.
 */
export function createReplayMemory(windowMs: number): ReplayMemory {
  const seen = new Map<string, number>();
  return {
    firstSight(signature, nowMs) {
      for (const [key, expiresAt] of seen) {
        if (expiresAt > nowMs) break;
        seen.delete(key);
      }
      if (seen.has(signature)) return false;
      seen.set(signature, nowMs + windowMs);
      return true;
    },
  };
}
