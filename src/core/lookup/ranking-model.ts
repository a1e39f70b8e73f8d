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
  link: 2.413,
  text: 4.791,
  own: 0.965,
  bm25: 1.651,
  pairs: 0.371,
  numberClash: -0.991,
  partyClash: -1.49,
  partyMissing: -1.103,
  topicAsked: 1.553,
  topicKindred: 0.288,
  topicPeople: 0.713,
  topicOther: -0.554,
  dated: 0.665,
  undated: -0.665,
  entryDate: 0.522,
  startDate: 0.343,
  unitCounted: 0.618,
  counted: 0.767,
  uncounted: -0.767,
  people: 0.877,
  place: 0.296,
  yearHit: 0.751,
  yearMiss: -1.584,
  officeNow: 0.685,
  officeThen: -1.594,
  otherOffice: -0.561,
  officeFit: 0.713,
  officeHolder: 1.608,
  position: -0.117,
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
    link: 0.758,
    coverage: 0.602,
    explained: 2.231,
    own: 0.35,
    margin: 1.678,
    share: 1.364,
    topic: -0.009,
    officeFit: 0.186,
    officeHolder: 0.389,
    form: 0.424,
    future: -1.474,
    yearMiss: -0.515,
    unknown: -0.68,
    corrections: 0.649,
    noCue: 0.003,
    bestLinked: -0.14,
    cyrillic: 0.232,
  },
  bias: -3.518,
  threshold: 0.93,
};
