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
  link: 2.444,
  text: 4.835,
  own: 1.044,
  bm25: 1.403,
  topicAsked: 1.671,
  topicKindred: 0.158,
  topicPeople: 0.733,
  topicOther: -0.562,
  dated: 0.647,
  undated: -0.647,
  entryDate: 0.505,
  counted: 0.736,
  uncounted: -0.736,
  people: 0.866,
  place: 0.309,
  yearHit: 0.765,
  yearMiss: -1.265,
  officeNow: 0.782,
  officeThen: -1.601,
  otherOffice: -0.619,
  officeFit: 0.768,
  position: -0.104,
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
    link: 0.921,
    coverage: 1.116,
    explained: 1.999,
    own: 0.514,
    margin: 1.435,
    share: 2.011,
    topic: 0.23,
    unknown: -0.358,
    corrections: 0.477,
    noCue: 0.375,
    bestLinked: -0.28,
    cyrillic: 0.383,
  },
  bias: -4.255,
  threshold: 0.91,
};
