import type { FactTopic } from '../knowledge/schema.ts';
import type { QuestionIntent } from './result.ts';

interface IntentRule {
  readonly pattern: RegExp;
  readonly intent: QuestionIntent;
}

// Checked in order against the folded query; the first that matches wins. Verbs come as people type
// them in chat, tense and all ("sign", "signed", "signing").
const rules: readonly IntentRule[] = [
  {
    pattern:
      /\bwho\b.*\b(sign|signed|signing|signatories|signatory)\b|\bsignator(y|ies)\b|\bwho (was|were) (party|parties)\b/,
    intent: { asks: 'who', topic: 'signatories' },
  },
  { pattern: /\bwhere\b.*\b(sign|signed|signing)\b/, intent: { asks: 'where', topic: 'signed' } },
  {
    pattern:
      /\b(when|what date|which date|what year|which year|date)\b.*\b(sign|signed|signing|agreed|concluded)\b/,
    intent: { asks: 'when', topic: 'signed' },
  },
  // "was X signed?", "did Russia sign X?": the signing fact answers yes or no.
  {
    pattern: /^(was|were|is|did|has|have)\b.*\b(sign|signed)\b/,
    intent: { asks: 'what', topic: 'signed' },
  },
  {
    pattern: /\b(when|what date|what year)\b.*\bratif/,
    intent: { asks: 'when', topic: 'ratified' },
  },
  { pattern: /\bratif/, intent: { asks: 'what', topic: 'ratified' } },
  {
    pattern:
      /\b(when|what date|what year)\b.*\b(in force|into force|take effect|took effect|effective)\b/,
    intent: { asks: 'when', topic: 'in-force' },
  },
  {
    pattern: /\b(when|what date|what year)\b.*\b(annex|annexed|annexation|occupied|seized)\b/,
    intent: { asks: 'when', topic: 'annexed' },
  },
  {
    pattern: /\b(when|what date|what year)\b.*\b(open|opened|opening|built|completed)\b/,
    intent: { asks: 'when', topic: 'opened' },
  },
  {
    pattern: /\b(when|what year)\b.*\b(found|founded|established|created|set up)\b/,
    intent: { asks: 'when', topic: 'founded' },
  },
  {
    pattern:
      /\b(when|what date|what year)\b.*\b(end|ended|expire|expired|terminate|terminated|termination|denounce|denunciation|withdraw|withdrew|scrap|scrapped|collapse|collapsed|lapse|lapsed|denounced|cancel)/,
    intent: { asks: 'when', topic: 'ended' },
  },
  {
    pattern:
      /\b(what happened|what became|still in force|still valid|is it valid|broken|broke|breach|breached|violated|violation)\b/,
    intent: { asks: 'what', topic: 'ended' },
  },
  {
    pattern:
      /\b(promise|promised|guarantee|guaranteed|assurance|assurances|provide|provided|provision|provisions|say|said|commit|committed|require|required|oblige|obliged)\b/,
    intent: { asks: 'what', topic: 'provision' },
  },
  {
    pattern:
      /\b(vote|voted|votes|result|results|outcome|turnout|how many countries|how many states)\b/,
    intent: { asks: 'what', topic: 'vote' },
  },
  { pattern: /^(when|what date|what year|which year)\b/, intent: { asks: 'when' } },
  { pattern: /^who\b/, intent: { asks: 'who' } },
];

// Question and verb words that say what is asked, not what about; removed before searching for the subject.
const questionWords = new Set(
  (
    'when where who what which why how date year sign signed signing signatories signatory agreed concluded ' +
    'ratify ratified ratification force effect took take effective annex annexed annexation occupied seized ' +
    'open opened opening built completed found founded established created set up end ended expire expired ' +
    'terminated collapse collapsed lapse lapsed denounced cancel cancelled happened became become still valid ' +
    'terminate termination denounce denunciation withdraw withdrew scrap scrapped result results outcome turnout ' +
    'broken broke breach breached violated violation promise promised guarantee guaranteed provide provided ' +
    'provision provisions say said commit committed require required oblige obliged vote voted votes many ' +
    'countries states party parties into in'
  ).split(' '),
);

/** Reads what a folded query asks (when, who, what) and about which kind of fact; undefined for plain names. */
export function detectIntent(folded: string): QuestionIntent | undefined {
  return rules.find((rule) => rule.pattern.test(folded))?.intent;
}

/** The query with question words removed, so what remains names the subject. */
export function subjectOf(folded: string): string {
  return folded
    .split(' ')
    .filter((word) => !questionWords.has(word))
    .join(' ');
}

/** Whether a fact topic answers the intent: asking who signed is answered by the signatories fact. */
export function topicAnswers(intent: QuestionIntent, topic: FactTopic | undefined): boolean {
  return intent.topic !== undefined && topic === intent.topic;
}
