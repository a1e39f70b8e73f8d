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
  link: 2.492,
  text: 4.797,
  own: 0.992,
  bm25: 1.614,
  topicAsked: 1.693,
  topicKindred: 0.142,
  topicPeople: 0.731,
  topicOther: -0.567,
  dated: 0.64,
  undated: -0.64,
  entryDate: 0.568,
  counted: 0.705,
  uncounted: -0.705,
  people: 0.864,
  place: 0.312,
  yearHit: 0.707,
  yearMiss: -1.623,
  officeNow: 0.755,
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
    link: 1.099,
    coverage: 0.633,
    explained: 1.998,
    own: 0.585,
    margin: 2.004,
    share: 1.343,
    topic: 0.166,
    officeFit: 1.197,
    unknown: -0.885,
    corrections: 0.386,
    noCue: -0.024,
    bestLinked: -0.453,
    cyrillic: 0.736,
  },
  bias: -3.816,
  threshold: 0.94,
};
