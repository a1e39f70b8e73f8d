import type { Entry, Fact } from '../knowledge/schema.ts';

/** What a checked claim is about: the agreement's dates, its signers, ratification, an event's date, a vote. */
export type ClaimAbout =
  | 'signed'
  | 'signatories'
  | 'ratified'
  | 'in-force'
  | 'ended'
  | 'annexed'
  | 'date'
  | 'vote';

/**
 * The verdict on one claim: it `matches` the record, the record `differs` (and says what it holds),
 * or the entry is in the knowledge but the point is `unknown` to it. Claims the checker cannot tie
 * to an entry with confidence get no verdict at all: a false correction is worse than silence.
 */
export type ClaimVerdict = 'matches' | 'differs' | 'unknown';

/** One claim found in a message, tied to an entry and judged against the record. */
export interface CheckedClaim {
  readonly entry: Entry;
  readonly about: ClaimAbout;
  /** The words of the message the claim stands on, as written (clipped), for quoting back. */
  readonly said: string;
  readonly verdict: ClaimVerdict;
  /** What the record holds on the point, as a sentence, when it holds something. */
  readonly record?: string;
  /** The fact the record's sentence comes from, for its date and source. */
  readonly fact?: Fact;
  /** The source id the record's sentence cites. */
  readonly source?: string;
}

/** What checking a message found: the entries it names and the claims tied to them. */
export interface CheckResult {
  /** The text checked, after cleaning (code, links and mentions left out). */
  readonly text: string;
  /** Every entry the message names, in order of first mention. */
  readonly entries: readonly Entry[];
  readonly claims: readonly CheckedClaim[];
  /** The message was longer than the checker reads; only its start was checked. */
  readonly truncated: boolean;
  /** There was no text to check at all (an attachment, an empty message). */
  readonly empty: boolean;
}
