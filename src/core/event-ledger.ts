/**
 * The port that remembers which platform events were already handled, so an event delivered again
 * (Slack retries an event it thinks went unanswered) is answered once. The store implements it for
 * every instance to share; the memory one serves a single process (tests, a bot without a store).
 */
export interface EventLedger {
  /**
   * Records `key` as handled until `expiresAt` (epoch ms) and says whether this is its first
   * sighting: true when it was not recorded or its record had expired, false for a repeat. Atomic:
   * of two instances recording one key at once, one gets true.
   */
  firstSighting(key: string, now: number, expiresAt: number): Promise<boolean>;
}

/**
 * An in-memory ledger for one process. Callers keep one window, so keys expire in the order they
 * were recorded and pruning reads from the front until the first live key.
 */
export function createMemoryEventLedger(): EventLedger {
  const seen = new Map<string, number>();
  return {
    async firstSighting(key, now, expiresAt) {
      for (const [old, until] of seen) {
        if (until > now) break;
        seen.delete(old);
      }
      const until = seen.get(key);
      if (until !== undefined && until > now) return false;
      // Deleted first so a key recorded again moves to the back, keeping the order by expiry.
      seen.delete(key);
      seen.set(key, expiresAt);
      return true;
    },
  };
}
