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
  link: 2.478,
  text: 4.803,
  own: 0.984,
  bm25: 1.626,
  topicAsked: 1.696,
  topicKindred: 0.14,
  topicPeople: 0.731,
  topicOther: -0.566,
  dated: 0.641,
  undated: -0.641,
  entryDate: 0.568,
  counted: 0.68,
  uncounted: -0.68,
  people: 0.864,
  place: 0.312,
  yearHit: 0.705,
  yearMiss: -1.624,
  officeNow: 0.754,
  officeThen: -1.607,
  otherOffice: -0.685,
  officeFit: 0.819,
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
    link: 1.051,
    coverage: 0.718,
    explained: 2.053,
    own: 0.533,
    margin: 1.975,
    share: 1.352,
    topic: 0.181,
    officeFit: 1.188,
    unknown: -0.809,
    corrections: 0.313,
    noCue: -0.007,
    bestLinked: -0.424,
    cyrillic: 0.768,
  },
  bias: -3.895,
  threshold: 0.89,
};
