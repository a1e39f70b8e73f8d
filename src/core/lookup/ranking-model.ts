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
  text: 4.777,
  own: 0.967,
  bm25: 1.659,
  pairs: 0.378,
  numberClash: -0.99,
  partyClash: -1.478,
  partyMissing: -1.109,
  topicAsked: 1.57,
  topicKindred: 0.291,
  topicPeople: 0.693,
  topicOther: -0.554,
  dated: 0.665,
  undated: -0.665,
  entryDate: 0.541,
  startDate: 0.35,
  viewStated: 1.064,
  unitCounted: 0.619,
  counted: 0.76,
  uncounted: -0.76,
  people: 0.868,
  place: 0.3,
  yearHit: 0.747,
  yearMiss: -1.58,
  officeNow: 0.663,
  officeThen: -1.598,
  otherOffice: -0.54,
  officeFit: 0.665,
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
    link: 0.926,
    coverage: 0.424,
    explained: 2.158,
    own: 0.451,
    margin: 1.748,
    share: 1.363,
    topic: -0.002,
    officeFit: 0.089,
    officeHolder: 0.356,
    form: 0.439,
    future: -1.505,
    yearMiss: -0.617,
    unknown: -0.77,
    corrections: 0.429,
    noCue: 0.136,
    bestLinked: -0.198,
    cyrillic: 0.255,
  },
  bias: -3.46,
  threshold: 0.933,
};
