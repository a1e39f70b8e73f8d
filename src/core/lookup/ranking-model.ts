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
  link: 2.494,
  text: 4.761,
  own: 0.971,
  bm25: 1.569,
  pairs: 0.476,
  topicAsked: 1.661,
  topicKindred: 0.231,
  topicPeople: 0.723,
  topicOther: -0.616,
  dated: 0.661,
  undated: -0.661,
  entryDate: 0.568,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.881,
  place: 0.312,
  yearHit: 0.727,
  yearMiss: -1.621,
  officeNow: 0.755,
  officeThen: -1.608,
  otherOffice: -0.683,
  officeFit: 0.816,
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
    link: 0.884,
    coverage: 0.689,
    explained: 2.211,
    own: 0.36,
    margin: 1.708,
    share: 1.227,
    topic: 0.153,
    officeFit: 1.148,
    unknown: -0.932,
    corrections: 0.154,
    noCue: 0.294,
    bestLinked: -0.202,
    cyrillic: 0.49,
  },
  bias: -3.574,
  threshold: 0.92,
};
