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
  link: 2.482,
  text: 4.807,
  own: 0.933,
  bm25: 1.671,
  pairs: 0.409,
  numberClash: -1.011,
  partyClash: -1.436,
  topicAsked: 1.577,
  topicKindred: 0.28,
  topicPeople: 0.717,
  topicOther: -0.574,
  dated: 0.665,
  undated: -0.665,
  entryDate: 0.516,
  counted: 0.75,
  uncounted: -0.75,
  people: 0.885,
  place: 0.301,
  yearHit: 0.757,
  yearMiss: -1.591,
  officeNow: 0.731,
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
    link: 0.753,
    coverage: 0.478,
    explained: 2.168,
    own: 0.355,
    margin: 1.527,
    share: 1.202,
    topic: 0.01,
    officeFit: 0.469,
    form: 0.384,
    future: -1.536,
    yearMiss: -0.505,
    unknown: -0.88,
    corrections: 0.076,
    noCue: 0.039,
    bestLinked: -0.04,
    cyrillic: 0.298,
  },
  bias: -3.317,
  threshold: 0.92,
};
