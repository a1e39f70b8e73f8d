/**
 * The ranking score is spelled out feature by feature for speed; it must stay the fitted model:
 * every feature in `rankingFeatureNames`, each times its own weight. A ranked fact's features,
 * made only when asked for, must be those it was scored by.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, loadKnowledgeDir } from '../../../src/core/index.ts';
import {
  type RankingFeatures,
  rankingFeatureNames,
  type ScoredFact,
  scoreOf,
} from '../../../src/core/lookup/facts.ts';
import { rankingWeights } from '../../../src/core/lookup/ranking-model.ts';

describe('the ranking score', () => {
  it.each(rankingFeatureNames)('counts %s, at its own weight', (name) => {
    const zero = Object.fromEntries(rankingFeatureNames.map((n) => [n, 0])) as Record<
      keyof RankingFeatures,
      number
    >;
    const one: RankingFeatures = { ...zero, [name]: 1 };
    const weights = Object.fromEntries(
      rankingFeatureNames.map((n, i) => [n, n === name ? 2.5 : i + 100]),
    ) as Record<keyof RankingFeatures, number>;
    expect(scoreOf(zero, weights)).toBe(0);
    expect(scoreOf(one, weights)).toBe(2.5);
  });

  it('is the sum over every feature for the fitted weights', () => {
    const features = Object.fromEntries(
      rankingFeatureNames.map((n, i) => [n, ((i * 37) % 11) / 10 - 0.3]),
    ) as unknown as RankingFeatures;
    const sum = rankingFeatureNames.reduce(
      (total, name) => total + rankingWeights[name] * features[name],
      0,
    );
    expect(scoreOf(features, rankingWeights)).toBeCloseTo(sum, 10);
  });
});

describe('a ranked fact', () => {
  it('gives, asked later, the features it was scored by, though other questions ran since', async () => {
    // Features are made on first use, from what was measured of the fact, while the marks its
    // measuring used are reused by every question after it.
    const core = createCore(
      await loadKnowledgeDir(path.join(import.meta.dirname, '../../../knowledge')),
    );
    const kept: { ranked: readonly ScoredFact[]; read: string[] }[] = [];
    for (const question of [
      'who brokered minsk ii',
      'how many states voted for es-11/1',
      'коли росія вийшла з зернової угоди',
    ]) {
      core.lookup(question, {
        inspect: ({ ranked }) => {
          // The first three read at once, the rest only after the other questions.
          kept.push({
            ranked,
            read: ranked.slice(0, 3).map((fact) => JSON.stringify(fact.features)),
          });
        },
      });
    }
    expect(kept).toHaveLength(3);
    for (const { ranked, read } of kept) {
      expect(ranked.length).toBeGreaterThan(10);
      expect(ranked.slice(0, 3).map((fact) => JSON.stringify(fact.features))).toEqual(read);
      for (const fact of ranked) {
        expect(scoreOf(fact.features, rankingWeights)).toBeCloseTo(fact.score, 12);
      }
    }
  });
});
