/**
 * The fact index scores by BM25 read straight from its postings, with MiniSearch's formula and
 * parameters; these tests hold it to MiniSearch itself on the same documents and queries.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { bm25Scores, buildBm25 } from '../../../src/core/lookup/bm25.ts';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);

function documents(count: number, random: () => number): string[][] {
  return Array.from({ length: count }, () => {
    const length = 3 + Math.floor(random() * 25);
    // Skewed towards the first words, so some are common and some rare, and words repeat.
    return Array.from(
      { length },
      () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)] ?? 'w0',
    );
  });
}

function miniSearchScores(
  docs: readonly string[][],
  terms: readonly string[],
): Map<number, number> {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(' '), combineWith: 'OR' },
  });
  search.addAll(docs.map((stems, id) => ({ id, text: stems.join(' ') })));
  return new Map(search.search(terms.join(' ')).map((hit) => [hit.id as number, hit.score]));
}

describe('BM25 over the fact postings', () => {
  it('scores every document as MiniSearch does, for queries of one to six terms', () => {
    const random = seeded(2026);
    const docs = documents(300, random);
    const index = buildBm25(docs);
    for (let round = 0; round < 50; round++) {
      const terms = [
        ...new Set(
          Array.from(
            { length: 1 + Math.floor(random() * 6) },
            () => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'w0',
          ),
        ),
      ];
      const ours = bm25Scores(index, terms);
      const theirs = miniSearchScores(docs, terms);
      expect([...ours.keys()].sort((a, b) => a - b)).toEqual(
        [...theirs.keys()].sort((a, b) => a - b),
      );
      for (const [at, score] of theirs) expect(ours.get(at)).toBeCloseTo(score, 12);
    }
  });

  it('gives a document holding more of the terms the higher score', () => {
    const index = buildBm25([
      ['grain', 'deal', 'ended'],
      ['grain', 'harvest', 'record'],
      ['talks'],
    ]);
    const scores = bm25Scores(index, ['grain', 'ended']);
    expect(scores.get(0)).toBeGreaterThan(scores.get(1) ?? 0);
    expect(scores.has(2)).toBe(false);
  });

  it('finds nothing for terms no document holds', () => {
    const index = buildBm25([['grain', 'deal']]);
    expect(bm25Scores(index, ['moratorium', '']).size).toBe(0);
  });
});
