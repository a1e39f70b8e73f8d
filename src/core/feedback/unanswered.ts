import type { LookupResult } from '../lookup/result.ts';
import type { CommandRequest } from '../request.ts';
import type { FeedbackStore, UnansweredOutcome, UnansweredRetention } from './store.ts';

/** The longest question kept, after folding: the start says what it was about. */
const maxQuestionLength = 200;
/** A suggestion opened within this long of the question counts as accepted. */
const acceptWindowMs = 10 * 60_000;
/** Questions awaiting an accepted suggestion, at most; the oldest are dropped first. */
const maxPending = 1000;
/** The store forgets old questions once every this many recorded. */
const recordsBetweenPrunes = 500;

/** The default retention: 90 days, 5,000 questions. */
export const defaultUnansweredRetention: UnansweredRetention = {
  maxAgeMs: 90 * 86_400_000,
  maxQuestions: 5000,
};

/**
 * A question as it is counted: lower case, punctuation and spacing folded, and anything that could
 * name or reach a person (a mention, an e-mail address, a link, a long number) replaced by a
 * placeholder, so the count keeps what was asked and nothing about who asked.
 */
export function foldQuestion(query: string): string {
  return query
    .normalize('NFKC')
    .replace(/<[@#!][^>]*>/g, ' [mention] ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' [email] ')
    .replace(/\b(https?:\/\/|www\.)\S+/gi, ' [link] ')
    .replace(/@\S+/g, ' [mention] ')
    .replace(/\+?\d[\d\s().-]{6,}\d/g, ' [number] ')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}[\]\s'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxQuestionLength)
    .trim();
}

/** What a lookup offered instead of an answer: entry ids and `entry/fact` ids. */
function offered(result: LookupResult): readonly string[] {
  const facts = result.suggestedFacts.flatMap((c) => [c.entry.id, `${c.entry.id}/${c.fact.id}`]);
  switch (result.status) {
    case 'found':
      return [result.entry.id, ...facts];
    case 'ambiguous':
      return [...result.candidates.map((c) => c.entry.id), ...facts];
    case 'not-found':
      return [...result.suggestions.map((c) => c.entry.id), ...facts];
  }
}

/** Counts unanswered questions and notices which suggestion the asker then took. */
export interface UnansweredTracker {
  /** A question the bot did not answer surely. */
  missed(
    request: CommandRequest,
    query: string,
    outcome: UnansweredOutcome,
    result: LookupResult,
  ): void;
  /** A sure answer: if it is one the same person was just offered, the suggestion was accepted. */
  answered(request: CommandRequest, result: LookupResult): void;
}

/**
 * Builds the tracker. Store writes run in the background (the answer never waits for them);
 * a failure goes to `onError`. Who asked is held in memory only, for the few minutes in which
 * a click on a suggestion counts as accepting it, and never stored.
 */
export function createUnansweredTracker(options: {
  readonly store: FeedbackStore;
  readonly retention: UnansweredRetention;
  readonly now: () => number;
  readonly onError: (what: string, error: unknown) => void;
}): UnansweredTracker {
  const { store, now, onError } = options;
  const pending = new Map<string, { text: string; offered: ReadonlySet<string>; at: number }>();
  let records = 0;
  const keyOf = (request: CommandRequest) => `${request.platform}:${request.user.id}`;
  const background = (what: string, work: () => Promise<unknown>) => {
    work().catch((error: unknown) => onError(what, error));
  };
  return {
    missed(request, query, outcome, result) {
      const text = foldQuestion(query);
      if (text === '') return;
      background('record an unanswered question', () => store.recordUnanswered(text, outcome));
      records += 1;
      if (records % recordsBetweenPrunes === 0) {
        background('forget old unanswered questions', () =>
          store.pruneUnanswered(options.retention),
        );
      }
      const key = keyOf(request);
      pending.delete(key);
      pending.set(key, { text, offered: new Set(offered(result)), at: now() });
      if (pending.size > maxPending) {
        const oldest = pending.keys().next();
        if (!oldest.done) pending.delete(oldest.value);
      }
    },
    answered(request, result) {
      if (result.status !== 'found') return;
      const key = keyOf(request);
      const asked = pending.get(key);
      if (!asked) return;
      pending.delete(key);
      if (now() - asked.at > acceptWindowMs) return;
      const withFact = result.factId ?? '';
      const accepted = asked.offered.has(withFact) ? withFact : result.entry.id;
      if (!asked.offered.has(accepted)) return;
      background('record an accepted suggestion', () =>
        store.acceptSuggestion(asked.text, accepted),
      );
    },
  };
}
