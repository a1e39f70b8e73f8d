import type { Platform } from '../request.ts';

/** Why someone reports a fact or briefing. */
export const reportReasons = ['wrong', 'outdated', 'missing-source', 'other'] as const;

/** One of the report reasons. */
export type ReportReason = (typeof reportReasons)[number];

/** Whether editors still have to act on a report. */
export type ReportStatus = 'open' | 'resolved';

/** A report as the core files it. The reporter is a keyed hash of the user id, never the id. */
export interface NewReport {
  /** Made from what the report says and who sent it that day, so a double submit is stored once. */
  readonly id: string;
  /** The entry it is about; null for a briefing as a whole (an overview, the timeline). */
  readonly entryId: string | null;
  readonly factId: string | null;
  readonly reason: ReportReason;
  /** What the reporter wrote, plain text and capped; empty when they wrote nothing. */
  readonly details: string;
  readonly platform: Platform;
  readonly channelId: string;
  readonly reporter: string;
}

/** A stored report, with when it came (the store's clock) and what the editors did. */
export interface Report extends NewReport {
  readonly createdAt: number;
  readonly status: ReportStatus;
  readonly resolvedAt: number | null;
  readonly note: string | null;
}

/** What an unanswered question came to: not sure (closest offered, "did you mean") or nothing. */
export type UnansweredOutcome = 'abstained' | 'not-found';

/** A question the bot could not answer, counted: the text only, nothing about who asked. */
export interface UnansweredQuestion {
  readonly text: string;
  readonly outcome: UnansweredOutcome;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** The entry (or `entry/fact`) people went on to open from the suggestions, last one seen. */
  readonly accepted: string | null;
  readonly acceptedCount: number;
}

/** How long unanswered questions are kept, and how many at most. */
export interface UnansweredRetention {
  /** Questions not asked again for this long (ms) are forgotten. */
  readonly maxAgeMs: number;
  /** Past this many, the least recently asked are forgotten. */
  readonly maxQuestions: number;
}

/** Reports and unanswered questions in the store, shared by every instance. */
export interface FeedbackStore {
  /** Files a report; `created` is false when the same report was filed already (it is kept once). */
  addReport(report: NewReport): Promise<{ readonly report: Report; readonly created: boolean }>;
  listReports(filter: {
    readonly status?: ReportStatus;
    readonly since?: number;
    readonly limit?: number;
  }): Promise<readonly Report[]>;
  getReport(id: string): Promise<Report | undefined>;
  /** Closes a report with the editor's note; undefined when there is no such report. */
  resolveReport(id: string, note: string): Promise<Report | undefined>;
  /** Counts one more asking of a question (inserted the first time). */
  recordUnanswered(text: string, outcome: UnansweredOutcome): Promise<void>;
  /** Notes that people asking `text` went on to open `accepted` from its suggestions. */
  acceptSuggestion(text: string, accepted: string): Promise<void>;
  /** The most asked since `since` (epoch ms), most first, at most `limit`. */
  listUnanswered(filter: {
    readonly since?: number;
    readonly limit: number;
  }): Promise<readonly UnansweredQuestion[]>;
  /** Forgets what the retention no longer keeps; returns how many were forgotten. */
  pruneUnanswered(retention: UnansweredRetention): Promise<number>;
}
