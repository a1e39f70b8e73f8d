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
  link: 2.487,
  text: 4.792,
  own: 0.991,
  bm25: 1.617,
  topicAsked: 1.692,
  topicKindred: 0.143,
  topicPeople: 0.731,
  topicOther: -0.566,
  dated: 0.64,
  undated: -0.64,
  entryDate: 0.567,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.863,
  place: 0.312,
  yearHit: 0.707,
  yearMiss: -1.623,
  officeNow: 0.754,
  officeThen: -1.607,
  otherOffice: -0.685,
  officeFit: 0.818,
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
    link: 1.092,
    coverage: 0.612,
    explained: 2.023,
    own: 0.546,
    margin: 1.97,
    share: 1.258,
    topic: 0.17,
    officeFit: 1.197,
    unknown: -0.844,
    corrections: 0.36,
    noCue: -0.042,
    bestLinked: -0.404,
    cyrillic: 0.677,
  },
  bias: -3.733,
  threshold: 0.93,
};
