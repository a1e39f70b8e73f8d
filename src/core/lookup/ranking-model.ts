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
  link: 2.483,
  text: 4.806,
  own: 0.934,
  bm25: 1.672,
  pairs: 0.409,
  numberClash: -1.01,
  partyClash: -1.436,
  topicAsked: 1.579,
  topicKindred: 0.283,
  topicPeople: 0.717,
  topicOther: -0.578,
  dated: 0.664,
  undated: -0.664,
  entryDate: 0.517,
  counted: 0.75,
  uncounted: -0.75,
  people: 0.886,
  place: 0.301,
  yearHit: 0.757,
  yearMiss: -1.591,
  officeNow: 0.732,
  officeThen: -1.603,
  otherOffice: -0.625,
  officeFit: 0.76,
  position: -0.115,
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
    link: 0.742,
    coverage: 0.395,
    explained: 2.283,
    own: 0.398,
    margin: 1.562,
    share: 1.228,
    topic: 0.036,
    officeFit: 0.475,
    form: 0.381,
    future: -1.525,
    yearMiss: -0.494,
    unknown: -0.851,
    corrections: 0.101,
    noCue: 0.058,
    bestLinked: -0.018,
    cyrillic: 0.326,
  },
  bias: -3.342,
  threshold: 0.93,
};
