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
  link: 2.254,
  text: 4.662,
  own: 0.945,
  bm25: 1.55,
  pairs: 0.365,
  numberClash: -0.991,
  partyClash: -1.482,
  partyMissing: -1.105,
  topicAsked: 1.668,
  topicKindred: 0.268,
  topicPeople: 0.694,
  topicOther: -0.631,
  dated: 0.667,
  undated: -0.667,
  entryDate: 0.538,
  startDate: 0.351,
  viewStated: 1.063,
  unitCounted: 0.613,
  counted: 0.76,
  uncounted: -0.76,
  people: 0.839,
  place: 0.299,
  yearHit: 0.757,
  yearMiss: -1.579,
  officeNow: 0.645,
  officeThen: -1.599,
  otherOffice: -0.55,
  officeFit: 0.655,
  officeNamed: 0.675,
  officeHolder: 1.562,
  position: -0.106,
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
    link: 0.981,
    coverage: 0.392,
    explained: 2.123,
    own: 0.376,
    margin: 1.595,
    share: 1.611,
    topic: -0.068,
    officeFit: 0.114,
    officeHolder: 0.366,
    form: 0.388,
    future: -1.475,
    yearMiss: -0.658,
    unknown: -0.762,
    corrections: 0.308,
    noCue: 0.147,
    bestLinked: -0.25,
    cyrillic: 0.215,
  },
  bias: -3.365,
  threshold: 0.93,
};
