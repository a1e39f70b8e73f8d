/**
 * The ranking score is spelled out feature by feature for speed; it must stay the fitted model:
 * every feature in `rankingFeatureNames`, each times its own weight.
 */
import { describe, expect, it } from 'vitest';
import {
  type RankingFeatures,
  rankingFeatureNames,
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
