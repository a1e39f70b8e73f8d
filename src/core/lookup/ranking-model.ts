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
  link: 2.477,
  text: 4.802,
  own: 0.982,
  bm25: 1.615,
  topicAsked: 1.694,
  topicKindred: 0.142,
  topicPeople: 0.73,
  topicOther: -0.566,
  dated: 0.641,
  undated: -0.641,
  entryDate: 0.568,
  counted: 0.705,
  uncounted: -0.705,
  people: 0.864,
  place: 0.312,
  yearHit: 0.706,
  yearMiss: -1.623,
  officeNow: 0.755,
  officeThen: -1.607,
  otherOffice: -0.685,
  officeFit: 0.819,
  position: -0.116,
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
    link: 1.03,
    coverage: 0.758,
    explained: 2.055,
    own: 0.507,
    margin: 2.057,
    share: 1.343,
    topic: 0.156,
    officeFit: 1.186,
    unknown: -0.808,
    corrections: 0.216,
    noCue: -0.006,
    bestLinked: -0.437,
    cyrillic: 0.76,
  },
  bias: -3.901,
  threshold: 0.93,
};
