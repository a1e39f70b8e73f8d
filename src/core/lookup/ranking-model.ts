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
  link: 2.486,
  text: 4.808,
  own: 0.979,
  bm25: 1.611,
  topicAsked: 1.703,
  topicKindred: 0.14,
  topicPeople: 0.731,
  topicOther: -0.574,
  dated: 0.64,
  undated: -0.64,
  entryDate: 0.568,
  counted: 0.68,
  uncounted: -0.68,
  people: 0.86,
  place: 0.312,
  yearHit: 0.706,
  yearMiss: -1.625,
  officeNow: 0.765,
  officeThen: -1.6,
  otherOffice: -0.612,
  officeFit: 0.751,
  position: -0.118,
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
    link: 0.942,
    coverage: 0.654,
    explained: 2.041,
    own: 0.487,
    margin: 1.921,
    share: 1.484,
    topic: 0.237,
    unknown: -0.856,
    corrections: 0.305,
    noCue: -0.004,
    bestLinked: -0.321,
    cyrillic: 0.641,
  },
  bias: -3.829,
  threshold: 0.9,
};
