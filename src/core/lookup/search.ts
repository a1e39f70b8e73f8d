import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Entry, EntryKind, FactTopic } from '../knowledge/schema.ts';
import { compareCodeUnits } from '../text-order.ts';
import { cleanQuery } from './clean.ts';
import { type IndexedFact, rankFacts, type ScoredFact, sameSet, topicMatch } from './facts.ts';
import { type LookupIndex, type NameRecord, trigramsOf } from './index-builder.ts';
import { contentWords, stopwords } from './normalize.ts';
import { onceFor } from './once-for.ts';
import { canonicalStems, type Question, readQuestion } from './question.ts';
import { answerModel } from './ranking-model.ts';
import type { Candidate, FactCandidate, LookupResult, QuestionIntent } from './result.ts';
import { editDistance } from './spelling.ts';
import { type Token, tokenize } from './words.ts';

/** Options that narrow a lookup. */
export interface LookupOptions {
  readonly kinds?: readonly EntryKind[];
  /** Hears how a question was read and its facts ranked: for `npm run eval -- --trace` and fitting. */
  readonly inspect?: (inspection: AnswerInspection) => void;
}

/** How a question was answered: what lookup read, how it ranked the facts, and how sure it was. */
export interface AnswerInspection {
  readonly question: Question;
  readonly ranked: readonly ScoredFact[];
  readonly evidence: AnswerEvidence | undefined;
  readonly confidence: number;
}

// Fuse scores run 0 (perfect) to 1; these are in confidence (1 - score). Tuned on eval/queries.yaml.
const acceptConfidence = 0.72;
const suggestConfidence = 0.45;
// Two fuzzy hits this close are a real choice, not a winner.
const ambiguityMargin = 0.06;
// Fuzzy comparison runs on this many names at most, picked by shared trigrams: fuse.js costs a few
// microseconds a string, so comparing every name of every entry would cost milliseconds a query.
const fuzzyCandidateLimit = 6;
const minTrigramOverlap = 0.25;
const namesPerEntry = 2;
const wordMissPenalty = 0.15;
const partialKeywordPenalty = 0.15;
const truncatedWordPenalty = 0.3;
const missingNameWordPenalty = 0.15;
// A subject this long is a sentence, not a misspelt name: names in it are found word for word, and
// comparing it to names by trigram costs milliseconds for nothing.
const maxFuzzyWords = 4;
const wordSetExtraWordPenalty = 0.2;
// Keywords alone reach "found", but never as high as a name does.
const keywordCeiling = 0.8;

const fuseOptions: IFuseOptions<NameRecord> = {
  keys: ['folded'],
  includeScore: true,
  ignoreLocation: true,
  // The field-length norm lowers scores of long names by a factor unrelated to how well they match,
  // which would make confidences incomparable across names.
  ignoreFieldNorm: true,
  threshold: 1 - suggestConfidence,
  minMatchCharLength: 2,
};

const obstacleNumberPattern =
  /\b(?:obstacles?\s+(?:no\s+|number\s+)?([1-9])|([1-9])\s+obstacles?)\b/;

/** Looks a query up: the entries it names, then, when it asks something, the fact that answers. Never throws. */
export function lookup(
  index: LookupIndex,
  query: string,
  options: LookupOptions = {},
): LookupResult {
  const question = readQuestion(cleanQuery(query), index.lexicon, index.speller);
  const folded = question.folded;
  const allowed = (entry: Entry) => !options.kinds || options.kinds.includes(entry.kind);
  if (folded === '') return { status: 'not-found', query, suggestions: [], suggestedFacts: [] };
  const entity = findEntity(index, question, options.kinds, allowed);
  const who = whoIsAnswer(index, question, entity, query);
  if (who) return who;
  if (!asksAboutEntity(index, question, entity)) return entityResult(query, entity, question);
  return answerQuestion(index, query, question, entity, allowed, options.inspect);
}

/**
 * "what is nato", "nato": asks what something is, with no fact topic and nothing more specific, so
 * only an entry named for it answers; a fact or keyword that mentions it in passing does not.
 */
function isDefinitional(question: Question): boolean {
  if (question.topics.size > 0 || question.years.length > 0) return false;
  if (![...question.forms].every((form) => form === 'what')) return false;
  const words = question.roles.filter((role) => role === 'content').length;
  return question.forms.has('what') || words < 2;
}

/**
 * "who is lavrov", "кто такой ермак": a question that names a person and asks only who they are is
 * answered by the office they hold, or failing that the last one they held.
 */
function whoIsAnswer(
  index: LookupIndex,
  question: Question,
  entity: EntityMatch,
  query: string,
): LookupResult | undefined {
  if (entity.status !== 'found' || entity.confidence < namedConfidence) return undefined;
  const { entry } = entity;
  if (entry.kind !== 'actor' || entry.actorType !== 'person') return undefined;
  if (question.topics.size > 0 || question.years.length > 0) return undefined;
  if ([...question.forms].some((form) => form !== 'who') || !question.forms.has('who'))
    return undefined;
  const names = index.nameWords.get(entry);
  const stems = index.entryStems.get(entry);
  const beyondName = question.tokens.some(
    (token, i) =>
      question.roles[i] === 'content' &&
      !stopwords.has(token.folded) &&
      !names?.has(token.folded) &&
      !stems?.has(token.stem),
  );
  if (beyondName) return undefined;
  const offices = entry.facts.filter((fact) => fact.topic === 'office');
  const fact =
    offices.find((f) => f.until === undefined) ??
    [...offices].sort((a, b) => compareCodeUnits(b.date ?? '', a.date ?? ''))[0];
  if (!fact) return undefined;
  return {
    status: 'found',
    query,
    entry,
    confidence: entity.confidence,
    fact,
    factId: `${entry.id}/${fact.id}`,
    asked: true,
    intent: { forms: ['who'], topics: ['office'] },
    alternatives: [],
    suggestedFacts: [],
  };
}

/** The outcome of naming an entry, before any fact is chosen. */
type EntityMatch =
  | {
      readonly status: 'found';
      readonly entry: Entry;
      readonly confidence: number;
      readonly others: readonly Candidate[];
      /** Found by a fuzzy match of the whole subject: every word of it went into naming the entry. */
      readonly fuzzy?: boolean;
    }
  | { readonly status: 'ambiguous'; readonly candidates: readonly Candidate[] }
  | { readonly status: 'not-found'; readonly suggestions: readonly Candidate[] };

/** The entry a query names, by obstacle number, name, stemmed name, keyword or fuzzy name. */
function findEntity(
  index: LookupIndex,
  question: Question,
  kinds: readonly EntryKind[] | undefined,
  allowed: (entry: Entry) => boolean,
): EntityMatch {
  const folded = question.folded;
  const subjectWords = question.tokens.flatMap((token, i) =>
    question.roles[i] === 'content' ? [token.folded] : [],
  );
  const numbered = obstacleByNumber(index, folded, kinds);
  if (numbered && allowed(numbered))
    return { status: 'found', entry: numbered, confidence: 1, others: [] };

  const stems = canonicalStems(question.tokens, index.lexicon);
  let exact = exactMatches(index, folded, subjectWords.length, allowed);
  if (exact.strength !== 'name' || exact.candidates.length === 0) {
    const stemmed = stemNameMatches(index, stems, subjectWords.length, allowed);
    if (stemmed.candidates.length > 0) exact = { strength: 'name', ...stemmed };
  }
  // A name whose words the question holds in another order, when it says more than the name
  // found word for word: "formula steinmeier" is the formula, not Steinmeier.
  const unordered = unorderedNameMatches(index, new Set(stems), subjectWords.length, allowed);
  if (
    unordered.candidates.length > 0 &&
    (exact.strength !== 'name' || unordered.size > exact.size)
  ) {
    exact = { strength: 'name', ...unordered };
  }
  if (exact.strength === 'name' && exact.candidates.length > 0) {
    const [only, ...others] = exact.candidates;
    if (only && others.length === 0)
      return { status: 'found', entry: only.entry, confidence: only.confidence, others: [] };
    return { status: 'ambiguous', candidates: exact.candidates };
  }

  const subject = contentWords(subjectWords.join(' ')).join(' ');
  // A keyword only hints at an entry, so it competes with fuzzy name matches instead of winning outright.
  const fuzzy = mergeCandidates(
    subject === '' || subject.split(' ').length > maxFuzzyWords
      ? []
      : fuzzyMatches(index, subject, allowed),
    exact.candidates,
  );
  const [best, second] = fuzzy;
  // "what is nato" where NATO is only some entry's keyword: that entry is not what NATO is.
  const keywordOnly = exact.strength === 'keyword' && exact.candidates.length > 0;
  if (keywordOnly && question.forms.has('what') && isDefinitional(question)) {
    return { status: 'not-found', suggestions: fuzzy.slice(0, 3) };
  }
  if (best && best.confidence >= acceptConfidence) {
    if (
      second &&
      second.confidence >= acceptConfidence &&
      best.confidence - second.confidence < ambiguityMargin
    ) {
      return {
        status: 'ambiguous',
        candidates: fuzzy.filter((c) => best.confidence - c.confidence < ambiguityMargin),
      };
    }
    return {
      status: 'found',
      entry: best.entry,
      confidence: best.confidence,
      others: fuzzy,
      fuzzy: true,
    };
  }
  return { status: 'not-found', suggestions: fuzzy.slice(0, 3) };
}

/**
 * Whether the query asks something beyond naming an entry: a question form other than "what is",
 * a fact topic, a year, or words the entry's names do not hold.
 */
function asksAboutEntity(index: LookupIndex, question: Question, entity: EntityMatch): boolean {
  if (question.topics.size > 0) return true;
  if ([...question.forms].some((form) => form !== 'what')) return true;
  // "budapest 1994": a year the named entry is dated in only confirms which entry is meant.
  const years = entity.status === 'found' ? index.entryYears.get(entity.entry) : undefined;
  if (question.years.some((year) => !years?.has(year))) return true;
  if (entity.status === 'found' && entity.fuzzy) return false;
  const named =
    entity.status === 'found'
      ? [entity.entry]
      : entity.status === 'ambiguous'
        ? entity.candidates.map((c) => c.entry)
        : [];
  if (named.length === 0) return question.roles.some((role) => role === 'content');
  return question.tokens.some(
    (token, i) =>
      question.roles[i] === 'content' &&
      !question.years.includes(token.folded) &&
      !stopwords.has(token.folded) &&
      !named.some(
        (entry) =>
          index.nameWords.get(entry)?.has(token.folded) ||
          index.entryStems.get(entry)?.has(token.stem),
      ),
  );
}

function entityResult(query: string, entity: EntityMatch, question: Question): LookupResult {
  switch (entity.status) {
    case 'found':
      return {
        status: 'found',
        query,
        entry: entity.entry,
        confidence: entity.confidence,
        asked: false,
        ...intentOf(question),
        alternatives: entity.others.filter((c) => c.entry !== entity.entry).slice(0, 3),
        suggestedFacts: [],
      };
    case 'ambiguous':
      return { status: 'ambiguous', query, candidates: entity.candidates, suggestedFacts: [] };
    case 'not-found':
      return { status: 'not-found', query, suggestions: entity.suggestions, suggestedFacts: [] };
  }
}

function intentOf(question: Question): { intent?: QuestionIntent } {
  if (question.forms.size === 0 && question.topics.size === 0) return {};
  return { intent: { forms: [...question.forms], topics: [...question.topics] } };
}

// Naming an entry this clearly makes it the subject even when no fact of it answers the question.
const namedConfidence = 0.85;
const suggestedFactLimit = 3;
// Offering a fact this unlikely would only add noise to "not sure".
const minSuggestedConfidence = 0.1;

/** Picks the fact that answers a question, or says which facts come closest when none surely does. */
function answerQuestion(
  index: LookupIndex,
  query: string,
  question: Question,
  entity: EntityMatch,
  allowed: (entry: Entry) => boolean,
  inspect?: (inspection: AnswerInspection) => void,
): LookupResult {
  const links = new Map<Entry, number>();
  if (entity.status === 'found') {
    links.set(entity.entry, entity.confidence);
    for (const other of entity.others)
      if (!links.has(other.entry)) links.set(other.entry, other.confidence * 0.9);
  } else if (entity.status === 'ambiguous') {
    for (const candidate of entity.candidates) links.set(candidate.entry, candidate.confidence);
  } else {
    for (const candidate of entity.suggestions)
      links.set(candidate.entry, candidate.confidence * 0.8);
  }
  // Every entry the question names links its facts, not only the longest name: "when did putin
  // declare the minsk agreements dead" names Putin and Minsk II, and the answer is where both meet.
  for (const mention of nameMentions(index, question, allowed)) {
    if ((links.get(mention.entry) ?? 0) < mention.confidence)
      links.set(mention.entry, mention.confidence);
  }
  // "when did arakhamia say budapest is invalid": one word of a longer name, found in no other
  // entry's names and mostly in that entry's facts, hints at it though the name is not said whole.
  const distinctive = index.distinctiveNames;
  for (let i = 0; i < question.tokens.length; i++) {
    if (question.roles[i] !== 'content') continue;
    const token = question.tokens[i];
    const entry =
      token &&
      (token.cyrillic
        ? distinctive.byCyrillicStem.get(token.stem)
        : (distinctive.byWord.get(token.folded) ?? distinctive.byStem.get(token.stem)));
    if (entry && allowed(entry) && !links.has(entry)) links.set(entry, distinctiveWordLink);
  }
  // "why won't russia give crimea back according to umland": Umland is whose view, not what it is
  // about, so his own entry's facts (his post, his article) only weakly answer.
  if (question.attributed) {
    for (const [entry, strength] of links) {
      if (entry.kind === 'actor' && entry.actorType === 'person') links.set(entry, strength * 0.5);
    }
  }
  const namesEntry = (entry: Entry, i: number) => {
    const token = question.tokens[i];
    return (
      token !== undefined &&
      (index.nameWords.get(entry)?.has(token.folded) === true ||
        index.entryStems.get(entry)?.has(token.stem) === true)
    );
  };
  const clearlyNamed = [...links]
    .filter(([, strength]) => strength >= namedConfidence)
    .map(([e]) => e);
  // A word that names an entry the question clearly names is taken by it: "lavrov" in "since when
  // is lavrov in office" names Lavrov, not the Riyadh talks whose alias "Rubio-Lavrov meeting"
  // holds his name. A word no such entry claims may name any entry ("зерновой сделки").
  const naming = (entry: Entry, i: number) =>
    namesEntry(entry, i) &&
    (links.has(entry) || !clearlyNamed.some((other) => other !== entry && namesEntry(other, i)));
  const ranked = rankFacts(index.facts, question, { strength: links, naming }, allowed);
  // Every period the question names ("2027", "june 2026") after the knowledge's last dated event:
  // older entries do not answer it, and the reply says where the knowledge ends.
  const later = question.periods.filter(
    (period) => period > index.coverageEnd.slice(0, period.length),
  );
  if (later.length > 0 && later.length === question.periods.length) {
    return {
      status: 'not-found',
      query,
      suggestions: [],
      suggestedFacts: [],
      beyondCoverage: index.coverageEnd,
    };
  }
  const [first] = ranked;
  const evidence = evidenceOf(
    index,
    question,
    ranked,
    Math.max(0, ...links.values()),
    clearlyNamed,
  );
  // A fact that counts another number of what the question counts ("20-point plan" asked of the
  // 28-point one) is about something else, however well the rest matches: never a sure answer.
  const clash =
    first !== undefined && (first.features.numberClash > 0 || first.features.partyClash > 0);
  const likelihood = evidence ? answerConfidenceOf(evidence) : 0;
  const confidence = clash ? 0 : likelihood;
  inspect?.({ question, ranked, evidence, confidence });
  // "what is the latest on the talks": the best match may be of any year; the newest facts the
  // question finds answer it, with the date the knowledge ends.
  if (question.recent && !question.future) {
    // "latest news" asks of nothing in particular: the newest facts of all.
    const aboutNothing = question.tokens.every(
      (token, i) => question.roles[i] !== 'content' || index.lexicon.recent.has(token.folded),
    );
    // Of something, only of what the knowledge holds: an entry the question names or a topic it
    // asks ("stock market news" is no question for it).
    const latest = aboutNothing
      ? newestFacts(index.facts.facts)
      : links.size > 0 || question.topics.size > 0
        ? latestFacts(ranked, likelihood)
        : [];
    if (latest.length > 0) {
      return {
        status: 'not-found',
        query,
        suggestions: [],
        suggestedFacts: latest,
        latest: index.coverageEnd,
      };
    }
  }
  // "what is nato": a question of what something is, about nothing the knowledge has an entry for,
  // is not answered by a fact that mentions it in passing.
  const definitional = isDefinitional(question);
  const named = Math.max(0, ...links.values()) >= namedConfidence;
  if (first && confidence >= answerModel.threshold && (named || !definitional)) {
    const { entry, fact } = first.indexed;
    return {
      status: 'found',
      query,
      entry,
      confidence,
      fact,
      factId: `${entry.id}/${fact.id}`,
      ...yesNo(index, question, first),
      asked: true,
      ...intentOf(question),
      alternatives: [...links]
        .filter(([other]) => other !== entry)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([other, c]) => ({ entry: other, confidence: c })),
      suggestedFacts: [],
    };
  }
  // Offered as "did you mean" at the likelihood the model gives, a clashing fact too: the 20-point
  // plan is what the knowledge has when asked about a 28-point one.
  const suggestedFacts = closestFacts(ranked, likelihood);
  // No fact is sure, but the entry is: named clearly, or named by a bare phrase that asks nothing
  // ("security assurances memorandum budapest"), so its briefing and closest facts are the answer.
  if (
    entity.status === 'found' &&
    (entity.confidence >= namedConfidence || question.forms.size === 0)
  ) {
    // "when was crimea transferred to ukraine" names Crimea and, more fully, the 1954 transfer: the
    // entry the question names at least as strongly as the longest name, and whose fact ranks first.
    const top = first?.indexed.entry;
    const entry =
      top && (links.get(top) ?? 0) >= entity.confidence && top !== entity.entry
        ? top
        : entity.entry;
    return {
      status: 'found',
      query,
      entry,
      confidence: Math.max(entity.confidence, links.get(entry) ?? 0),
      asked: true,
      ...intentOf(question),
      alternatives: [...links]
        .filter(([other]) => other !== entry)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([other, c]) => ({ entry: other, confidence: c })),
      // The closest facts wherever they are kept: "what did putin demand in june 2024" names Putin,
      // and his demand is kept under his ceasefire conditions.
      suggestedFacts,
    };
  }
  if (entity.status === 'ambiguous') {
    return { status: 'ambiguous', query, candidates: entity.candidates, suggestedFacts };
  }
  const suggestions = mergeCandidates(
    entity.status === 'not-found' ? entity.suggestions : [],
    suggestedFacts.map((c) => ({ entry: c.entry, confidence: c.confidence })),
  ).slice(0, 3);
  return { status: 'not-found', query, suggestions, suggestedFacts };
}

/**
 * Two facts answer alike when they say the same (one statement, kept under two entries: the
 * treaty's signatories and the signing president's), or are of one entry and topic (any provision
 * answers "what did it promise").
 */
function answersAlike(a: ScoredFact, b: ScoredFact, question?: Question): boolean {
  if (a === b || a.indexed.fact.statement === b.indexed.fact.statement) return true;
  // Asked when, two facts dated the same day give the same answer, whichever entry keeps them.
  if (
    question?.forms.has('when') &&
    a.indexed.fact.date !== undefined &&
    a.indexed.fact.date === b.indexed.fact.date
  ) {
    return true;
  }
  // Asked who, two facts naming the same people give the same answer ("Medinsky led Russia's
  // delegation" is kept under the talks and under Medinsky).
  if (question?.forms.has('who') && sameMembers(a.indexed.people, b.indexed.people)) return true;
  // Any provision answers "what did it promise", unless the question's words tell them apart:
  // "what did ukraine's memorandum propose" is not answered by Russia's.
  return (
    a.indexed.entry === b.indexed.entry &&
    a.indexed.fact.topic !== undefined &&
    a.indexed.fact.topic === b.indexed.fact.topic &&
    (a.indexed.fact.topic === 'provision' || a.indexed.fact.topic === 'proposed') &&
    a.features.pairs === b.features.pairs &&
    a.features.own === b.features.own
  );
}

function sameMembers<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size > 0 && sameSet(a, b);
}

/** The evidence an answer's confidence is made of, each 0..1 (the topic -1..1). */
export interface AnswerEvidence {
  /** How strongly the question names the fact's entry. */
  readonly link: number;
  /** The share (by rarity) of the question's words the fact and its entry account for. */
  readonly coverage: number;
  /** The same, counting words alike. */
  readonly explained: number;
  /**
   * The share of the question's words beyond the entry's names that the fact's own text holds, a
   * topic word it holds only by being of that topic counting half (the fact's `literal`).
   */
  readonly own: number;
  /** How clearly the fact beats the next different answer, in ranking score. */
  readonly margin: number;
  /** The ranking model's probability for the fact (and facts giving the same answer) among all candidates. */
  readonly share: number;
  /** 1 for the topic asked, 0.5 a kindred one, 0 when none was asked, -1 another. */
  readonly topic: number;
  /** 1 when asked who holds an office, the fact states that office and no other. */
  readonly officeFit: number;
  /** 1 when it is the one fact of who holds, now, the office asked in the country asked. */
  readonly officeHolder: number;
  /**
   * Whether the fact gives what the question's form asks for: a date for "when", a count for "how
   * many", people for "who", a place for "where" (1), or not (-1); 0 when no such form is asked.
   */
  readonly form: number;
  /** 1 when the question asks about what is to come, which a record of the past does not answer. */
  readonly future: number;
  /** 1 when the question names a year (not one in the entry's name) that the fact is not of. */
  readonly yearMiss: number;
  /** Share of the question's words the knowledge has never used: a sign it asks about something else. */
  readonly unknown: number;
  readonly corrections: number;
  /** 1 when the question names no form and no topic: a bare keyword or phrase. */
  readonly noCue: number;
  /** 1 when the fact's entry is the one the question names most strongly. */
  readonly bestLinked: number;
  /** Share of the question's words written in Cyrillic. */
  readonly cyrillic: number;
}

function evidenceOf(
  index: LookupIndex,
  question: Question,
  ranked: readonly ScoredFact[],
  strongest: number,
  named: readonly Entry[],
): AnswerEvidence | undefined {
  const [first] = ranked;
  if (!first) return undefined;
  const second = ranked.find((other) => !answersAlike(first, other, question));
  // Latin words only: a Cyrillic word is unknown to English facts whatever the question asks.
  const content = question.roles
    .map((role, i) => (role === 'content' && !question.tokens[i]?.cyrillic ? i : -1))
    .filter((i) => i >= 0);
  const unknown = content.filter((i) => question.unknown[i]).length / Math.max(1, content.length);
  const topic = topicMatch(first.features);
  let alike = 0;
  let all = 0;
  for (const scored of ranked) {
    const weight = Math.exp(scored.score - first.score);
    all += weight;
    if (answersAlike(first, scored, question)) alike += weight;
  }
  return {
    link: first.features.link,
    coverage: first.features.text,
    explained: explainedShare(index, question, first),
    own: first.features.literal,
    margin: Math.min(1, Math.max(0, second ? first.score - second.score : 3) / 3),
    share: alike / all,
    topic,
    officeFit: first.features.officeFit,
    officeHolder: first.features.officeHolder,
    form: formFit(question, first, named),
    yearMiss: first.features.yearMiss,
    future: question.future ? 1 : 0,
    unknown,
    corrections: Math.min(3, question.corrections) / 3,
    noCue: question.forms.size === 0 && question.topics.size === 0 ? 1 : 0,
    bestLinked: first.features.link > 0 && first.features.link >= strongest ? 1 : 0,
    cyrillic:
      question.tokens.filter((token) => token.cyrillic).length /
      Math.max(1, question.tokens.length),
  };
}

function formFit(question: Question, fact: ScoredFact, named: readonly Entry[]): number {
  const { features } = fact;
  const given: boolean[] = [];
  // "was dmitriev at the riyadh talks": a yes or no is decided by a fact of one of the entries
  // named that names the other people asked about too.
  if (question.forms.has('yesno') && named.length > 1) {
    given.push(
      named.every(
        (entry) =>
          entry === fact.indexed.entry ||
          fact.indexed.people.has(entry) ||
          !(entry.kind === 'actor' && entry.actorType === 'person'),
      ),
    );
  }
  if (question.forms.has('when')) given.push(features.dated > 0);
  if (question.forms.has('howmany')) given.push(features.counted > 0);
  // "who voted against": a fact that names the states or people does, whatever its topic.
  if (question.forms.has('who')) {
    given.push(
      features.people > 0 ||
        features.topicPeople > 0 ||
        fact.indexed.people.size > 0 ||
        fact.indexed.parties.size > 1,
    );
  }
  if (question.forms.has('where')) given.push(features.place > 0);
  if (given.length === 0) return 0;
  return given.every(Boolean) ? 1 : -1;
}

/**
 * How sure the answer is: the fitted answer model's probability that it is right, from the evidence
 * (how strongly the question names the fact's entry, how much of the question the fact accounts for,
 * how clearly it beats the next answer, whether it is of the kind asked, and how much of the question
 * the knowledge never heard of).
 */
function answerConfidenceOf(evidence: AnswerEvidence): number {
  let sum = answerModel.bias;
  for (const key of Object.keys(answerModel.weights) as (keyof AnswerEvidence)[]) {
    sum += answerModel.weights[key] * evidence[key];
  }
  return round(1 / (1 + Math.exp(-sum)));
}

/** Share of the question's meaningful words that the fact or its entry accounts for. */
function explainedShare(index: LookupIndex, question: Question, scored: ScoredFact): number {
  const { entry, fact } = scored.indexed;
  const names = index.nameWords.get(entry);
  const entryStems = index.entryStems.get(entry);
  const years = index.entryYears.get(entry);
  let total = 0;
  let explained = 0;
  question.tokens.forEach((token, i) => {
    const role = question.roles[i];
    if (role === 'stop' || role === 'form' || stopwords.has(token.folded)) return;
    total++;
    const alike = question.alike[i] ?? new Set([token.stem]);
    const inFact = [...alike].some((stem) => scored.indexed.stems.has(stem));
    if (role === 'topic') {
      if (topicMatch(scored.features) > 0 || inFact) explained++;
      return;
    }
    if (
      inFact ||
      names?.has(token.folded) ||
      [...alike].some((stem) => entryStems?.has(stem)) ||
      years?.has(token.folded) ||
      fact.date?.startsWith(token.folded)
    ) {
      explained++;
    }
  });
  return total === 0 ? 1 : explained / total;
}

// Facts that list who did something: a name the question asks about that is not in the list means no.
const listTopics: ReadonlySet<FactTopic | undefined> = new Set<FactTopic | undefined>([
  'signatories',
  'participants',
  'mediators',
  'vote',
]);

/**
 * Yes or no, from the deciding fact, only where the fact settles it: a fact that says "never",
 * "not" or "refused" answers no; so does a list of signatories or voters without the name asked
 * about, and an end when the question asks whether something still holds. A fact that holds every
 * word of the question and is of the topic asked answers yes. Otherwise undefined: the answer then
 * leads with the fact and leaves the verdict to the reader rather than guess it.
 */
function answersYes(
  index: LookupIndex,
  question: Question,
  scored: ScoredFact,
): boolean | undefined {
  const { fact, entry } = scored.indexed;
  if (negatesQuestion(index, question, fact.statement)) return false;
  const names = index.nameWords.get(entry);
  const entryStems = index.entryStems.get(entry);
  // A list says yes only in the clause that lists: "signed by Kuchma, Yeltsin, Major and Clinton;
  // China and France gave separate assurances" does not say China signed.
  const held = listTopics.has(fact.topic)
    ? listingClauseStems(question, fact.statement)
    : scored.indexed.stems;
  const missing = question.tokens.filter((token, i) => {
    if (question.roles[i] !== 'content' || stopwords.has(token.folded)) return false;
    if (names?.has(token.folded) || entryStems?.has(token.stem)) return false;
    const alike = question.alike[i] ?? new Set([token.stem]);
    return ![...alike].some((stem) => held.has(stem));
  });
  if (missing.length > 0 && listTopics.has(fact.topic)) {
    // "Kirill Dmitriev was also in Riyadh" in the note of a list without him: the list does not
    // settle whether he took part, so no verdict, never a confident "no".
    return inNote(question, missing, fact.note) ? undefined : false;
  }
  const ended = fact.topic === 'ended' || fact.topic === 'violated';
  const asksStill = question.present && ended;
  if (asksStill) return false;
  if (missing.length === 0 && (question.topics.size === 0 || topicMatch(scored.features) > 0)) {
    return true;
  }
  return undefined;
}

/** Whether the fact's note holds one of the question's words that its statement lacks. */
function inNote(question: Question, missing: readonly Token[], note: string | undefined): boolean {
  if (note === undefined) return false;
  const stems = new Set(tokenize(note).map((token) => token.stem));
  return missing.some((token) => {
    const i = question.tokens.indexOf(token);
    const alike = question.alike[i] ?? new Set([token.stem]);
    return [...alike].some((stem) => stems.has(stem));
  });
}

/**
 * The stems of the clauses of a statement (split at semicolons and sentence ends) that hold one of
 * the question's topic words ("signed", "led"), or of the whole statement when none does or the
 * question has no topic word.
 */
function listingClauseStems(question: Question, statement: string): ReadonlySet<string> {
  const topicStems = new Set<string>();
  question.tokens.forEach((token, i) => {
    if (question.roles[i] === 'topic')
      for (const stem of question.alike[i] ?? [token.stem]) topicStems.add(stem);
  });
  const clauses = statement.split(/;|\.\s/).map((clause) => tokenize(clause).map((t) => t.stem));
  const listing = clauses.filter((stems) => stems.some((stem) => topicStems.has(stem)));
  return new Set((listing.length > 0 ? listing : clauses).flat());
}

// How far after "not" or "never" a word of the question may stand and still be what is denied.
const negationReach = 4;

/**
 * Whether the fact denies what the question asks: a negation ("never", "not", "refused") shortly
 * before one of the question's own words, as "was never signed" denies "was it signed". A "not"
 * elsewhere in the fact ("was present ... though not an official delegate") denies something else.
 */
function negatesQuestion(index: LookupIndex, question: Question, statement: string): boolean {
  const asked = new Set<string>();
  question.tokens.forEach((token, i) => {
    const role = question.roles[i];
    if (role === 'stop' || role === 'form' || stopwords.has(token.folded)) return;
    for (const stem of question.alike[i] ?? [token.stem]) asked.add(stem);
  });
  const tokens = tokenize(statement);
  const { negations } = index.lexicon;
  return tokens.some(
    (token, i) =>
      (negations.has(token.stem) || negations.has(token.folded)) &&
      tokens.slice(i + 1, i + 1 + negationReach).some((next) => asked.has(next.stem)),
  );
}

function yesNo(index: LookupIndex, question: Question, first: ScoredFact): { yes?: boolean } {
  if (!question.forms.has('yesno')) return {};
  const yes = answersYes(index, question, first);
  return yes === undefined ? {} : { yes };
}

// How many of the best-ranked facts a question for the newest chooses among: enough to reach past
// the best matches of earlier years, few enough to stay on what the question asks.
const latestPool = 30;

/**
 * The few newest dated facts of `items`, newest first: one an entry before a second of any, so
 * three facts of one day's talks do not hide the rest.
 */
function newestOf<T>(items: readonly T[], indexedOf: (item: T) => IndexedFact): T[] {
  const dateOf = (item: T) => indexedOf(item).fact.date ?? '';
  const newest = items.filter((item) => dateOf(item) !== '');
  newest.sort((a, b) => compareCodeUnits(dateOf(b), dateOf(a)));
  const entries = new Set<Entry>();
  const firsts = newest.filter((item) => {
    const { entry } = indexedOf(item);
    if (entries.has(entry)) return false;
    entries.add(entry);
    return true;
  });
  const picked = new Set([...firsts, ...newest].slice(0, suggestedFactLimit));
  return newest.filter((item) => picked.has(item));
}

/** The knowledge's newest facts, for a question for the latest that names nothing else. */
function newestFacts(facts: readonly IndexedFact[]): FactCandidate[] {
  return newestOf(facts, (indexed) => indexed).map(({ entry, fact }) => ({
    entry,
    fact,
    confidence: 0,
  }));
}

/** Of the best-ranked dated facts, the few newest, newest first. */
function latestFacts(ranked: readonly ScoredFact[], bestConfidence: number): FactCandidate[] {
  const top = ranked[0]?.score ?? 1;
  const pool: ScoredFact[] = [];
  for (const scored of ranked) {
    if (pool.length >= latestPool || scored.score <= 0) break;
    if (pool.some((other) => answersAlike(other, scored))) continue;
    pool.push(scored);
  }
  return newestOf(pool, (scored) => scored.indexed).map((scored) => ({
    entry: scored.indexed.entry,
    fact: scored.indexed.fact,
    confidence: round(Math.min(bestConfidence, (bestConfidence * scored.score) / top)),
  }));
}

/** The few best facts of different entries or topics, as "did you mean" offers. */
function closestFacts(ranked: readonly ScoredFact[], bestConfidence: number): FactCandidate[] {
  const picked: ScoredFact[] = [];
  for (const scored of ranked) {
    if (picked.length >= suggestedFactLimit) break;
    if (
      picked.some(
        (other) => answersAlike(other, scored) || other.indexed.fact === scored.indexed.fact,
      )
    )
      continue;
    if (scored.score <= 0) break;
    picked.push(scored);
  }
  const top = picked[0]?.score ?? 1;
  return picked
    .map((scored) => ({
      entry: scored.indexed.entry,
      fact: scored.indexed.fact,
      confidence: round(Math.min(bestConfidence, (bestConfidence * scored.score) / top)),
    }))
    .filter((candidate) => candidate.confidence >= minSuggestedConfidence);
}

/** Every entry whose title or alias appears in the question, as written or stemmed. */
function nameMentions(
  index: LookupIndex,
  question: Question,
  allowed: (entry: Entry) => boolean,
): Candidate[] {
  const meaningful = Math.max(
    1,
    question.roles.filter((role) => role === 'content' || role === 'topic').length,
  );
  const found = new Map<Entry, number>();
  const scan = (
    keys: readonly string[],
    names: ReadonlyMap<string, NameRecord>,
    starts: ReadonlyMap<string, number>,
    max: number,
  ) => {
    for (let size = Math.min(keys.length, max); size >= 1; size--) {
      for (let start = 0; start + size <= keys.length; start++) {
        if ((starts.get(keys[start] ?? '') ?? 0) < size) continue;
        const slice = keys.slice(start, start + size);
        if (size === 1 && tooShortAlone(slice[0] ?? '')) continue;
        const record = names.get(slice.join(' '));
        if (!record || !allowed(record.entry)) continue;
        const confidence = round(0.85 + 0.15 * Math.min(1, size / meaningful));
        found.set(record.entry, Math.max(found.get(record.entry) ?? 0, confidence));
      }
    }
  };
  scan(
    question.tokens.map((t) => t.folded),
    index.names,
    index.nameStarts,
    index.maxNameWords,
  );
  scan(
    canonicalStems(question.tokens, index.lexicon),
    index.stemNames,
    index.stemNameStarts,
    index.maxStemNameWords,
  );
  return [...found].map(([entry, confidence]) => ({ entry, confidence }));
}

// How strongly one distinctive word of a name links its entry: a hint, below a name said whole.
const distinctiveWordLink = 0.7;

/**
 * Whether one word is too short or too common to name an entry alone ("us", "the"). A synonym
 * group's mark ("~0" for "grain deal", "зерновой сделки") stands for a whole name the lexicon knows,
 * however short its number.
 */
function tooShortAlone(key: string): boolean {
  if (key.startsWith('~')) return false;
  return key.length < 4 || stopwords.has(key);
}

/** Names whose stemmed words appear in the question's stems: "зернової угоди" for "Зернова угода". */
function stemNameMatches(
  index: LookupIndex,
  stems: readonly string[],
  meaningful: number,
  allowed: (entry: Entry) => boolean,
): NameMatches {
  for (let size = Math.min(stems.length, index.maxStemNameWords); size >= 1; size--) {
    const byEntry = new Map<Entry, number>();
    let matched = 0;
    for (let start = 0; start + size <= stems.length; start++) {
      if ((index.stemNameStarts.get(stems[start] ?? '') ?? 0) < size) continue;
      const slice = stems.slice(start, start + size);
      if (size === 1 && tooShortAlone(slice[0] ?? '')) continue;
      const record = index.stemNames.get(slice.join(' '));
      if (!record || !allowed(record.entry)) continue;
      matched = Math.max(
        matched,
        slice.filter((stem) => !index.lexicon.stopwords.has(stem)).length,
      );
      const covered = Math.min(1, size / Math.max(1, meaningful));
      const confidence = round(0.82 + 0.15 * covered);
      byEntry.set(record.entry, Math.max(byEntry.get(record.entry) ?? 0, confidence));
    }
    if (byEntry.size > 0) {
      return {
        candidates: [...byEntry]
          .map(([entry, confidence]) => ({ entry, confidence }))
          .sort((a, b) => b.confidence - a.confidence),
        size: matched,
      };
    }
  }
  return { candidates: [], size: 0 };
}

/**
 * Names every meaningful word of which the question holds, in any order ("formula steinmeier",
 * "the treaty on the sea of azov and the kerch strait" for "Azov-Kerch Treaty"...): only the
 * names of the most such words, and only names of two words or more, since one word in another
 * place is no sign of the name.
 */
function unorderedNameMatches(
  index: LookupIndex,
  stems: ReadonlySet<string>,
  meaningful: number,
  allowed: (entry: Entry) => boolean,
): NameMatches {
  let size = 0;
  const byEntry = new Map<Entry, number>();
  for (const stem of stems) {
    for (const name of index.nameStemSetsByStem.get(stem) ?? []) {
      const { record, stems: nameStems } = index.nameStemSets[name] ?? {};
      if (!record || !nameStems || nameStems.length < size || !allowed(record.entry)) continue;
      if (!nameStems.every((nameStem) => stems.has(nameStem))) continue;
      if (nameStems.length > size) {
        size = nameStems.length;
        byEntry.clear();
      }
      // Below a name said word for word: scattered words are weaker evidence, and short of the
      // whole question they do not name its subject clearly enough to set other entries aside.
      const confidence = round(0.75 + 0.1 * Math.min(1, size / Math.max(1, meaningful)));
      byEntry.set(record.entry, Math.max(byEntry.get(record.entry) ?? 0, confidence));
    }
  }
  return {
    candidates: [...byEntry]
      .map(([entry, confidence]) => ({ entry, confidence }))
      .sort((a, b) => b.confidence - a.confidence),
    size,
  };
}

function obstacleByNumber(
  index: LookupIndex,
  folded: string,
  kinds?: readonly EntryKind[],
): Entry | undefined {
  const match = obstacleNumberPattern.exec(folded);
  const digit = match?.[1] ?? match?.[2];
  if (digit) return index.obstaclesByNumber.get(Number(digit));
  // `/obstacle 3`: the command already says which kind, the query is just the number.
  if (kinds?.length === 1 && kinds[0] === 'obstacle' && /^[1-9]$/.test(folded)) {
    return index.obstaclesByNumber.get(Number(folded));
  }
  return undefined;
}

/** Names (or, failing those, keywords) that appear word for word in the query; the longest win. */
function exactMatches(
  index: LookupIndex,
  folded: string,
  meaningful: number,
  allowed: (entry: Entry) => boolean,
): NameMatches & { strength: NameRecord['strength'] } {
  const words = folded.split(' ');
  for (let size = Math.min(words.length, index.maxNameWords); size >= 1; size--) {
    const byEntry = new Map<Entry, number>();
    let strength: NameRecord['strength'] = 'keyword';
    let matched = 0;
    for (let start = 0; start + size <= words.length; start++) {
      const head = words[start] ?? '';
      const fits = Math.max(index.nameStarts.get(head) ?? 0, index.keywordStarts.get(head) ?? 0);
      if (fits < size) continue;
      const slice = words.slice(start, start + size);
      if (size === 1 && (stopwords.has(slice[0] ?? '') || (slice[0] ?? '').length < 3)) continue;
      const key = slice.join(' ');
      const named = index.names.get(key);
      const hits: NameRecord[] = named ? [named] : [...(index.keywords.get(key) ?? [])];
      for (const record of hits) {
        if (!allowed(record.entry)) continue;
        if (record.strength === 'name' && strength === 'keyword') {
          // A name outranks any keyword of the same length.
          strength = 'name';
          byEntry.clear();
          matched = 0;
        } else if (record.strength === 'keyword' && strength === 'name') {
          continue;
        }
        // Confidence: full when the name is all the query says, less when other words remain.
        const content = contentWords(key).length;
        matched = Math.max(matched, content);
        const covered = Math.min(1, content / Math.max(1, meaningful));
        const confidence = round(
          record.strength === 'name'
            ? 0.85 + 0.15 * covered
            : acceptConfidence + (keywordCeiling - acceptConfidence) * covered,
        );
        byEntry.set(record.entry, Math.max(byEntry.get(record.entry) ?? 0, confidence));
      }
    }
    if (byEntry.size > 0) {
      const candidates = [...byEntry]
        .map(([entry, confidence]) => ({ entry, confidence }))
        .sort((a, b) => b.confidence - a.confidence);
      return { strength, candidates, size: matched };
    }
  }
  return { strength: 'keyword', candidates: [], size: 0 };
}

/** The entries a way of matching names found, and how many meaningful words the names matched had. */
interface NameMatches {
  readonly candidates: Candidate[];
  readonly size: number;
}

/** Both lists, one candidate an entry at its best confidence, best first. */
function mergeCandidates(a: readonly Candidate[], b: readonly Candidate[]): Candidate[] {
  const best = new Map<Entry, number>();
  for (const candidate of [...a, ...b]) {
    best.set(candidate.entry, Math.max(best.get(candidate.entry) ?? 0, candidate.confidence));
  }
  return [...best]
    .map(([entry, confidence]) => ({ entry, confidence }))
    .sort((x, y) => y.confidence - x.confidence);
}

/** Fuzzy match of the query's subject against the few names that share enough trigrams with it. */
function fuzzyMatches(
  index: LookupIndex,
  subject: string,
  allowed: (entry: Entry) => boolean,
): Candidate[] {
  const grams = trigramsOf(subject);
  // Counted in an array by record rather than a map: a long subject shares some trigram with most
  // names, and this runs for every question that names nothing exactly.
  const shared = sharedCounts(index);
  const touched: number[] = [];
  for (const gram of grams) {
    for (const recordIndex of index.trigrams.get(gram) ?? []) {
      if (shared[recordIndex] === 0) touched.push(recordIndex);
      shared[recordIndex] = (shared[recordIndex] ?? 0) + 1;
    }
  }
  // Most shared trigrams first; among equals, names closest in length to the query. At most two names
  // an entry, so one entry with many similar aliases cannot crowd the others out.
  const minShared = minTrigramOverlap * grams.size;
  // Built by pushing into a literal, not by filter and map: those make an empty result of another
  // array kind than a full one, and the optimised code then fell back to slow code at the sort,
  // again and again, for every question that shared no trigram with a name.
  const ranked: { record: NameRecord; count: number }[] = [];
  for (const recordIndex of touched) {
    const count = shared[recordIndex] ?? 0;
    const record = index.records[recordIndex];
    if (record && count >= minShared) ranked.push({ record, count });
  }
  if (ranked.length === 0) return [];
  ranked.sort(
    (a, b) =>
      b.count - a.count ||
      Math.abs(a.record.folded.length - subject.length) -
        Math.abs(b.record.folded.length - subject.length),
  );
  const picked: NameRecord[] = [];
  const perEntry = new Map<Entry, number>();
  for (const { record } of ranked) {
    if (!allowed(record.entry)) continue;
    const taken = perEntry.get(record.entry) ?? 0;
    if (taken >= namesPerEntry) continue;
    perEntry.set(record.entry, taken + 1);
    picked.push(record);
    if (picked.length >= fuzzyCandidateLimit) break;
  }
  if (picked.length === 0) return [];
  const fuse = new Fuse(picked, fuseOptions);
  const subjectWords = subject.split(' ');
  const best = new Map<Entry, number>();
  for (const hit of fuse.search(subject)) {
    const lengthPenalty = lengthMismatch(subject, hit.item.folded);
    const raw =
      1 -
      (hit.score ?? 1) -
      lengthPenalty -
      wordMissPenalty * (1 - wordCoverage(subjectWords, hit.item.folded)) -
      truncatedWordPenalty * truncatedShare(subjectWords, hit.item.folded) -
      (subjectWords.length > 1
        ? missingNameWordPenalty * missingNameWords(subjectWords, hit.item.folded)
        : 0);
    // A keyword hints at an entry; it should never outrank an entry's own name, and a query that
    // names only part of it ("kyiv" of "Kyiv-Mohyla Academy") is a suggestion, not an answer.
    const confidence = round(
      hit.item.strength === 'keyword'
        ? Math.min(raw - 0.05, keywordCeiling) -
            partialKeywordPenalty * (1 - wordCoverage(hit.item.folded.split(' '), subject))
        : raw,
    );
    if (confidence > (best.get(hit.item.entry) ?? 0)) best.set(hit.item.entry, confidence);
  }
  for (const record of picked) {
    if (record.strength === 'keyword') continue;
    const confidence = round(wordSetConfidence(subjectWords, record.folded));
    if (confidence > (best.get(record.entry) ?? 0)) best.set(record.entry, confidence);
  }
  const found: Candidate[] = [];
  for (const [entry, confidence] of best) {
    if (confidence >= suggestConfidence) found.push({ entry, confidence });
  }
  return found.sort((a, b) => b.confidence - a.confidence);
}

/**
 * Shared-trigram counts by name record, kept for reuse and cleared: lookups run one at a time, and
 * a buffer made afresh for every question was one more for the garbage collector to free.
 */
const sharedCountsOf = onceFor((index: LookupIndex) => new Uint16Array(index.records.length));

function sharedCounts(index: LookupIndex): Uint16Array {
  return sharedCountsOf(index).fill(0);
}

/**
 * How well a name holds every word of the query in any order ("2008 georgia war" in "Georgian war
 * 2008"): fuse.js matches the query as one string, so reordered or separated words score poorly.
 * Each query word must be a word of the name or most of one (georgia of georgian, at most two
 * letters short); each word the name has beyond the query's costs a little. 0 when a word is missing.
 */
function wordSetConfidence(queryWords: readonly string[], name: string): number {
  if (queryWords.length < 2) return 0;
  const nameWords = name.split(' ');
  let total = 0;
  for (const word of queryWords) {
    let best = 0;
    for (const nameWord of nameWords) {
      if (nameWord === word) best = 1;
      else if (word.length >= 4 && nameWord.length - word.length <= 2 && nameWord.startsWith(word))
        best = Math.max(best, word.length / nameWord.length);
    }
    if (best === 0) return 0;
    total += best;
  }
  const extraWords = Math.max(0, nameWords.length - queryWords.length);
  return total / queryWords.length - wordSetExtraWordPenalty * extraWords;
}

/**
 * How many words of a name (at most two) the query says nothing like: "peace talks 2025" is all
 * inside "Istanbul peace talks 2025", but without "Istanbul" it could be any talks of that year.
 */
function missingNameWords(queryWords: readonly string[], name: string): number {
  const missing = contentWords(name).filter(
    (word) =>
      !/^\d+$/.test(word) &&
      !queryWords.some(
        (q) =>
          q === word ||
          (q.length >= 3 && word.startsWith(q)) ||
          (word.length >= 3 && q.startsWith(word)) ||
          (q.length >= 5 && editDistance(q, word, 2) <= 2),
      ),
  ).length;
  return Math.min(2, missing);
}

/**
 * Share of the query's words that some word of the name starts like (first three letters), so a typo
 * still counts but a query word the name lacks ("scepticism" against "capitals") costs confidence.
 */
function wordCoverage(queryWords: readonly string[], name: string): number {
  const nameWords = name.split(' ');
  const covered = queryWords.filter((word) =>
    nameWords.some((n) => n.slice(0, 3) === word.slice(0, 3)),
  ).length;
  return covered / Math.max(1, queryWords.length);
}

/**
 * Share of the query's words that are only the start of a longer word of the name ("bucha" of
 * "bucharest"): fuse.js scores such a match as perfect, but a different word is usually meant.
 */
function truncatedShare(queryWords: readonly string[], name: string): number {
  const nameWords = name.split(' ');
  const truncated = queryWords.filter(
    (word) =>
      !nameWords.includes(word) &&
      nameWords.some((n) => n.length - word.length >= 3 && n.startsWith(word)),
  ).length;
  return truncated / Math.max(1, queryWords.length);
}

/**
 * fuse.js with ignoreLocation scores a short query found inside a long name as a near-perfect match
 * ("pact" in "kharkiv pact"); penalise queries that cover little of the name so a fragment stays a guess.
 */
function lengthMismatch(subject: string, name: string): number {
  const ratio = subject.length / name.length;
  return ratio >= 0.5 ? 0 : (0.5 - ratio) * 0.8;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
