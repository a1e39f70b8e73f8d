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
  link: 2.489,
  text: 4.759,
  own: 0.969,
  bm25: 1.606,
  pairs: 0.442,
  numberClash: -1.011,
  topicAsked: 1.684,
  topicKindred: 0.232,
  topicPeople: 0.704,
  topicOther: -0.621,
  dated: 0.659,
  undated: -0.659,
  entryDate: 0.595,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.861,
  place: 0.311,
  yearHit: 0.728,
  yearMiss: -1.625,
  officeNow: 0.739,
  officeThen: -1.605,
  otherOffice: -0.69,
  officeFit: 0.806,
  position: -0.113,
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
    link: 0.661,
    coverage: 0.573,
    explained: 2.579,
    own: 0.41,
    margin: 1.547,
    share: 1.467,
    topic: -0.096,
    officeFit: 0.965,
    form: 0.482,
    future: -0.236,
    yearMiss: -0.811,
    unknown: -1.026,
    corrections: 0.068,
    noCue: -0.01,
    bestLinked: -0.116,
    cyrillic: 0.369,
  },
  bias: -3.751,
  threshold: 0.93,
};
