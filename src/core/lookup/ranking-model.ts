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
  link: 2.51,
  text: 4.771,
  own: 0.979,
  bm25: 1.594,
  pairs: 0.246,
  topicAsked: 1.663,
  topicKindred: 0.23,
  topicPeople: 0.722,
  topicOther: -0.615,
  dated: 0.661,
  undated: -0.661,
  entryDate: 0.571,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.881,
  place: 0.313,
  yearHit: 0.726,
  yearMiss: -1.623,
  officeNow: 0.755,
  officeThen: -1.607,
  otherOffice: -0.683,
  officeFit: 0.818,
  position: -0.111,
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
    link: 1.011,
    coverage: 0.687,
    explained: 2.11,
    own: 0.459,
    margin: 1.8,
    share: 1.252,
    topic: 0.143,
    officeFit: 1.214,
    unknown: -0.934,
    corrections: 0.33,
    noCue: -0.041,
    bestLinked: -0.211,
    cyrillic: 0.5,
  },
  bias: -3.728,
  threshold: 0.92,
};
