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
  link: 2.505,
  text: 4.78,
  own: 0.997,
  bm25: 1.634,
  topicAsked: 1.698,
  topicKindred: 0.165,
  topicPeople: 0.733,
  topicOther: -0.596,
  dated: 0.66,
  undated: -0.66,
  entryDate: 0.566,
  counted: 0.745,
  uncounted: -0.745,
  people: 0.87,
  place: 0.311,
  yearHit: 0.724,
  yearMiss: -1.624,
  officeNow: 0.751,
  officeThen: -1.607,
  otherOffice: -0.686,
  officeFit: 0.816,
  position: -0.122,
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
    link: 1.068,
    coverage: 0.617,
    explained: 2.08,
    own: 0.434,
    margin: 1.815,
    share: 1.208,
    topic: 0.17,
    officeFit: 1.254,
    unknown: -0.907,
    corrections: 0.361,
    noCue: -0.037,
    bestLinked: -0.213,
    cyrillic: 0.58,
  },
  bias: -3.712,
  threshold: 0.92,
};
