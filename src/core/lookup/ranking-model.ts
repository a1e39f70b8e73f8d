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
  text: 4.786,
  own: 0.965,
  bm25: 1.671,
  pairs: 0.387,
  numberClash: -0.991,
  partyClash: -1.479,
  partyMissing: -1.101,
  topicAsked: 1.57,
  topicKindred: 0.291,
  topicPeople: 0.694,
  topicOther: -0.555,
  dated: 0.666,
  undated: -0.666,
  entryDate: 0.539,
  startDate: 0.341,
  unitCounted: 0.619,
  counted: 0.761,
  uncounted: -0.761,
  people: 0.876,
  place: 0.299,
  yearHit: 0.746,
  yearMiss: -1.579,
  officeNow: 0.685,
  officeThen: -1.594,
  otherOffice: -0.561,
  officeFit: 0.712,
  officeHolder: 1.607,
  position: -0.11,
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
    link: 0.873,
    coverage: 0.518,
    explained: 2.27,
    own: 0.394,
    margin: 1.756,
    share: 1.321,
    topic: 0.005,
    officeFit: 0.191,
    officeHolder: 0.387,
    form: 0.386,
    future: -1.486,
    yearMiss: -0.604,
    unknown: -0.638,
    corrections: 0.397,
    noCue: 0.152,
    bestLinked: -0.207,
    cyrillic: 0.296,
  },
  bias: -3.561,
  threshold: 0.93,
};
