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
  text: 4.809,
  own: 0.988,
  bm25: 1.609,
  topicAsked: 1.69,
  topicKindred: 0.141,
  topicPeople: 0.746,
  topicOther: -0.577,
  dated: 0.641,
  undated: -0.641,
  entryDate: 0.528,
  counted: 0.689,
  uncounted: -0.689,
  people: 0.844,
  place: 0.312,
  yearHit: 0.779,
  yearMiss: -1.279,
  officeNow: 0.767,
  officeThen: -1.599,
  otherOffice: -0.616,
  officeFit: 0.753,
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
    link: 0.762,
    coverage: 0.573,
    explained: 2.093,
    own: 0.42,
    margin: 1.776,
    share: 1.457,
    topic: 0.266,
    unknown: -0.694,
    corrections: -0.189,
    noCue: -0.404,
    bestLinked: -0.358,
    cyrillic: 0.599,
  },
  bias: -3.537,
  threshold: 0.91,
};
