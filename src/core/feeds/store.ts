import type { FeedItem, FeedItemStatus, NewFeedItem } from './items.ts';

/** A feed's polling state: what to send for a conditional request, and how it last went. */
export interface FeedPollState {
  readonly feedId: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Failed polls in a row; the backoff grows with it. */
  readonly failures: number;
}

/** How a poll ended. */
export interface FeedPollResult {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly failures: number;
  /** When the feed is next due, in ms from now (the store's clock). */
  readonly nextPollInMs: number;
  readonly error: string | null;
}

/** Feeds and their queued items in the store, shared by every instance. */
export interface FeedStore {
  /**
   * Takes a feed for polling when it is due, holding it for `leaseMs` so no other instance
   * polls it meanwhile; undefined when it is not due or is taken.
   */
  claimFeed(feedId: string, leaseMs: number): Promise<FeedPollState | undefined>;
  finishFeedPoll(feedId: string, result: FeedPollResult): Promise<void>;
  /** Queues items not seen before, by link or guid, from any feed; returns how many were new. */
  addFeedItems(items: readonly NewFeedItem[]): Promise<number>;
  listFeedItems(filter: {
    readonly status?: FeedItemStatus;
    readonly since?: number;
    readonly limit: number;
  }): Promise<readonly FeedItem[]>;
  getFeedItem(id: string): Promise<FeedItem | undefined>;
  setFeedItemStatus(id: string, status: FeedItemStatus): Promise<boolean>;
}
