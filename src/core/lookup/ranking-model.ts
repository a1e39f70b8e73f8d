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
  link: 2.501,
  text: 4.779,
  own: 0.991,
  bm25: 1.608,
  topicAsked: 1.659,
  topicKindred: 0.23,
  topicPeople: 0.723,
  topicOther: -0.612,
  dated: 0.661,
  undated: -0.661,
  entryDate: 0.57,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.881,
  place: 0.313,
  yearHit: 0.726,
  yearMiss: -1.623,
  officeNow: 0.755,
  officeThen: -1.607,
  otherOffice: -0.685,
  officeFit: 0.819,
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
    link: 1.071,
    coverage: 0.621,
    explained: 2.07,
    own: 0.443,
    margin: 1.823,
    share: 1.298,
    topic: 0.156,
    officeFit: 1.257,
    unknown: -0.925,
    corrections: 0.255,
    noCue: -0.035,
    bestLinked: -0.232,
    cyrillic: 0.521,
  },
  bias: -3.719,
  threshold: 0.92,
};
