import MiniSearch from 'minisearch';
import type { Entry, Fact, FactTopic } from '../knowledge/schema.ts';
import type { Question } from './question.ts';
import { tokenize } from './words.ts';

/** One fact as the fact index holds it. */
export interface IndexedFact {
  readonly entry: Entry;
  readonly fact: Fact;
  /** The stems of its statement and note. */
  readonly stems: ReadonlySet<string>;
  /** Whether it states a count ("141 states voted"), which "how many" asks for. */
  readonly hasCount: boolean;
  /** Its place among its entry's facts: editors put the most direct answer first. */
  readonly position: number;
}

/** BM25 over fact statements, and the facts by position. */
export interface FactIndex {
  readonly facts: readonly IndexedFact[];
  readonly byEntry: ReadonlyMap<Entry, readonly number[]>;
  readonly search: MiniSearch<{ id: number; text: string }>;
  /** Stem → inverse document frequency over facts. */
  readonly idf: ReadonlyMap<string, number>;
}

// MiniSearch over fuse.js for facts: questions match facts by words, not by spelling, and BM25
// weighs a rare word ("moratorium") above a common one ("Russia"), which fuse.js cannot. Its
// tokenizer and term processing are ours, so facts and questions are stemmed the same way.
const searchOptions = {
  fields: ['text'],
  tokenize: (text: string) => tokenize(text).map((token) => token.stem),
  processTerm: (term: string) => term,
  searchOptions: { tokenize: (text: string) => text.split(' '), combineWith: 'OR' as const },
};

const countPattern =
  /\b(?!(?:1[89]|20)\d\d\b)\d+(?:[.,]\d+)?\b|\b(hundred|thousand|million|billion|dozen)s?\b/i;

/** Builds the fact index over every entry's facts. */
export function buildFactIndex(entries: readonly Entry[]): FactIndex {
  const facts: IndexedFact[] = [];
  const byEntry = new Map<Entry, number[]>();
  for (const entry of entries) {
    const positions: number[] = [];
    entry.facts.forEach((fact, position) => {
      const text = fact.note ? `${fact.statement} ${fact.note}` : fact.statement;
      positions.push(facts.length);
      facts.push({
        entry,
        fact,
        stems: new Set(tokenize(text).map((token) => token.stem)),
        hasCount: countPattern.test(withoutDates(fact.statement)),
        position,
      });
    });
    byEntry.set(entry, positions);
  }
  const search = new MiniSearch<{ id: number; text: string }>(searchOptions);
  search.addAll(
    facts.map(({ fact }, id) => ({
      id,
      text: fact.note ? `${fact.statement} ${fact.note}` : fact.statement,
    })),
  );
  const frequency = new Map<string, number>();
  for (const { stems } of facts)
    for (const stem of stems) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [stem, count] of frequency) idf.set(stem, Math.log(1 + facts.length / count));
  return { facts, byEntry, search, idf };
}

function withoutDates(text: string): string {
  return text.replace(
    /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b/g,
    '',
  );
}

/** A fact scored for a question, with what the score was made of. */
export interface ScoredFact {
  readonly at: number;
  readonly indexed: IndexedFact;
  readonly score: number;
  /** BM25 of the question's words against the fact, 0..1 relative to the best fact. */
  readonly text: number;
  readonly link: number;
  readonly topicFit: number;
}

/** What lookup knows of the entries a question names, for ranking their facts. */
export interface EntryLinks {
  /** Entry → how strongly the question names it (0..1). */
  readonly strength: ReadonlyMap<Entry, number>;
  /** Per token of the question, whether it is part of a linked entry's names (so says nothing of which fact). */
  readonly naming: (entry: Entry, token: number) => boolean;
}

// A link this strong means the question names the entry outright.
const strongLink = 0.85;

// Topics that answer for one another in part: "who signed" is half answered by the signing fact.
const kindred: readonly (readonly FactTopic[])[] = [
  ['signed', 'signatories'],
  ['signatories', 'participants', 'mediators'],
  ['ended', 'violated'],
  ['provision', 'proposed'],
  ['status', 'annexed'],
];
const whoTopics: ReadonlySet<FactTopic | undefined> = new Set<FactTopic | undefined>([
  'signatories',
  'participants',
  'mediators',
  'office',
]);

// Weights of the ranking signals. The entry link is worth most: a fact of the entry the question
// names beats a fact elsewhere that shares more words.
const weights = {
  link: 3,
  text: 1.6,
  topic: 1.2,
  kindredTopic: 0.4,
  otherTopic: -0.5,
  formFit: 0.6,
  formMiss: -0.6,
  yearHit: 0.9,
  yearMiss: -1.4,
  officeNow: 0.6,
  officeThen: -1.6,
  // A tie between facts goes to the one listed first.
  position: -0.01,
};

/**
 * Ranks facts for a question: those of the entries it names (with their link strength) and those
 * BM25 finds by its words, scored by link, words, topic, form (a date for "when", a number for "how
 * many", people for "who"), years and tense. Best first.
 */
export function rankFacts(
  index: FactIndex,
  question: Question,
  entryLinks: EntryLinks,
  allowed: (entry: Entry) => boolean,
): ScoredFact[] {
  const links = entryLinks.strength;
  const bm25 = new Map<number, number>();
  if (question.searchStems.length > 0) {
    for (const hit of index.search.search(question.searchStems.join(' '))) {
      bm25.set(hit.id as number, hit.score);
    }
  }
  const pool = new Set<number>();
  for (const entry of links.keys()) for (const at of index.byEntry.get(entry) ?? []) pool.add(at);
  const byText = [...bm25].sort((a, b) => b[1] - a[1]).slice(0, 24);
  for (const [at] of byText) pool.add(at);
  let best = 0;
  for (const at of pool) best = Math.max(best, bm25.get(at) ?? 0);
  const strong = [...links]
    .filter(([, strength]) => strength >= strongLink)
    .map(([entry]) => entry);
  const named = strong.length > 0 ? strong : undefined;

  const scored: ScoredFact[] = [];
  for (const at of pool) {
    const indexed = index.facts[at];
    if (!indexed || !allowed(indexed.entry)) continue;
    const { fact, entry } = indexed;
    const link = links.get(entry) ?? 0;
    // When the question clearly names an entry, every fact is judged by the words beyond that name:
    // a fact elsewhere that merely repeats the name ("the border treaty") says nothing of "when did it end".
    const text =
      link > 0 || named
        ? leftoverCoverage(index, question, indexed, entryLinks, named)
        : best > 0
          ? (bm25.get(at) ?? 0) / best
          : 0;
    const topicFit = topicScore(question, fact.topic);
    let score = weights.link * link + weights.text * text + topicFit;
    score += formScore(question, indexed);
    if (question.years.length > 0) {
      const year = fact.date?.slice(0, 4);
      score += year && question.years.includes(year) ? weights.yearHit : weights.yearMiss;
    }
    if (fact.topic === 'office' && (question.present || question.forms.has('who'))) {
      score += fact.until ? weights.officeThen : weights.officeNow;
    }
    score += weights.position * indexed.position;
    scored.push({ at, indexed, score, text, link, topicFit });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * For a fact of an entry the question names: the share (by rarity) of the question's words beyond
 * the entry's names that the fact holds. Every fact of the entry holds its name, so only the other
 * words ("exit", "mediators", "1994") say which fact is meant.
 */
function leftoverCoverage(
  index: FactIndex,
  question: Question,
  indexed: IndexedFact,
  links: EntryLinks,
  named: readonly Entry[] | undefined,
): number {
  let total = 0;
  let held = 0;
  question.tokens.forEach((token, i) => {
    const role = question.roles[i];
    if (role === 'stop' || role === 'form' || links.naming(indexed.entry, i)) return;
    if (named?.some((entry) => links.naming(entry, i))) return;
    const alike = question.alike[i] ?? new Set([token.stem]);
    let weight = 0;
    let hit = false;
    for (const stem of alike) {
      const idf = index.idf.get(stem) ?? 0;
      weight = Math.max(weight, idf);
      if (indexed.stems.has(stem)) hit = true;
    }
    weight = weight || 1;
    total += weight;
    if (hit) held += weight;
  });
  return total === 0 ? 0 : held / total;
}

function topicScore(question: Question, topic: FactTopic | undefined): number {
  const asked = question.topics;
  if (asked.size === 0) return 0;
  if (topic && asked.has(topic)) return weights.topic;
  if (topic && kindred.some((group) => group.includes(topic) && group.some((t) => asked.has(t)))) {
    // "who signed" asks for the signatories: for a who-question, the people's side of an act is the topic.
    return question.forms.has('who') && whoTopics.has(topic) ? weights.topic : weights.kindredTopic;
  }
  return weights.otherTopic;
}

function formScore(question: Question, indexed: IndexedFact): number {
  let score = 0;
  const { fact } = indexed;
  if (question.forms.has('when')) score += fact.date ? weights.formFit : weights.formMiss;
  if (question.forms.has('howmany')) score += indexed.hasCount ? weights.formFit : weights.formMiss;
  if (question.forms.has('who') && whoTopics.has(fact.topic)) score += weights.formFit;
  if (question.forms.has('where') && (fact.topic === 'signed' || fact.topic === 'participants')) {
    score += weights.formFit / 2;
  }
  return score;
}
