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
  link: 2.424,
  text: 4.782,
  own: 0.948,
  bm25: 1.67,
  pairs: 0.38,
  numberClash: -0.991,
  partyClash: -1.478,
  partyMissing: -1.101,
  topicAsked: 1.573,
  topicKindred: 0.291,
  topicPeople: 0.692,
  topicOther: -0.557,
  dated: 0.666,
  undated: -0.666,
  entryDate: 0.539,
  startDate: 0.341,
  unitCounted: 0.617,
  counted: 0.767,
  uncounted: -0.767,
  people: 0.876,
  place: 0.3,
  yearHit: 0.747,
  yearMiss: -1.579,
  officeNow: 0.686,
  officeThen: -1.594,
  otherOffice: -0.56,
  officeFit: 0.713,
  officeHolder: 1.607,
  position: -0.109,
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
    link: 0.893,
    coverage: 0.495,
    explained: 2.271,
    own: 0.395,
    margin: 1.783,
    share: 1.326,
    topic: 0.006,
    officeFit: 0.198,
    officeHolder: 0.388,
    form: 0.381,
    future: -1.485,
    yearMiss: -0.502,
    unknown: -0.625,
    corrections: 0.397,
    noCue: -0.047,
    bestLinked: -0.209,
    cyrillic: 0.304,
  },
  bias: -3.58,
  threshold: 0.93,
};
