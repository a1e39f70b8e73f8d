import type { Entry, Fact, FactTopic, QuestionForm } from '../knowledge/schema.ts';

/** What a question asks: "when was X signed" asks `when`, about the `signed` topic. */
export interface QuestionIntent {
  readonly forms: readonly QuestionForm[];
  readonly topics: readonly FactTopic[];
}

/** A fact that may answer a question, with how sure lookup is (0..1). */
export interface FactCandidate {
  readonly entry: Entry;
  readonly fact: Fact;
  readonly confidence: number;
}

/** An entry that fits a query, with how well (0..1). */
export interface Candidate {
  readonly entry: Entry;
  readonly confidence: number;
}

/** The outcome of a lookup: an expected value, never an exception. */
export type LookupResult =
  | {
      readonly status: 'found';
      readonly query: string;
      readonly entry: Entry;
      readonly confidence: number;
      /** The fact that answers the question, when the query asks one and lookup is sure of it. */
      readonly fact?: Fact;
      /** `entry-id/fact-id` of that fact. */
      readonly factId?: string;
      /** For a yes-or-no question, the answer the fact gives. */
      readonly yes?: boolean;
      /** Whether the query asked something about the entry (not just its name). */
      readonly asked: boolean;
      readonly intent?: QuestionIntent;
      readonly alternatives: readonly Candidate[];
      /** When a question was asked but no fact answers it surely: the closest facts. */
      readonly suggestedFacts: readonly FactCandidate[];
    }
  | {
      readonly status: 'ambiguous';
      readonly query: string;
      readonly candidates: readonly Candidate[];
      readonly suggestedFacts: readonly FactCandidate[];
    }
  | {
      readonly status: 'not-found';
      readonly query: string;
      readonly suggestions: readonly Candidate[];
      readonly suggestedFacts: readonly FactCandidate[];
      /** Set when the question is about a time after the knowledge's coverage: the date it ends. */
      readonly beyondCoverage?: string;
      /**
       * Set when the question asks for the newest: the date the knowledge covers events through,
       * with `suggestedFacts` the most recent facts it finds, newest first.
       */
      readonly latest?: string;
    };

/** A suggestion for a query option while the user types. */
export interface Suggestion {
  readonly id: string;
  readonly title: string;
  readonly kind: Entry['kind'];
  /** What the option's value becomes when chosen: the entry's title, which adapters clip to their platform's limit. */
  readonly value: string;
}
