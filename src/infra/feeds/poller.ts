import {
  type FeedConfig,
  type FeedStore,
  keptByKeywords,
  type Logger,
  type NewFeedItem,
  toFeedItem,
} from '../../core/index.ts';
import { defaultFetchLimits, type FetchLimits, fetchFeed } from './fetch.ts';
import { parseFeedText } from './parse.ts';

/** What one feed's poll came to, for the log and the CLI. */
export type FeedPollOutcome =
  | { readonly feedId: string; readonly outcome: 'skipped' }
  | { readonly feedId: string; readonly outcome: 'not-modified' }
  | {
      readonly feedId: string;
      readonly outcome: 'fetched';
      readonly items: number;
      readonly queued: number;
      /** Entries dropped for having no http(s) link or no title. */
      readonly malformed: number;
    }
  | {
      readonly feedId: string;
      readonly outcome: 'failed';
      readonly error: string;
      readonly retryInMs: number;
    };

/** What the poller needs. */
export interface FeedPollerOptions {
  readonly feeds: readonly FeedConfig[];
  readonly store: FeedStore;
  readonly logger: Logger;
  /** Between polls of a feed that answered (FEEDS_POLL_MINUTES); a feed's `everyMinutes` wins. */
  readonly intervalMs: number;
  readonly limits?: FetchLimits;
  /** The longest wait after failures; default a day. */
  readonly maxBackoffMs?: number;
  /** How often due feeds are looked for; default a minute. */
  readonly tickMs?: number;
}

/** Polls the feeds that are due; `start` does so on a timer that never keeps the process alive. */
export interface FeedPoller {
  pollDue(): Promise<readonly FeedPollOutcome[]>;
  start(): void;
  /** Stops the timer and waits for a poll in progress. */
  stop(): Promise<void>;
}

/**
 * Builds the poller. Each feed is claimed in the store before it is fetched, so of several
 * instances one polls it; feeds are fetched side by side, each bounded in time and size, so a slow
 * or dead one holds up no other. A failure doubles the wait before the next try, up to a day.
 */
export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const { store, logger } = options;
  const limits = options.limits ?? defaultFetchLimits;
  const maxBackoffMs = options.maxBackoffMs ?? 86_400_000;
  // Held long enough for every hop of the request and the store's writes after it.
  const leaseMs = limits.timeoutMs + 60_000;

  const pollOne = async (feed: FeedConfig): Promise<FeedPollOutcome> => {
    const interval = feed.everyMinutes ? feed.everyMinutes * 60_000 : options.intervalMs;
    const state = await store.claimFeed(feed.id, leaseMs);
    if (!state) return { feedId: feed.id, outcome: 'skipped' };
    try {
      const response = await fetchFeed(feed.url, state, limits);
      if (response.status === 'not-modified') {
        await store.finishFeedPoll(feed.id, {
          etag: state.etag,
          lastModified: state.lastModified,
          failures: 0,
          nextPollInMs: interval,
          error: null,
        });
        return { feedId: feed.id, outcome: 'not-modified' };
      }
      const entries = parseFeedText(response.text);
      const items: NewFeedItem[] = [];
      let malformed = 0;
      for (const entry of entries) {
        const item = toFeedItem(feed, entry);
        if (!item) malformed += 1;
        else if (keptByKeywords(feed, `${entry.title} ${entry.summary ?? ''}`)) items.push(item);
      }
      const queued = await store.addFeedItems(items);
      await store.finishFeedPoll(feed.id, {
        etag: response.etag,
        lastModified: response.lastModified,
        failures: 0,
        nextPollInMs: interval,
        error: null,
      });
      logger.info('feed polled', { feed: feed.id, items: entries.length, queued, malformed });
      return { feedId: feed.id, outcome: 'fetched', items: entries.length, queued, malformed };
    } catch (error) {
      const failures = state.failures + 1;
      const retryInMs = Math.min(maxBackoffMs, interval * 2 ** (failures - 1));
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      logger.warn('feed poll failed', { feed: feed.id, error: message, failures, retryInMs });
      // Validators are kept: the feed's content has not changed for us.
      await store.finishFeedPoll(feed.id, {
        etag: state.etag,
        lastModified: state.lastModified,
        failures,
        nextPollInMs: retryInMs,
        error: message.slice(0, 300),
      });
      return { feedId: feed.id, outcome: 'failed', error: message, retryInMs };
    }
  };

  const pollDue = async (): Promise<readonly FeedPollOutcome[]> => {
    const settled = await Promise.allSettled(options.feeds.map(pollOne));
    return settled.map((result, index) => {
      if (result.status === 'fulfilled') return result.value;
      // Only the store can fail here (the claim or the record of a failure); try again next tick.
      const feedId = options.feeds[index]?.id ?? '?';
      logger.error('feed poll could not reach the store', { feed: feedId, error: result.reason });
      return { feedId, outcome: 'failed', error: 'store unavailable', retryInMs: 0 };
    });
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = pollDue().finally(() => {
      running = undefined;
    });
  };
  return {
    pollDue,
    start() {
      if (timer || options.feeds.length === 0) return;
      timer = setInterval(tick, options.tickMs ?? 60_000);
      timer.unref();
      setImmediate(tick).unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
