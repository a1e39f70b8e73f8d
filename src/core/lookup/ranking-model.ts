// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted weights, not constants typed by hand
/**
 * The fitted models of question answering. Written by `npm run eval:fit` (eval/fit.ts) from the dev
 * half of eval/questions; the holdout half is never seen while fitting. Edit the script, not these
 * numbers: refit whenever the features, the knowledge or the questions change.
 */
import type { RankingFeatures } from './facts.ts';
import type { AnswerEvidence } from './search.ts';

export type RankingWeights = Readonly<Record<keyof RankingFeatures, number>>;

/** How much each feature of a fact counts toward its rank (a softmax over each question's candidates). */
export const rankingWeights: RankingWeights = {
  link: 2.509,
  text: 4.77,
  own: 0.978,
  bm25: 1.591,
  pairs: 0.246,
  numberClash: -1.015,
  topicAsked: 1.662,
  topicKindred: 0.23,
  topicPeople: 0.722,
  topicOther: -0.614,
  dated: 0.661,
  undated: -0.661,
  entryDate: 0.571,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.881,
  place: 0.312,
  yearHit: 0.726,
  yearMiss: -1.623,
  officeNow: 0.755,
  officeThen: -1.607,
  otherOffice: -0.684,
  officeFit: 0.818,
  position: -0.11,
};

/**
 * The answer model: a logistic regression from an answer's evidence to the probability it is right,
 * and the probability below which the bot says it is not sure instead of answering.
 */
export const answerModel: {
  readonly weights: Readonly<Record<keyof AnswerEvidence, number>>;
  readonly bias: number;
  readonly threshold: number;
} = {
  weights: {
    link: 0.969,
    coverage: 0.677,
    explained: 2.155,
    own: 0.46,
    margin: 1.796,
    share: 1.337,
    topic: 0.111,
    officeFit: 1.199,
    unknown: -0.961,
    corrections: 0.324,
    noCue: -0.048,
    bestLinked: -0.23,
    cyrillic: 0.505,
  },
  bias: -3.733,
  threshold: 0.92,
};
