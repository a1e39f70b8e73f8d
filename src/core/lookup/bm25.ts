/**
 * BM25 over the facts' stems: a question's rare words ("moratorium") weigh more than its common ones
 * ("Russia"), which fuse.js's spelling match cannot do. The facts reach this module tokenized and
 * stemmed the way questions are, so all it keeps is postings: for each stem, the facts holding it
 * and how often.
 *
 * The scoring is MiniSearch's (BM25+ with k 1.2, b 0.7, d 0.5; a fact's length is its count of
 * distinct stems; an OR query sums the terms' scores and multiplies by how many of them the fact
 * holds), which this index used before. MiniSearch's query machinery (a radix tree walk and
 * match bookkeeping per term) was a fifth of every lookup; reading the postings directly gives the
 * same scores at a fraction of that. tests/core/lookup/bm25.test.ts holds the two to each other.
 * https://lucaong.github.io/minisearch/
 */
import { onceFor } from './once-for.ts';

/** The facts holding one stem, in index order, and how often each holds it. */
interface TermPostings {
  readonly facts: readonly number[];
  readonly frequencies: readonly number[];
}

/** Postings and lengths of the documents (facts, by place in the fact index). */
export interface Bm25Index {
  readonly postings: ReadonlyMap<string, TermPostings>;
  /** Each document's count of distinct stems. */
  readonly lengths: readonly number[];
  readonly averageLength: number;
  readonly documentCount: number;
}

const k = 1.2;
const b = 0.7;
const d = 0.5;

/** Indexes documents given as their stems, in order (a stem may repeat). */
export function buildBm25(documents: readonly (readonly string[])[]): Bm25Index {
  const postings = new Map<string, { facts: number[]; frequencies: number[] }>();
  const lengths: number[] = [];
  let averageLength = 0;
  documents.forEach((stems, at) => {
    const length = new Set(stems).size;
    lengths.push(length);
    // Averaged as each document is added, as MiniSearch does, so the scores agree to the last digit.
    averageLength = (averageLength * at + length) / (at + 1);
    for (const stem of stems) {
      if (stem === '') continue;
      let list = postings.get(stem);
      if (!list) {
        list = { facts: [], frequencies: [] };
        postings.set(stem, list);
      }
      const last = list.facts.length - 1;
      if (list.facts[last] === at) list.frequencies[last] = (list.frequencies[last] ?? 0) + 1;
      else {
        list.facts.push(at);
        list.frequencies.push(1);
      }
    }
  });
  return { postings, lengths, averageLength, documentCount: documents.length };
}

/**
 * Each document holding any of the terms (distinct stems), with its score: the sum of the terms'
 * BM25+ scores times how many of the terms it holds. In the order the documents were first met.
 */
export function bm25Scores(index: Bm25Index, terms: readonly string[]): Map<number, number> {
  // Summed in reusable arrays by document rather than in maps: every posting of every term used to
  // box a new number into a map, and only the totals are kept.
  const { sums, held } = scratchFor(index);
  const met: number[] = [];
  for (const term of terms) {
    const list = index.postings.get(term);
    if (!list) continue;
    const matching = list.facts.length;
    const idf = Math.log(1 + (index.documentCount - matching + 0.5) / (matching + 0.5));
    for (let i = 0; i < matching; i++) {
      const at = list.facts[i] as number;
      const frequency = list.frequencies[i] as number;
      const length = index.lengths[at] as number;
      const score =
        idf *
        (d +
          (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / index.averageLength)));
      if (held[at] === 0) met.push(at);
      sums[at] = (sums[at] as number) + score;
      held[at] = (held[at] as number) + 1;
    }
  }
  const scores = new Map<number, number>();
  for (const at of met) {
    scores.set(at, (sums[at] as number) * (held[at] as number));
    sums[at] = 0;
    held[at] = 0;
  }
  return scores;
}

/** Per-document sums and counts, kept zeroed between calls (scoring is synchronous). */
const scratchFor = onceFor((index: Bm25Index) => ({
  sums: new Float64Array(index.documentCount),
  held: new Uint32Array(index.documentCount),
}));
