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
  link: 2.492,
  text: 4.763,
  own: 0.971,
  bm25: 1.593,
  pairs: 0.444,
  numberClash: -1.011,
  topicAsked: 1.685,
  topicKindred: 0.233,
  topicPeople: 0.704,
  topicOther: -0.622,
  dated: 0.659,
  undated: -0.659,
  entryDate: 0.595,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.861,
  place: 0.311,
  yearHit: 0.727,
  yearMiss: -1.625,
  officeNow: 0.743,
  officeThen: -1.604,
  otherOffice: -0.681,
  officeFit: 0.799,
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
    link: 0.716,
    coverage: 0.559,
    explained: 2.594,
    own: 0.402,
    margin: 1.548,
    share: 1.445,
    topic: -0.105,
    officeFit: 0.68,
    form: 0.477,
    future: -0.227,
    yearMiss: -0.811,
    unknown: -1.022,
    corrections: 0.066,
    noCue: -0.016,
    bestLinked: -0.197,
    cyrillic: 0.393,
  },
  bias: -3.722,
  threshold: 0.93,
};
