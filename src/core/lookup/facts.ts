import type { Entry, Fact, FactTopic } from '../knowledge/schema.ts';
import { type Bm25Index, bm25Scores, buildBm25 } from './bm25.ts';
import { monthOf } from './months.ts';
import { onceFor } from './once-for.ts';
import { type CompiledLexicon, officePhrases, type Question } from './question.ts';
import { type RankingWeights, rankingWeights } from './ranking-model.ts';
import { percentAsWord, tokenize } from './words.ts';

/** One fact as the fact index holds it. */
export interface IndexedFact {
  readonly entry: Entry;
  readonly fact: Fact;
  /** The stems of its statement and note. */
  readonly stems: ReadonlySet<string>;
  /** Whether it states a count ("141 states voted"), which "how many" asks for. */
  readonly hasCount: boolean;
  /**
   * Whether it states someone's view ("Umland argues...", "...warns that"): what "according to
   * umland" asks for, rather than a fact about Umland himself.
   */
  readonly statesView: boolean;
  /** Whether it says where: "in Istanbul", "at Dolmabahçe Palace" (what "where" asks for). */
  readonly namesPlace: boolean;
  /** Its place among its entry's facts: editors put the most direct answer first. */
  readonly position: number;
  /** The lexicon's office words its statement uses ("president", "head of"): which office it is about. */
  readonly offices: ReadonlySet<string>;
  /** Each two neighbouring meaningful words, as stems ("russia deleg"): whose delegation, not just which words. */
  readonly pairs: ReadonlySet<string>;
  /**
   * The people (person entries) it names by surname, and its own entry's person: two facts naming
   * the same people give the same answer to "who".
   */
  readonly people: ReadonlySet<Entry>;
  /** The parties (states and sides, as `pairWord` gives them) its statement names. */
  readonly parties: ReadonlySet<string>;
}

/** BM25 over fact statements, and the facts by position. */
export interface FactIndex {
  readonly facts: readonly IndexedFact[];
  readonly byEntry: ReadonlyMap<Entry, readonly number[]>;
  /** The facts' stems for BM25, by place in `facts`. */
  readonly bm25: Bm25Index;
  /** Topic → the facts of that topic, so a question that names no entry still meets every fact of its kind. */
  readonly byTopic: ReadonlyMap<FactTopic, readonly number[]>;
  /** Every folded word the facts use, for the speller's vocabulary. */
  readonly words: ReadonlySet<string>;
  /** Stem → inverse document frequency over facts. */
  readonly idf: ReadonlyMap<string, number>;
  /** A word as word pairs compare it: its synonym group when it has one ("ukrainian" = "ukraine's"). */
  readonly pairWord: (stem: string) => string;
  /** The lexicon's parties (states and sides) as `pairWord` gives them: whose delegation, whose plan. */
  readonly parties: ReadonlySet<string>;
  /**
   * Entries whose names hold two parties or more ("US-Russia-Ukraine trilateral talks"): a party
   * word in a question names such an entry without saying which side is asked.
   */
  readonly manySided: ReadonlySet<Entry>;
}

const countPattern =
  /\b(?!(?:1[89]|20)\d\d\b)\d+(?:[.,]\d+)?\b|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)s?\b/i;

/** The fact index without its function: what the lookup index cache stores. */
export type FactIndexData = Omit<FactIndex, 'pairWord'>;

/** The fact index its data makes, over the lexicon it was built with. */
export function factIndexFrom(data: FactIndexData, lexicon: CompiledLexicon): FactIndex {
  return { ...data, pairWord: pairWordOf(lexicon) };
}

/** A word as word pairs compare it: its synonym group's mark when it has one. */
function pairWordOf(lexicon: CompiledLexicon): (stem: string) => string {
  return (stem) => {
    const group = lexicon.synonymGroups.get(stem);
    return group === undefined ? stem : `~${group}`;
  };
}

/** Builds the fact index over every entry's facts. */
export function buildFactIndex(entries: readonly Entry[], lexicon: CompiledLexicon): FactIndex {
  const facts: IndexedFact[] = [];
  const stemmed: string[][] = [];
  // A person is named in a fact by the last word of their title ("Vladimir Medinsky" → "medinsky").
  const surnames = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'actor' || entry.actorType !== 'person') continue;
    const last = tokenize(entry.title).at(-1)?.folded;
    if (!last) continue;
    surnames.set(last, [...(surnames.get(last) ?? []), entry]);
  }
  const pairWord = pairWordOf(lexicon);
  const partyWords = new Set([...lexicon.parties].map((stem) => pairWord(stem)));
  const partiesOf = (tokens: readonly { stem: string }[]) =>
    partiesNamed(tokens, pairWord, partyWords);
  const words = new Set<string>();
  const byEntry = new Map<Entry, number[]>();
  const manySided = new Set<Entry>();
  for (const entry of entries) {
    const named = new Set<string>();
    for (const name of [entry.title, ...entry.aliases])
      for (const party of partiesOf(tokenize(name))) named.add(party);
    if (named.size >= 2) manySided.add(entry);
    const positions: number[] = [];
    entry.facts.forEach((fact, position) => {
      const statement = tokenize(percentAsWord(fact.statement));
      const tokens = fact.note ? [...statement, ...tokenize(fact.note)] : statement;
      positions.push(facts.length);
      stemmed.push(tokens.map((token) => token.stem));
      for (const token of tokens) words.add(token.folded);
      const pairs = neighbourPairs(
        tokens
          .map((token) => token.stem)
          .filter((stem) => !lexicon.stopwords.has(stem))
          .map(pairWord),
      );
      facts.push({
        entry,
        fact,
        pairs,
        stems: new Set(tokens.map((token) => token.stem)),
        hasCount: countPattern.test(withoutDesignations(withoutDates(fact.statement))),
        statesView: statement.some((token) => lexicon.attributions.has(token.stem)),
        namesPlace: namesPlace(fact.statement),
        position,
        offices: fact.topic === 'office' ? officePhrases(statement, lexicon) : new Set(),
        people: new Set([
          ...(entry.kind === 'actor' && entry.actorType === 'person' ? [entry] : []),
          ...tokens.flatMap((token) => surnames.get(token.folded) ?? []),
        ]),
        parties: partiesOf(statement),
      });
    });
    byEntry.set(entry, positions);
  }
  // Indexed as the stems made above, so each fact is tokenized once.
  const bm25 = buildBm25(stemmed);
  const idf = new Map<string, number>();
  for (const [stem, list] of bm25.postings)
    idf.set(stem, Math.log(1 + facts.length / list.facts.length));
  const byTopic = new Map<FactTopic, number[]>();
  facts.forEach(({ fact }, at) => {
    if (!fact.topic) return;
    const list = byTopic.get(fact.topic) ?? [];
    list.push(at);
    byTopic.set(fact.topic, list);
  });
  return {
    facts,
    byEntry,
    bm25,
    byTopic,
    words,
    idf,
    pairWord,
    parties: partyWords,
    manySided,
  };
}

/**
 * Where a text names parties, one word ("russian") or two ("united states", placed at the first),
 * as `pairWord` gives them, so "Russia's", "Russian" and "РФ" are one party.
 */
function partiesAt(
  tokens: readonly { readonly stem: string }[],
  pairWord: (stem: string) => string,
  parties: ReadonlySet<string>,
): { readonly at: number; readonly party: string }[] {
  const found: { at: number; party: string }[] = [];
  tokens.forEach((token, at) => {
    const one = pairWord(token.stem);
    if (parties.has(one)) found.push({ at, party: one });
    const next = tokens[at + 1];
    if (!next) return;
    const two = pairWord(`${token.stem} ${next.stem}`);
    if (parties.has(two)) found.push({ at, party: two });
  });
  return found;
}

/** The parties a text names (`partiesAt`), each once. */
function partiesNamed(
  tokens: readonly { readonly stem: string }[],
  pairWord: (stem: string) => string,
  parties: ReadonlySet<string>,
): Set<string> {
  return new Set(partiesAt(tokens, pairWord, parties).map(({ party }) => party));
}

/** The parties a question asks of: those it names, but in its stop words ("tell us"). */
function partiesAsked(index: FactIndex, question: Question): { at: number; party: string }[] {
  return partiesAt(question.tokens, index.pairWord, index.parties).filter(
    ({ at }) => question.roles[at] !== 'stop',
  );
}

/**
 * The text without numbers that name rather than count: "ES-11/1", "68/262", "Resolution 2202",
 * "Article 73", "point 9", "No. 868/2025". A fact naming Resolution ES-11/1 does not say how many.
 */
function withoutDesignations(text: string): string {
  return text
    .replace(/\b[A-Za-z]+-\d+(?:\/\d+)?\b/g, '')
    .replace(/\b\d+\/\d+\b/g, '')
    .replace(
      /\b(?:resolutions?|articles?|points?|no\.?|decree|part|paragraph)\s+\d+(?:\.\d+)?\b/gi,
      '',
    );
}

// Made from the pairs when a fact is first ranked rather than stored with it: few facts are ever
// asked about this way, and the start-up snapshot reads every stored one back.
/** A fact's pairs by their second word: what stands before "memorandum" or "point" in it. */
const wordsBefore = onceFor(
  (indexed: IndexedFact): ReadonlyMap<string, readonly string[]> => pairsBySecond(indexed.pairs),
);

function pairsBySecond(pairs: ReadonlySet<string>): Map<string, string[]> {
  const before = new Map<string, string[]>();
  for (const pair of pairs) {
    const [first, second] = pair.split(' ');
    if (first === undefined || second === undefined) continue;
    before.set(second, [...(before.get(second) ?? []), first]);
  }
  return before;
}

/** "russia deleg", "deleg istanbul": each stem with the next, in order. */
function neighbourPairs(stems: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < stems.length; i++) pairs.add(`${stems[i]} ${stems[i + 1]}`);
  return pairs;
}

function withoutDates(text: string): string {
  return text.replace(
    /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b/g,
    '',
  );
}

/**
 * What the ranking weighs in a fact for a question, each a number the fitted model multiplies by its
 * weight (ranking-model.ts). Named, so the fitting script and the trace read the same.
 */
export interface RankingFeatures {
  /** How strongly the question names the fact's entry (0..1). */
  readonly link: number;
  /** Share (by rarity) of the question's words the fact or its entry's names account for. */
  readonly text: number;
  /**
   * The same, counting only what the fact's own text says: what tells facts of one entry apart.
   * 1 when every word of the question names the fact's entry: then its text has nothing to match.
   */
  readonly own: number;
  /** BM25 of the question's words against the fact, relative to the best fact (0..1). */
  readonly bm25: number;
  /**
   * Share of the question's neighbouring word pairs the fact has side by side: "russia's delegation"
   * is answered where Russia's delegation is named, not where Russia and a delegation both appear.
   */
  readonly pairs: number;
  /** The fact counts another number of the thing the question counts ("20-point plan" for "28 point plan"). */
  readonly numberClash: number;
  /** The fact speaks of another party's thing than the question asks of ("Russia's memorandum" for Ukraine's). */
  readonly partyClash: number;
  /**
   * The question asks of a side ("who led russia at the abu dhabi talks") and the fact names other
   * parties but not that one: it tells of another side. Never for a yes or no, which such a fact
   * may answer with "no".
   */
  readonly partyMissing: number;
  readonly topicAsked: number;
  readonly topicKindred: number;
  /** "who signed" and the signatories: for a who-question, the people's side of an act. */
  readonly topicPeople: number;
  readonly topicOther: number;
  /** "when": the fact is dated, or not. */
  readonly dated: number;
  readonly undated: number;
  /** "when was X": the fact dated the day its entry is dated. */
  readonly entryDate: number;
  /**
   * "when were the abu dhabi talks": asked when with no topic, the fact of the day it began (its
   * signing, opening or founding) gives the date of the thing itself, not of something in it.
   */
  readonly startDate: number;
  /**
   * "how many votes", "сколько процентов": the fact puts a number right before what the question
   * counts, not only some number.
   */
  readonly unitCounted: number;
  /** The question asks for someone's view ("according to umland") and the fact states one. */
  readonly viewStated: number;
  /** "how many": the fact states a count, or not. */
  readonly counted: number;
  readonly uncounted: number;
  /** "who": the fact lists people or parties, or states an office. */
  readonly people: number;
  /** "where": the fact names a place ("in Istanbul"), or is of a signing or a meeting. */
  readonly place: number;
  readonly yearHit: number;
  readonly yearMiss: number;
  /** Asked who holds an office: one held now, one held then, offices the question does not name. */
  readonly officeNow: number;
  readonly officeThen: number;
  readonly otherOffice: number;
  /** Asked who holds an office, every office the fact names is one the question names. */
  readonly officeFit: number;
  /**
   * The fact names every office the question names, however it asks ("when did umerov become
   * defence minister" of his two posts): 1, or -1 when it names only other offices.
   */
  readonly officeNamed: number;
  /** It is the one fact of who holds, now, the office asked in the country asked (`soleOfficeHolder`). */
  readonly officeHolder: number;
  /** Its place among its entry's facts: editors put the most direct answer first. */
  readonly position: number;
}

/** The features by name, in the order the fitting script and the model file list them. */
export const rankingFeatureNames: readonly (keyof RankingFeatures)[] = [
  'link',
  'text',
  'own',
  'bm25',
  'pairs',
  'numberClash',
  'partyClash',
  'partyMissing',
  'topicAsked',
  'topicKindred',
  'topicPeople',
  'topicOther',
  'dated',
  'undated',
  'entryDate',
  'startDate',
  'viewStated',
  'unitCounted',
  'counted',
  'uncounted',
  'people',
  'place',
  'yearHit',
  'yearMiss',
  'officeNow',
  'officeThen',
  'otherOffice',
  'officeFit',
  'officeNamed',
  'officeHolder',
  'position',
];

/** A fact scored for a question, with what the score was made of. */
export interface ScoredFact {
  readonly at: number;
  readonly indexed: IndexedFact;
  readonly score: number;
  readonly features: FactMeasures;
}

/** What is measured of a ranked fact: its ranking features, and what the answer's confidence reads besides. */
export interface FactMeasures extends RankingFeatures {
  /**
   * `own`, but a topic word the fact holds only by its topic counts half wherever it is: how much of
   * the question the fact itself says, which tells a sure answer from a likely one.
   */
  readonly literal: number;
}

/** 1 when the fact is of the topic asked, 0.5 a kindred one, -1 another, 0 when none was asked. */
export function topicMatch(features: RankingFeatures): number {
  if (features.topicAsked > 0) return 1;
  if (features.topicKindred > 0 || features.topicPeople > 0) return 0.5;
  return features.topicOther > 0 ? -1 : 0;
}

/** What lookup knows of the entries a question names, for ranking their facts. */
export interface EntryLinks {
  /** Entry → how strongly the question names it (0..1). */
  readonly strength: ReadonlyMap<Entry, number>;
  /** Per token of the question, whether it is part of a linked entry's names (so says nothing of which fact). */
  readonly naming: (entry: Entry, token: number) => boolean;
}

const textPoolSize = 24;
// A word in more than this share of facts is too common to search by.
const commonShare = 0.08;
const topicPoolLimit = 120;
// How strongly a question must name an entry for that entry to be its subject.
const namedStrength = 0.85;

// Topics that answer for one another in part: "who signed" is half answered by the signing fact.
const kindred: readonly (readonly FactTopic[])[] = [
  ['signed', 'signatories'],
  ['signatories', 'participants', 'mediators'],
  ['ended', 'violated'],
  // "what happened to X": where it stands now is half of what became of it.
  ['ended', 'status'],
  ['provision', 'proposed'],
  ['status', 'annexed'],
  // "when did the coalition start": a body starts when it is founded, a bridge when it opens.
  ['opened', 'founded', 'in-force'],
  // "when did yeltsin quit": a person's office ends where it says until when it was held.
  ['ended', 'office'],
];
const startTopics: ReadonlySet<FactTopic | undefined> = new Set<FactTopic | undefined>([
  'signed',
  'opened',
  'founded',
]);
const whoTopics: ReadonlySet<FactTopic | undefined> = new Set<FactTopic | undefined>([
  'signatories',
  'participants',
  'mediators',
  'office',
]);

/**
 * A fact's score: each feature times its fitted weight. Spelled out rather than looped over
 * `rankingFeatureNames`: it runs for every candidate fact of every question, and reading the
 * features by a changing name is several times slower. A test holds it to the list.
 */
export function scoreOf(f: RankingFeatures, w: RankingWeights): number {
  return (
    w.link * f.link +
    w.text * f.text +
    w.own * f.own +
    w.bm25 * f.bm25 +
    w.pairs * f.pairs +
    w.numberClash * f.numberClash +
    w.partyClash * f.partyClash +
    w.partyMissing * f.partyMissing +
    w.topicAsked * f.topicAsked +
    w.topicKindred * f.topicKindred +
    w.topicPeople * f.topicPeople +
    w.topicOther * f.topicOther +
    w.dated * f.dated +
    w.undated * f.undated +
    w.entryDate * f.entryDate +
    w.startDate * f.startDate +
    w.viewStated * f.viewStated +
    w.unitCounted * f.unitCounted +
    w.counted * f.counted +
    w.uncounted * f.uncounted +
    w.people * f.people +
    w.place * f.place +
    w.yearHit * f.yearHit +
    w.yearMiss * f.yearMiss +
    w.officeNow * f.officeNow +
    w.officeThen * f.officeThen +
    w.otherOffice * f.otherOffice +
    w.officeFit * f.officeFit +
    w.officeNamed * f.officeNamed +
    w.officeHolder * f.officeHolder +
    w.position * f.position
  );
}

/**
 * Ranks facts for a question: those of the entries it names (with their link strength) and those
 * BM25 finds by its words, scored by the fitted model over link, words, topic, form (a date for
 * "when", a number for "how many", people for "who"), years and tense. Best first.
 */
export function rankFacts(
  index: FactIndex,
  question: Question,
  entryLinks: EntryLinks,
  allowed: (entry: Entry) => boolean,
): ScoredFact[] {
  const links = entryLinks.strength;
  // Words most facts hold ("Russia", "Ukraine" and their synonyms) only find everything: BM25
  // would weigh them near nothing anyway, and leaving them out keeps a search to the facts that count.
  const common = Math.log(1 + 1 / commonShare);
  const searched = question.searchStems.filter(
    (stem) => (index.idf.get(stem) ?? common + 1) > common,
  );
  const bm25 = bm25Scores(index.bm25, searched);
  let bestBm25 = 0;
  for (const score of bm25.values()) bestBm25 = Math.max(bestBm25, score);
  // The candidates, each once, in the order first met (which decides between equal scores).
  const pool: number[] = [];
  const inPool = poolMarks(index);
  const add = (at: number) => {
    if (inPool[at] === 1) return;
    inPool[at] = 1;
    pool.push(at);
  };
  for (const entry of links.keys()) for (const at of index.byEntry.get(entry) ?? []) add(at);
  for (const at of bestScored(bm25, textPoolSize)) add(at);
  // A question that names no entry clearly meets every fact of the topic it asks, not only those
  // its words happen to rank high; rare topics only, since a topic most facts share adds nothing.
  // A question that clearly names its subject finds its facts there and by its words: other
  // entries' facts of the topic would only crowd the answer and thin its share. Office questions
  // keep them, as "who is the president of ukraine" names the country, and the holder it asks for
  // is named nowhere in it.
  const named = [...links.values()].some((strength) => strength >= namedStrength);
  for (const topic of question.topics) {
    if (named && topic !== 'office') continue;
    const facts = index.byTopic.get(topic) ?? [];
    if (facts.length <= topicPoolLimit) for (const at of facts) add(at);
  }
  const holder = soleOfficeHolder(index, question);
  if (holder !== undefined) add(holder);
  for (const at of pool) inPool[at] = 0;

  // "did kravchuk sign the accords" asks about a person's part in it: the signatories answer.
  const namesPerson = [...links].some(
    ([entry, strength]) =>
      strength >= namedStrength && entry.kind === 'actor' && entry.actorType === 'person',
  );
  const termList = termsOf(index, question);
  const ownList = ownTermsOf(index, question);
  let terms = heldTerms(index, termList, 0);
  let ownTerms = heldTerms(index, ownList, terms.length);
  const ranking = ++rankings;
  let marksOwned = false;
  // "28 point plan": a number and what it counts, to tell the 28-point plan from the 20-point one.
  const countedPairs = question.tokens.flatMap((token, i) => {
    const next = question.tokens[i + 1];
    return /^\d+$/.test(token.folded) && !question.years.includes(token.folded) && next
      ? [{ number: token.folded, counted: index.pairWord(next.stem) }]
      : [];
  });
  const asked = askedOfEntries(index, question, entryLinks);
  // Per entry, which topic words some fact of the entry, of a topic asked, says: a bit a word.
  const saidInEntry = new Map<Entry, number>();
  const topicWordsSaidIn = (entry: Entry): number => {
    let said = saidInEntry.get(entry);
    if (said === undefined) {
      said = topicWordsSaid(index, entry, ownTerms, question.topics);
      saidInEntry.set(entry, said);
    }
    return said;
  };
  const units = countedUnits(index, question);
  const measure: Measure = (at, indexed, into, forAnswer) => {
    // A fact's features asked for after another question reused the marks: this question's terms
    // are marked again, in marks of their own.
    if (!marksOwned && ranking !== rankings) {
      terms = heldTerms(index, termList);
      ownTerms = heldTerms(index, ownList);
      marksOwned = true;
    }
    const ofEntry = asked(indexed.entry);
    into.years = ofEntry.years;
    into.link = links.get(indexed.entry) ?? 0;
    into.text = coverage(at, terms, ofEntry.naming);
    into.own = ownCoverage(
      at,
      indexed,
      ownTerms,
      ofEntry.naming,
      question.topics,
      topicWordsSaidIn(indexed.entry),
    );
    into.literal = forAnswer
      ? ownCoverage(at, indexed, ownTerms, ofEntry.naming, question.topics, allWords)
      : 0;
    into.bm25 = bestBm25 > 0 ? (bm25.get(at) ?? 0) / bestBm25 : 0;
    into.pairs = pairShare(indexed, ofEntry.pairs);
    into.numberClash = countedPairs.length > 0 && clashes(indexed, countedPairs) ? 1 : 0;
    into.partyClash = partyClashes(index, indexed, ofEntry.partyPairs) ? 1 : 0;
    into.partyMissing = missesParty(indexed, ofEntry.parties) ? 1 : 0;
    into.officeHolder = at === holder ? 1 : 0;
    into.unitCounted = units.length > 0 && countsUnit(indexed, units) ? 1 : 0;
    into.namesPerson = namesPerson && indexed.entry.kind !== 'actor';
    return into;
  };
  const scored: ScoredFact[] = [];
  for (const at of pool) {
    const indexed = index.facts[at];
    if (!indexed || !allowed(indexed.entry)) continue;
    scored.push(new RankedFact(at, indexed, question, measure));
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * The `count` best-scored places, best first, equal scores in the map's order: what sorting every
 * scored fact and keeping the first `count` gave, without sorting the hundreds BM25 meets.
 */
function bestScored(scores: ReadonlyMap<number, number>, count: number): number[] {
  const best: number[] = [];
  const bestScores: number[] = [];
  for (const [at, score] of scores) {
    if (best.length === count && score <= (bestScores[count - 1] as number)) continue;
    // After every place of an equal or better score, as a stable sort puts it.
    let place = best.length;
    while (place > 0 && (bestScores[place - 1] as number) < score) place--;
    best.splice(place, 0, at);
    bestScores.splice(place, 0, score);
    if (best.length > count) {
      best.pop();
      bestScores.pop();
    }
  }
  return best;
}

/** What the question asks of one entry's facts: its words less those that only name the entry. */
interface AskedOfEntry {
  /** Per token of the question, 1 when it names the entry (and so says nothing of which fact). */
  readonly naming: Uint8Array;
  /** The question's years, but those that name the entry. */
  readonly years: readonly string[];
  /** Neighbouring word pairs, but those whose both words name the entry. */
  readonly pairs: readonly string[];
  /** The pairs that say whose ("ukraine's memorandum"), but those that only name the entry. */
  readonly partyPairs: readonly PartyPair[];
  /** The sides asked of, by words that do not only name the entry. */
  readonly parties: ReadonlySet<string>;
}

/**
 * What a question asks of each entry, worked out once an entry rather than once a fact: the
 * question's pairs, years and parties are read once, and each entry only drops the words that
 * name it.
 */
function askedOfEntries(
  index: FactIndex,
  question: Question,
  entryLinks: EntryLinks,
): (entry: Entry) => AskedOfEntry {
  const { tokens, roles } = question;
  // Neighbouring word pairs of the question, but those whose both words name the fact's own entry:
  // "independence referendum" in a fact of the referendum only repeats its name, while "ukraine's
  // memorandum" says whose memorandum though "ukraine" is a word of the talks' names too.
  const meaningful = tokens.flatMap((_, i) =>
    roles[i] === 'stop' || roles[i] === 'form' ? [] : [i],
  );
  const pairs = meaningful.slice(1).map((b, k) => {
    const a = meaningful[k] as number;
    const key = `${index.pairWord(tokens[a]?.stem ?? '')} ${index.pairWord(tokens[b]?.stem ?? '')}`;
    return { a, b, key };
  });
  // "is the 1997 big treaty still in force": a year that is part of the entry's name says which
  // entry, not which of its facts, so it neither favours its 1997 facts nor counts against the end.
  const yearsAt = tokens.flatMap((token, i) => (question.years.includes(token.folded) ? [i] : []));
  const partyPairs = partyPairsOf(index, question);
  // The sides the question asks of, by the words that name them. A word that names the fact's own
  // entry only says which entry, unless that entry's name holds several sides ("US-Russia-Ukraine
  // talks"), where "russia" in "who led russia there" still picks one.
  const partyAt = question.forms.has('yesno') ? [] : partiesAsked(index, question);
  const askedWithout = (naming: Uint8Array, manySided: boolean): AskedOfEntry => ({
    naming,
    years: yearsAt.filter((i) => !naming[i]).map((i) => tokens[i]?.folded ?? ''),
    pairs: [...new Set(pairs.filter(({ a, b }) => !(naming[a] && naming[b])).map((p) => p.key))],
    partyPairs: partyPairs
      .filter(({ at }) => !(naming[at] && naming[at + 1]))
      .map(({ pair }) => pair),
    parties: new Set(partyAt.filter(({ at }) => manySided || !naming[at]).map((p) => p.party)),
  });
  // Most candidate entries come in by their facts' words, and the question names none of them:
  // they all take the whole question, worked out once.
  let unnamed: AskedOfEntry | undefined;
  const known = new Map<Entry, AskedOfEntry>();
  return (entry) => {
    let asked = known.get(entry);
    if (asked) return asked;
    // Marks are made only for an entry the question names: most entries come in by their facts'
    // words, and a buffer for each of them was garbage the next moment.
    let naming: Uint8Array | undefined;
    for (let i = 0; i < tokens.length; i++) {
      if (!entryLinks.naming(entry, i)) continue;
      naming ??= new Uint8Array(tokens.length);
      naming[i] = 1;
    }
    if (naming) asked = askedWithout(naming, index.manySided.has(entry));
    else {
      unnamed ??= askedWithout(new Uint8Array(tokens.length), false);
      asked = unnamed;
    }
    known.set(entry, asked);
    return asked;
  };
}

/** What was measured of a fact against the question's words, before the features are read off. */
interface Measured {
  /** The question's years, but those that name the fact's entry. */
  readonly years: readonly string[];
  readonly link: number;
  readonly text: number;
  /** 1 when every word of the question names the fact's entry. */
  readonly own: number;
  readonly literal: number;
  readonly bm25: number;
  readonly pairs: number;
  readonly numberClash: number;
  readonly partyClash: number;
  readonly partyMissing: number;
  readonly officeHolder: number;
  readonly unitCounted: number;
  /** The question names a person and the fact is of something else: the person's part in it is asked. */
  readonly namesPerson: boolean;
}

/** Measured as one object writes it, for `measure`. */
type MeasuredValues = { -readonly [K in keyof Measured]: Measured[K] };

/** Where a candidate is measured to score it, for the same reason as `scoring`. */
const measuring: MeasuredValues = {
  years: [],
  link: 0.5,
  text: 0.5,
  own: 0.5,
  literal: 0.5,
  bm25: 0.5,
  pairs: 0.5,
  numberClash: 0,
  partyClash: 0,
  partyMissing: 0,
  officeHolder: 0,
  unitCounted: 0,
  namesPerson: false,
};

/**
 * Measures a candidate fact for one question into `into`. `forAnswer` asks for what only the
 * answer's confidence reads (`literal`), which scoring the hundred candidates does not need.
 */
type Measure = (
  at: number,
  indexed: IndexedFact,
  into: MeasuredValues,
  forAnswer: boolean,
) => MeasuredValues;

// "in Istanbul", "at the Château de Bénouville": a name after "in" or "at", which is not a month.
const placePattern = /\b(?:in|at)\s+(?:the\s+)?(\p{Lu}[\p{L}'-]+)/gu;

function namesPlace(statement: string): boolean {
  for (const [, name] of statement.matchAll(placePattern)) {
    if (name !== undefined && monthOf(name.toLowerCase()) === undefined) return true;
  }
  return false;
}

function writeFeatures(
  target: FeatureValues,
  question: Question,
  indexed: IndexedFact,
  measured: Measured,
): void {
  const { fact } = indexed;
  const asked = question.topics;
  const topic = fact.topic;
  const isAsked = topic !== undefined && asked.has(topic);
  const isKindred =
    topic !== undefined &&
    !isAsked &&
    kindred.some((group) => group.includes(topic) && group.some((t) => asked.has(t)));
  const aboutPeople = question.forms.has('who') || measured.namesPerson;
  const people = isKindred && aboutPeople && whoTopics.has(topic);
  const when = question.forms.has('when');
  const howMany = question.forms.has('howmany');
  const hasYears = measured.years.length > 0;
  const yearHit = hasYears && coversYear(fact, measured.years);
  // "who is the president" asks for the office held now; "who is yermak" asks about the man, and
  // an office he has left still says who he is.
  const asksNow = question.present || (question.forms.has('who') && !hasYears);
  const officeAsked = topic === 'office' && measured.link < namedStrength && asksNow;
  // "who is the president" is not answered by the head of the president's office: an office fact
  // naming offices the question does not is about another office.
  let otherOffices = 0;
  if (officeAsked) {
    for (const office of indexed.offices) if (!question.offices.has(office)) otherOffices++;
  }
  target.link = measured.link;
  target.text = measured.text;
  target.own = measured.own;
  target.literal = measured.literal;
  target.bm25 = measured.bm25;
  target.pairs = measured.pairs;
  target.numberClash = measured.numberClash;
  target.partyClash = measured.partyClash;
  target.partyMissing = measured.partyMissing;
  target.topicAsked = isAsked ? 1 : 0;
  target.topicKindred = isKindred && !people ? 1 : 0;
  target.topicPeople = people ? 1 : 0;
  target.topicOther = asked.size > 0 && !isAsked && !isKindred ? 1 : 0;
  target.dated = when && fact.date ? 1 : 0;
  target.undated = when && !fact.date ? 1 : 0;
  target.startDate =
    when && fact.date !== undefined && asked.size === 0 && startTopics.has(topic) ? 1 : 0;
  target.entryDate =
    when && fact.date !== undefined && fact.date === entryDate(indexed.entry) && asked.size === 0
      ? 1
      : 0;
  target.viewStated = question.attributed && indexed.statesView ? 1 : 0;
  target.unitCounted = measured.unitCounted;
  target.counted = howMany && indexed.hasCount ? 1 : 0;
  target.uncounted = howMany && !indexed.hasCount ? 1 : 0;
  target.people = question.forms.has('who') && whoTopics.has(topic) ? 1 : 0;
  target.place =
    question.forms.has('where') &&
    (topic === 'signed' || topic === 'participants' || indexed.namesPlace)
      ? 1
      : 0;
  target.yearHit = yearHit ? 1 : 0;
  target.yearMiss = hasYears && !yearHit ? 1 : 0;
  target.officeNow = officeAsked && !fact.until ? 1 : 0;
  target.officeThen = officeAsked && fact.until ? 1 : 0;
  target.otherOffice = Math.min(2, otherOffices);
  target.officeFit =
    officeAsked && question.offices.size > 0 && indexed.offices.size > 0 && otherOffices === 0
      ? 1
      : 0;
  target.officeHolder = measured.officeHolder;
  target.officeNamed = officeNamed(question.offices, indexed.offices);
  target.position = Math.min(10, indexed.position);
}

/** The ranking features as one object writes them, for `writeFeatures`. */
type FeatureValues = { -readonly [K in keyof FactMeasures]: number };

/**
 * Where a candidate's features are written to score it. Candidates are scored by the hundred a
 * question, and most are never looked at again: a features object each (31 numbers, the fractions
 * boxed) was the largest part of what a lookup allocated, so what the minor collections had to
 * clear. A fact's own features are made again, the same, when something asks for them.
 */
const scoring = Object.fromEntries(
  [...rankingFeatureNames, 'literal'].map((name) => [name, 0.5]),
) as FeatureValues;

/**
 * A scored fact whose features are made again, the same, on first use: measuring is deterministic
 * for one question, and only the few facts an answer is made of are ever asked for them.
 */
class RankedFact implements ScoredFact {
  readonly at: number;
  readonly indexed: IndexedFact;
  readonly score: number;
  readonly #question: Question;
  readonly #measure: Measure;
  #features: FactMeasures | undefined;

  constructor(at: number, indexed: IndexedFact, question: Question, measure: Measure) {
    this.at = at;
    this.indexed = indexed;
    this.#question = question;
    this.#measure = measure;
    writeFeatures(scoring, question, indexed, measure(at, indexed, measuring, false));
    this.score = scoreOf(scoring, rankingWeights);
  }

  get features(): FactMeasures {
    if (!this.#features) {
      const measured = this.#measure(this.at, this.indexed, { ...measuring }, true);
      writeFeatures(scoring, this.#question, this.indexed, measured);
      this.#features = { ...scoring };
    }
    return this.#features;
  }
}

/** Whether the fact pairs another number with what the question counts. */
function clashes(
  indexed: IndexedFact,
  counted: readonly { readonly number: string; readonly counted: string }[],
): boolean {
  return counted.some((c) =>
    wordsBefore(indexed)
      .get(c.counted)
      ?.some((first) => /^\d+$/.test(first) && first !== c.number),
  );
}

// "українську", "российской", "американська": a Ukrainian or Russian adjective of a party, folded.
const slavicAdjective = /sk/;

/** A pair of the question whose first word is a party and second is not: whose thing it is. */
interface PartyPair {
  readonly pair: string;
  readonly party: string;
  readonly thing: string;
}

function partyPairsOf(
  index: FactIndex,
  question: Question,
): { readonly at: number; readonly pair: PartyPair }[] {
  const { tokens, roles } = question;
  const partyOf = (i: number) => {
    const token = tokens[i];
    if (!token || roles[i] === 'stop' || roles[i] === 'form') return undefined;
    const word = index.pairWord(token.stem);
    return index.parties.has(word) ? word : undefined;
  };
  const pairs: { at: number; pair: PartyPair }[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (!a || !b || roles[i + 1] === 'stop' || roles[i + 1] === 'form') continue;
    // Whose thing, by how each language says it: "russia's delegation" and "russian side" put the
    // party first; Ukrainian and Russian put it first as an adjective ("українську делегацію") and
    // after as a noun ("делегацію україни"). Only words side by side: "ukraine in istanbul" is not
    // Ukraine's Istanbul.
    const first = partyOf(i);
    const second = partyOf(i + 1);
    if (first !== undefined && second !== undefined) continue;
    let party: string | undefined;
    let thing: string | undefined;
    if (first !== undefined && roles[i + 1] !== undefined) {
      if (!a.cyrillic || slavicAdjective.test(a.folded)) {
        party = first;
        thing = index.pairWord(b.stem);
      }
    } else if (second !== undefined && b.cyrillic && !slavicAdjective.test(b.folded)) {
      party = second;
      thing = index.pairWord(a.stem);
    }
    if (party !== undefined && thing !== undefined)
      pairs.push({ at: i, pair: { pair: `${party} ${thing}`, party, thing } });
  }
  return pairs;
}

/**
 * Whether the fact pairs another party with what the question pairs a party with, and never the
 * party asked: "Russia's memorandum" where "Ukraine's memorandum" is asked.
 */
function partyClashes(
  index: FactIndex,
  indexed: IndexedFact,
  pairs: readonly PartyPair[],
): boolean {
  for (const { pair, party, thing } of pairs) {
    if (indexed.pairs.has(pair)) continue;
    if (
      wordsBefore(indexed)
        .get(thing)
        ?.some((other) => other !== party && index.parties.has(other))
    )
      return true;
  }
  return false;
}

/**
 * "who is the defence minister of ukraine", "кто госсекретарь сша": the one office fact, held now,
 * of the office the question names and no other, in the country it names (any, when it names none).
 * Its place in the index; undefined when the question asks of another time, names no office, or
 * several facts fit.
 */
function soleOfficeHolder(index: FactIndex, question: Question): number | undefined {
  if (question.offices.size === 0 || question.past || question.years.length > 0) return undefined;
  if (!question.forms.has('who')) return undefined;
  const asked = new Set(partiesAsked(index, question).map(({ party }) => party));
  let found: number | undefined;
  for (const at of index.byTopic.get('office') ?? []) {
    const indexed = index.facts[at];
    if (!indexed || indexed.fact.until !== undefined) continue;
    if (!sameSet(indexed.offices, question.offices)) continue;
    if (asked.size > 0 && ![...asked].some((party) => indexed.parties.has(party))) continue;
    if (found !== undefined) return undefined;
    found = at;
  }
  return found;
}

/** Whether two sets hold the same members. */
export function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * What a "how many" question counts, as `pairWord` gives it: the word right after "how many" or
 * "сколько" ("votes", "процентов"), or percent wherever the question names it.
 */
function countedUnits(index: FactIndex, question: Question): string[] {
  if (!question.forms.has('howmany')) return [];
  const { tokens, roles } = question;
  const percent = index.pairWord(tokenize('percent')[0]?.stem ?? 'percent');
  if (tokens.some((token) => index.pairWord(token.stem) === percent)) return [percent];
  for (let i = 1; i < tokens.length; i++) {
    if (roles[i - 1] !== 'form' || (roles[i] !== 'content' && roles[i] !== 'topic')) continue;
    const alike = question.alike[i] ?? new Set([tokens[i]?.stem ?? '']);
    return [...new Set([...alike].map((stem) => index.pairWord(stem)))];
  }
  return [];
}

/** Whether the fact has a number right before one of the units. */
function countsUnit(indexed: IndexedFact, units: readonly string[]): boolean {
  return units.some((unit) =>
    wordsBefore(indexed)
      .get(unit)
      ?.some((word) => /^\d+$/.test(word)),
  );
}

/** 1 when the fact names every office asked, -1 when it names offices but none asked, else 0. */
function officeNamed(asked: ReadonlySet<string>, named: ReadonlySet<string>): number {
  if (asked.size === 0 || named.size === 0) return 0;
  let held = 0;
  for (const office of asked) if (named.has(office)) held++;
  if (held === asked.size) return 1;
  return held === 0 ? -1 : 0;
}

/** Whether the fact names parties, and none of those the question asks of. */
function missesParty(indexed: IndexedFact, asked: ReadonlySet<string>): boolean {
  if (asked.size === 0 || indexed.parties.size === 0) return false;
  for (const party of asked) if (indexed.parties.has(party)) return false;
  return true;
}

function pairShare(indexed: IndexedFact, pairs: readonly string[]): number {
  if (pairs.length === 0) return 0;
  let held = 0;
  for (const pair of pairs) if (indexed.pairs.has(pair)) held++;
  return held / pairs.length;
}

/**
 * The share (by rarity) of the question's words, topic words included, that the fact's own text
 * holds, leaving out the words that name its entry: among one entry's facts, "voted against" is
 * answered by the fact that says "against", "abstained" by the one that counts abstentions.
 */
function ownCoverage(
  at: number,
  indexed: IndexedFact,
  terms: readonly HeldTerm[],
  naming: Uint8Array,
  topics: ReadonlySet<FactTopic>,
  saidInEntry: number,
): number {
  // A topic word ("promise") is held by a fact of that topic whatever words the fact uses
  // ("undertook"); but only half when another fact of its entry and topic says the word itself:
  // of a resolution's two vote facts, "voted against" is said by the one naming the states against.
  const ofTopicAsked = indexed.fact.topic !== undefined && topics.has(indexed.fact.topic);
  let total = 0;
  let held = 0;
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k] as HeldTerm;
    if (naming[term.at]) continue;
    total += term.weight;
    if (term.heldBy[at]) held += term.weight;
    else if (term.topic && ofTopicAsked) {
      held += k < 31 && saidInEntry & (1 << k) ? term.weight * topicOnlyShare : term.weight;
    }
  }
  // Every word of the question names the fact's entry: its text has nothing to match.
  return total === 0 ? 1 : held / total;
}

// Every topic word's bit, as if a fact beside each said it: for `literal`.
const allWords = 0x7fffffff;

// What a topic word counts for a fact that holds it only by its topic, when a fact beside it says it.
const topicOnlyShare = 0.5;

/** Which topic words (by place in `terms`, as bits) some fact of the entry, of a topic asked, says. */
function topicWordsSaid(
  index: FactIndex,
  entry: Entry,
  terms: readonly HeldTerm[],
  topics: ReadonlySet<FactTopic>,
): number {
  let said = 0;
  const facts = index.byEntry.get(entry) ?? [];
  for (let k = 0; k < terms.length && k < 31; k++) {
    const term = terms[k] as HeldTerm;
    if (!term.topic) continue;
    for (const at of facts) {
      const topic = index.facts[at]?.fact.topic;
      if (term.heldBy[at] && topic !== undefined && topics.has(topic)) {
        said |= 1 << k;
        break;
      }
    }
  }
  return said;
}

/** The question's content and topic words, each with its rarity, for `ownCoverage`. */
function ownTermsOf(index: FactIndex, question: Question): Term[] {
  return question.tokens.flatMap((token, i) => {
    const role = question.roles[i];
    if (role === 'stop' || role === 'form' || question.years.includes(token.folded)) return [];
    const alike = [...(question.alike[i] ?? new Set([token.stem]))];
    const weight = Math.max(0, ...alike.map((stem) => index.idf.get(stem) ?? 0)) || maxIdf(index);
    return [{ at: i, alike, weight, topic: role === 'topic' }];
  });
}

/**
 * The share (by rarity) of the question's words a fact accounts for: the words its text holds, and
 * the words that name its own entry, which every fact of the entry speaks of without repeating.
 * So "did kravchuk sign the belovezha accords" is best answered where Kravchuk and the accords
 * meet, and "when did the border treaty end" by the treaty's own end rather than by a fact
 * elsewhere that names the treaty in passing.
 */
function coverage(at: number, terms: readonly HeldTerm[], naming: Uint8Array): number {
  let total = 0;
  let held = 0;
  for (const term of terms) {
    total += term.weight;
    if (term.heldBy[at] || naming[term.at]) held += term.weight;
  }
  return total === 0 ? 0 : held / total;
}

/** A term with the facts whose text holds it (one of its stems alike), marked by place in the index. */
interface HeldTerm extends Term {
  readonly heldBy: Uint8Array;
}

/**
 * Marks, for each term, the facts that hold one of its stems, from the index's postings: once a
 * question, so telling whether a fact holds a word is a lookup by its place. In the reusable marks
 * from `from` on, or, without it, in marks of their own.
 */
function heldTerms(index: FactIndex, terms: readonly Term[], from?: number): HeldTerm[] {
  return terms.map((term, k) => {
    const heldBy =
      from === undefined ? new Uint8Array(index.facts.length) : termMarks(index, from + k);
    for (const stem of term.alike)
      for (const at of index.bm25.postings.get(stem)?.facts ?? []) heldBy[at] = 1;
    return { ...term, heldBy };
  });
}

/**
 * Marks kept for reuse, one per term of a question, as long as the index's facts. Ranking runs
 * synchronously, one question at a time, so the same marks serve every question: made afresh,
 * each was a buffer outside the heap for every word of every question, and freeing those buffers
 * was the larger part of a minor garbage collection's pause.
 */
const termMarksOf = onceFor((_: FactIndex): Uint8Array[] => []);

/** Which facts are in the candidate pool being made, by place: reused, and cleared once made. */
const poolMarks = onceFor((index: FactIndex) => new Uint8Array(index.facts.length));

/** How many rankings have run: the latest one's terms are those the reusable marks hold. */
let rankings = 0;

/** The `k`th reusable marks of this index, cleared. */
function termMarks(index: FactIndex, k: number): Uint8Array {
  const marks = termMarksOf(index);
  let held = marks[k];
  if (held) held.fill(0);
  else {
    held = new Uint8Array(index.facts.length);
    marks[k] = held;
  }
  return held;
}

/** A word of the question that coverage weighs: where it is, its stems alike, and its rarity. */
interface Term {
  readonly at: number;
  readonly alike: readonly string[];
  readonly weight: number;
  /** A topic word of the lexicon ("promise", "signed"): what kind of fact is asked for. */
  readonly topic: boolean;
}

/** The words coverage weighs, computed once a question rather than once a fact. */
function termsOf(index: FactIndex, question: Question): Term[] {
  const pick = (topicsOnly: boolean): Term[] =>
    question.tokens.flatMap((token, i) => {
      const role = question.roles[i];
      // Question words and topic words are weighed by form and topic; counting them here again
      // would let "failed to end the fighting" answer "when did it end".
      if (role === 'stop' || role === 'form' || (role === 'topic') !== topicsOnly) return [];
      const alike = [...(question.alike[i] ?? new Set([token.stem]))];
      // A word no fact holds still counts (at the weight of a rare one): a question about something
      // the knowledge lacks must not look answered by what it does hold.
      const weight = Math.max(0, ...alike.map((stem) => index.idf.get(stem) ?? 0)) || maxIdf(index);
      return [{ at: i, alike, weight, topic: role === 'topic' }];
    });
  const terms = pick(false);
  // "who is the us secretary of state": nothing but question and topic words; what the fact says
  // of those words is then all there is to go by.
  return terms.length > 0 ? terms : pick(true);
}

function maxIdf(index: FactIndex): number {
  return Math.log(1 + index.facts.length);
}

function entryDate(entry: Entry): string | undefined {
  if (entry.kind === 'event') return entry.date;
  if (entry.kind === 'agreement') return entry.signed;
  return undefined;
}

/** Whether a fact is dated in one of the years, or held through it (an office from 1994 until 2005 covers 2000). */
function coversYear(fact: Fact, years: readonly string[]): boolean {
  const from = fact.date?.slice(0, 4);
  if (!from) return false;
  const to = fact.until?.slice(0, 4) ?? from;
  return years.some((year) => year >= from && year <= to);
}
