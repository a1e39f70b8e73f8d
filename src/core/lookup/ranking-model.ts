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
  link: 2.408,
  text: 4.779,
  own: 0.966,
  bm25: 1.664,
  pairs: 0.378,
  numberClash: -0.99,
  partyClash: -1.478,
  partyMissing: -1.109,
  topicAsked: 1.568,
  topicKindred: 0.291,
  topicPeople: 0.693,
  topicOther: -0.553,
  dated: 0.665,
  undated: -0.665,
  entryDate: 0.54,
  startDate: 0.35,
  unitCounted: 0.619,
  counted: 0.76,
  uncounted: -0.76,
  people: 0.869,
  place: 0.3,
  yearHit: 0.747,
  yearMiss: -1.579,
  officeNow: 0.663,
  officeThen: -1.598,
  otherOffice: -0.54,
  officeFit: 0.666,
  officeNamed: 0.68,
  officeHolder: 1.57,
  position: -0.108,
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
    link: 0.936,
    coverage: 0.474,
    explained: 2.116,
    own: 0.436,
    margin: 1.77,
    share: 1.39,
    topic: 0.044,
    officeFit: 0.093,
    officeHolder: 0.356,
    form: 0.411,
    future: -1.495,
    yearMiss: -0.609,
    unknown: -0.716,
    corrections: 0.438,
    noCue: 0.139,
    bestLinked: -0.171,
    cyrillic: 0.273,
  },
  bias: -3.523,
  threshold: 0.935,
};
