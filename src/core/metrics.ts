import type { DailyPlatform } from './daily/store.ts';
import type { Platform } from './request.ts';

/** What a lookup came to: a sure answer, the closest offered instead, or nothing close. */
export type LookupOutcome = 'answered' | 'abstained' | 'not-found';

/**
 * What a command came to. The lookup outcomes for commands that look something up; `listed` for
 * those that answer from the knowledge without one (help, timeline, an empty /agreement); the rest
 * name themselves. Unknown command names are never a label: people type anything.
 */
export type CommandOutcome =
  | LookupOutcome
  | 'listed'
  | 'daily'
  | 'reported'
  | 'unknown-command'
  | 'rate-limited'
  | 'failed';

/** What the platform was answering when it said 429: a daily post, or a reply to someone. */
export type RateLimitedWork = 'daily-post' | 'reply';

/** What became of a daily post's attempt (the scheduler's outcomes an operator acts on). */
export type DailyPostOutcome = 'sent' | 'retried' | 'failed' | 'paused';

/**
 * The port the core reports its work through, as the Logger port is for log lines: the core says
 * what happened, `src/infra` turns it into Prometheus metrics, so no registry lives in the core.
 */
export interface Metrics {
  /** A command answered by `Core.handle`; `seconds` from the request to the briefing (or failure). */
  commandHandled(event: {
    readonly command: string;
    readonly platform: Platform;
    readonly outcome: CommandOutcome;
    readonly seconds: number;
  }): void;
  /** One lookup's outcome, counted per request, cached briefings included. */
  lookup(outcome: LookupOutcome): void;
  /** One daily post attempt's outcome. */
  dailyPost(platform: DailyPlatform, outcome: DailyPostOutcome): void;
  /** The platform answered 429: too many requests. */
  rateLimited(platform: DailyPlatform, work: RateLimitedWork): void;
}

/** Metrics nobody collects: the default, so tests and the CLI need not pass any. */
export const noMetrics: Metrics = {
  commandHandled: () => {},
  lookup: () => {},
  dailyPost: () => {},
  rateLimited: () => {},
};
