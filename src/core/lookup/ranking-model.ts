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
  link: 2.42,
  text: 4.784,
  own: 0.95,
  bm25: 1.658,
  pairs: 0.372,
  numberClash: -0.992,
  partyClash: -1.487,
  partyMissing: -1.103,
  topicAsked: 1.558,
  topicKindred: 0.289,
  topicPeople: 0.712,
  topicOther: -0.56,
  dated: 0.669,
  undated: -0.669,
  entryDate: 0.508,
  startDate: 0.334,
  counted: 0.793,
  uncounted: -0.793,
  people: 0.877,
  place: 0.296,
  yearHit: 0.746,
  yearMiss: -1.584,
  officeNow: 0.685,
  officeThen: -1.594,
  otherOffice: -0.561,
  officeFit: 0.713,
  officeHolder: 1.608,
  position: -0.115,
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
    link: 0.725,
    coverage: 0.527,
    explained: 2.206,
    own: 0.357,
    margin: 1.676,
    share: 1.271,
    topic: -0.009,
    officeFit: 0.182,
    officeHolder: 0.393,
    form: 0.427,
    future: -1.471,
    yearMiss: -0.529,
    unknown: -0.742,
    corrections: 0.622,
    noCue: -0.01,
    bestLinked: -0.156,
    cyrillic: 0.227,
  },
  bias: -3.37,
  threshold: 0.93,
};
