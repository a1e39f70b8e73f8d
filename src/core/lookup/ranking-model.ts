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
  link: 2.481,
  text: 4.813,
  own: 0.937,
  bm25: 1.676,
  pairs: 0.399,
  numberClash: -0.992,
  partyClash: -1.428,
  topicAsked: 1.578,
  topicKindred: 0.284,
  topicPeople: 0.717,
  topicOther: -0.58,
  dated: 0.664,
  undated: -0.664,
  entryDate: 0.517,
  counted: 0.75,
  uncounted: -0.75,
  people: 0.884,
  place: 0.3,
  yearHit: 0.752,
  yearMiss: -1.592,
  officeNow: 0.73,
  officeThen: -1.599,
  otherOffice: -0.618,
  officeFit: 0.775,
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
    link: 0.639,
    coverage: 0.397,
    explained: 2.237,
    own: 0.317,
    margin: 1.594,
    share: 1.301,
    topic: 0.023,
    officeFit: 0.569,
    form: 0.41,
    future: -1.556,
    yearMiss: -0.516,
    unknown: -0.849,
    corrections: 0.086,
    noCue: 0.059,
    bestLinked: 0.021,
    cyrillic: 0.271,
  },
  bias: -3.359,
  threshold: 0.92,
};
