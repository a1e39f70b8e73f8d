import type { Entry, Fact, FactTopic } from '../knowledge/schema.ts';

/** What a question asks about its subject: "when was X signed" asks for the `signed` fact. */
export interface QuestionIntent {
  readonly asks: 'when' | 'who' | 'what' | 'where';
  readonly topic?: FactTopic;
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
      /** The fact that answers the question, when the query asks one or names a fact. */
      readonly fact?: Fact;
      readonly intent?: QuestionIntent;
      readonly alternatives: readonly Candidate[];
    }
  | {
      readonly status: 'ambiguous';
      readonly query: string;
      readonly candidates: readonly Candidate[];
    }
  | {
      readonly status: 'not-found';
      readonly query: string;
      readonly suggestions: readonly Candidate[];
    };

/** A suggestion for a query option while the user types. */
export interface Suggestion {
  readonly id: string;
  readonly title: string;
  readonly kind: Entry['kind'];
  /** What the option's value becomes when chosen; the entry's title, at most 100 characters. */
  readonly value: string;
}
