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
  link: 2.304,
  text: 4.655,
  own: 0.956,
  bm25: 1.528,
  pairs: 0.374,
  numberClash: -0.99,
  partyClash: -1.479,
  partyMissing: -1.103,
  topicAsked: 1.704,
  topicKindred: 0.26,
  topicPeople: 0.681,
  topicOther: -0.646,
  dated: 0.664,
  undated: -0.664,
  entryDate: 0.538,
  startDate: 0.353,
  viewStated: 1.062,
  unitCounted: 0.604,
  counted: 0.764,
  uncounted: -0.764,
  people: 0.84,
  place: 0.299,
  yearHit: 0.807,
  yearMiss: -1.545,
  officeNow: 0.645,
  officeThen: -1.599,
  otherOffice: -0.55,
  officeFit: 0.653,
  officeNamed: 0.666,
  officeHolder: 1.56,
  position: -0.107,
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
    link: 0.952,
    coverage: 0.401,
    explained: 2.032,
    own: 0.489,
    margin: 1.674,
    share: 1.616,
    topic: -0.036,
    officeFit: 0.089,
    officeHolder: 0.35,
    form: 0.335,
    future: -1.532,
    yearMiss: -0.685,
    unknown: -0.802,
    corrections: 0.238,
    noCue: 0.117,
    bestLinked: -0.191,
    cyrillic: 0.272,
  },
  bias: -3.401,
  threshold: 0.923,
};
