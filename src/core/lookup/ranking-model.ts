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
  link: 2.3,
  text: 4.648,
  own: 0.979,
  bm25: 1.534,
  pairs: 0.374,
  numberClash: -0.99,
  partyClash: -1.478,
  partyMissing: -1.103,
  topicAsked: 1.659,
  topicKindred: 0.269,
  topicPeople: 0.688,
  topicOther: -0.616,
  dated: 0.664,
  undated: -0.664,
  entryDate: 0.538,
  startDate: 0.352,
  viewStated: 1.063,
  unitCounted: 0.603,
  counted: 0.764,
  uncounted: -0.764,
  people: 0.842,
  place: 0.299,
  yearHit: 0.809,
  yearMiss: -1.547,
  officeNow: 0.647,
  officeThen: -1.599,
  otherOffice: -0.549,
  officeFit: 0.655,
  officeNamed: 0.676,
  officeHolder: 1.562,
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
    link: 0.762,
    coverage: 0.345,
    explained: 2.032,
    own: 0.529,
    margin: 1.695,
    share: 1.563,
    topic: -0.03,
    officeFit: 0.092,
    officeHolder: 0.354,
    form: 0.416,
    future: -1.537,
    yearMiss: -0.674,
    unknown: -0.823,
    corrections: 0.126,
    noCue: 0.186,
    bestLinked: -0.011,
    cyrillic: 0.224,
  },
  bias: -3.419,
  threshold: 0.923,
};
