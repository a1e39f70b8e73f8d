import type { Knowledge } from '../knowledge/load.ts';
import type { Entry } from '../knowledge/schema.ts';
import { type DistinctiveNames, distinctiveNames } from './distinctive-names.ts';
import { buildFactIndex, type FactIndex, type FactIndexData, factIndexFrom } from './facts.ts';
import { normalize } from './normalize.ts';
import { type CompiledLexicon, canonicalStems, compileLexicon } from './question.ts';
import { buildSpellerTables, type Speller, type SpellerTables, spellerFrom } from './spelling.ts';
import { tokenize } from './words.ts';

/** A name an entry can be found by, folded for comparison. */
export interface NameRecord {
  readonly entry: Entry;
  readonly folded: string;
  /** Titles and aliases name one entry; keywords only hint at it. */
  readonly strength: 'name' | 'keyword';
}

/** Everything lookup needs, built once when the knowledge loads. */
export interface LookupIndex {
  readonly entries: readonly Entry[];
  readonly records: readonly NameRecord[];
  /** Folded title or alias → its record (aliases are unique, the loader checks). */
  readonly names: ReadonlyMap<string, NameRecord>;
  /** Folded keyword → the records that carry it. */
  readonly keywords: ReadonlyMap<string, readonly NameRecord[]>;
  /** Trigram → indexes into `records`, to pick the few names worth a fuzzy comparison. */
  readonly trigrams: ReadonlyMap<string, readonly number[]>;
  /** Longest name, in words: the longest n-gram worth trying. */
  readonly maxNameWords: number;
  /**
   * First word of a title or alias → the most words of one that starts with it: a run of a
   * question's words is worth looking up only where a name could start, and only that long.
   */
  readonly nameStarts: ReadonlyMap<string, number>;
  /** The same for keywords. */
  readonly keywordStarts: ReadonlyMap<string, number>;
  /** Every word of an entry's names, to tell which words of a question name the subject. */
  readonly nameWords: ReadonlyMap<Entry, ReadonlySet<string>>;
  readonly obstaclesByNumber: ReadonlyMap<number, Entry>;
  /** Stem key of a title or alias → its record, so "угоди" finds the name written "угода". */
  readonly stemNames: ReadonlyMap<string, NameRecord>;
  /**
   * Each title or alias of two meaningful words or more, with those words' stem keys: a question
   * holding them all, in any order, names it.
   */
  readonly nameStemSets: readonly {
    readonly record: NameRecord;
    readonly stems: readonly string[];
  }[];
  /** Stem key → the places in `nameStemSets` of the names for which it is the rarest stem. */
  readonly nameStemSetsByStem: ReadonlyMap<string, readonly number[]>;
  /** Longest stemmed name, in words. */
  readonly maxStemNameWords: number;
  /** First key of a stemmed name → the most words of one that starts with it (as `nameStarts`). */
  readonly stemNameStarts: ReadonlyMap<string, number>;
  /**
   * The stems of each entry's names, to tell which words of a question name it. Not its keywords:
   * "Kravchuk" hints at the Belovezha Accords, but a fact of the accords that does not name him
   * does not answer whether he signed.
   */
  readonly entryStems: ReadonlyMap<Entry, ReadonlySet<string>>;
  /** The years each entry's dates fall in. */
  readonly entryYears: ReadonlyMap<Entry, ReadonlySet<string>>;
  readonly lexicon: CompiledLexicon;
  readonly speller: Speller;
  readonly facts: FactIndex;
  readonly distinctiveNames: DistinctiveNames;
  /** The date of the latest dated fact: what the knowledge covers events through. */
  readonly coverageEnd: string;
}

/** Each phrase's first word → the most words of a phrase that starts with it. */
function phraseStarts(phrases: Iterable<string>): Map<string, number> {
  const starts = new Map<string, number>();
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    const first = words[0] ?? '';
    starts.set(first, Math.max(starts.get(first) ?? 0, words.length));
  }
  return starts;
}

/** Trigrams of a folded string, each word padded so short words still have some. */
export function trigramsOf(folded: string): Set<string> {
  const grams = new Set<string>();
  for (const word of folded.split(' ')) {
    if (word === '') continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/**
 * The built lookup index as plain data (no functions): what the index cache keeps between runs, so
 * a restart with unchanged knowledge and code skips building it.
 */
export interface LookupIndexData {
  readonly names: NameIndex;
  readonly questions: QuestionIndexData;
}

/** A cache of the built index: what it holds for this knowledge, and where to put it once built. */
export interface LookupIndexCache {
  readonly data?: LookupIndexData;
  readonly save?: (data: LookupIndexData) => void;
}

/**
 * Builds the lookup index from validated knowledge, lazily: each half is built on first use
 * (createCore warms both a second after start-up), so start-up is not held up by either,
 * even at ten times today's knowledge. With a cache that holds it, nothing is built; otherwise the
 * cache is given the index once both halves are built.
 */
export function buildLookupIndex(knowledge: Knowledge, cache: LookupIndexCache = {}): LookupIndex {
  let nameIndex: NameIndex | undefined = cache.data?.names;
  const named = (): NameIndex => {
    nameIndex ??= buildNameIndex(knowledge);
    return nameIndex;
  };
  // The question-reading half (lexicon, stemmed names, fact index, speller) is most of the cost.
  let questionIndex: QuestionIndex | undefined = cache.data
    ? questionIndexFrom(cache.data.questions)
    : undefined;
  const qa = (): QuestionIndex => {
    if (questionIndex) return questionIndex;
    const names = named();
    const data = buildQuestionIndex(knowledge, names);
    questionIndex = questionIndexFrom(data);
    cache.save?.({ names, questions: data });
    return questionIndex;
  };
  return {
    entries: knowledge.entries,
    coverageEnd: knowledge.coverageEnd,
    get records() {
      return named().records;
    },
    get names() {
      return named().names;
    },
    get keywords() {
      return named().keywords;
    },
    get trigrams() {
      return named().trigrams;
    },
    get maxNameWords() {
      return named().maxNameWords;
    },
    get nameStarts() {
      return named().nameStarts;
    },
    get keywordStarts() {
      return named().keywordStarts;
    },
    get nameWords() {
      return named().nameWords;
    },
    get obstaclesByNumber() {
      return named().obstaclesByNumber;
    },
    get entryYears() {
      return named().entryYears;
    },
    get stemNames() {
      return qa().stemNames;
    },
    get maxStemNameWords() {
      return qa().maxStemNameWords;
    },
    get stemNameStarts() {
      return qa().stemNameStarts;
    },
    get nameStemSets() {
      return qa().nameStemSets;
    },
    get nameStemSetsByStem() {
      return qa().nameStemSetsByStem;
    },
    get entryStems() {
      return qa().entryStems;
    },
    get lexicon() {
      return qa().lexicon;
    },
    get speller() {
      return qa().speller;
    },
    get facts() {
      return qa().facts;
    },
    get distinctiveNames() {
      return qa().distinctiveNames;
    },
  };
}

type NameIndex = Pick<
  LookupIndex,
  | 'records'
  | 'names'
  | 'keywords'
  | 'trigrams'
  | 'maxNameWords'
  | 'nameStarts'
  | 'keywordStarts'
  | 'nameWords'
  | 'obstaclesByNumber'
  | 'entryYears'
>;

/** The names half: titles, aliases and keywords folded, their trigrams, and each entry's words and years. */
function buildNameIndex(knowledge: Knowledge): NameIndex {
  const records: NameRecord[] = [];
  const names = new Map<string, NameRecord>();
  const keywords = new Map<string, NameRecord[]>();
  const obstaclesByNumber = new Map<number, Entry>();
  let maxNameWords = 1;

  for (const entry of knowledge.entries) {
    if (entry.kind === 'obstacle') obstaclesByNumber.set(entry.number, entry);
    for (const name of [entry.title, ...entry.aliases]) {
      const folded = normalize(name);
      if (folded === '' || names.has(folded)) continue;
      const record: NameRecord = { entry, folded, strength: 'name' };
      names.set(folded, record);
      records.push(record);
      maxNameWords = Math.max(maxNameWords, folded.split(' ').length);
    }
    for (const keyword of entry.keywords) {
      const folded = normalize(keyword);
      if (folded === '') continue;
      const record: NameRecord = { entry, folded, strength: 'keyword' };
      const list = keywords.get(folded) ?? [];
      if (!list.some((existing) => existing.entry === entry)) list.push(record);
      keywords.set(folded, list);
      records.push(record);
      maxNameWords = Math.max(maxNameWords, folded.split(' ').length);
    }
  }

  const nameStarts = phraseStarts([...names.keys()]);
  const keywordStarts = phraseStarts([...keywords.keys()]);
  const trigrams = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const gram of trigramsOf(record.folded)) {
      const list = trigrams.get(gram) ?? [];
      list.push(index);
      trigrams.set(gram, list);
    }
  });

  const nameWords = new Map<Entry, ReadonlySet<string>>();
  for (const entry of knowledge.entries) {
    nameWords.set(
      entry,
      new Set([entry.title, ...entry.aliases].flatMap((name) => normalize(name).split(' '))),
    );
  }

  const entryYears = new Map<Entry, Set<string>>();
  for (const entry of knowledge.entries)
    entryYears.set(entry, new Set(datesOf(entry).map((d) => d.slice(0, 4))));

  return {
    records,
    names,
    keywords,
    trigrams,
    maxNameWords,
    nameStarts,
    keywordStarts,
    nameWords,
    obstaclesByNumber,
    entryYears,
  };
}

/** The question-reading half as plain data: the speller as its tables, the fact index as its data. */
type QuestionIndexData = Omit<QuestionIndex, 'speller' | 'facts'> & {
  readonly spellerTables: SpellerTables;
  readonly facts: FactIndexData;
};

function questionIndexFrom(data: QuestionIndexData): QuestionIndex {
  const { spellerTables, facts, ...rest } = data;
  return {
    ...rest,
    speller: spellerFrom(spellerTables),
    facts: factIndexFrom(facts, data.lexicon),
  };
}

type QuestionIndex = Pick<
  LookupIndex,
  | 'stemNames'
  | 'maxStemNameWords'
  | 'stemNameStarts'
  | 'nameStemSets'
  | 'nameStemSetsByStem'
  | 'entryStems'
  | 'lexicon'
  | 'speller'
  | 'facts'
  | 'distinctiveNames'
>;

function buildQuestionIndex(
  knowledge: Knowledge,
  { names, keywords, nameWords }: NameIndex,
): QuestionIndexData {
  const stemNames = new Map<string, NameRecord>();
  const nameStemSets: { record: NameRecord; stems: string[] }[] = [];
  let maxStemNameWords = 1;
  const entryStems = new Map<Entry, Set<string>>();
  const lexicon = compileLexicon(knowledge.lexicon);
  for (const entry of knowledge.entries) {
    const stems = new Set<string>();
    // Every name as written: a Cyrillic alias that folds like a Latin one ("Кримський міст",
    // "Krymskyi mist") still stems the Slavic way, so its inflected forms meet it.
    for (const name of [entry.title, ...entry.aliases]) {
      const tokens = tokenize(name);
      for (const token of tokens) stems.add(token.stem);
      const record = names.get(normalize(name));
      if (tokens.length === 0 || !record || record.entry !== entry) continue;
      const canonical = canonicalStems(tokens, lexicon);
      const key = canonical.join(' ');
      if (!stemNames.has(key)) stemNames.set(key, record);
      const meaningful = [...new Set(canonical.filter((stem) => !lexicon.stopwords.has(stem)))];
      if (meaningful.length >= 2) nameStemSets.push({ record, stems: meaningful });
      maxStemNameWords = Math.max(maxStemNameWords, tokens.length);
    }
    entryStems.set(entry, stems);
  }
  const nameStemSetsByStem = byRarestStem(nameStemSets);
  const preferred = new Set(
    [...names.keys(), ...keywords.keys()].flatMap((name) => name.split(' ')),
  );
  for (const word of lexicon.questionWords) preferred.add(word);
  const facts = buildFactIndex(knowledge.entries, lexicon);
  const cyrillicOnly = new Set(
    [...lexicon.cyrillicWords].filter((word) => !facts.words.has(word) && !preferred.has(word)),
  );
  const texts = questionTexts(knowledge);
  const spellerTables = buildSpellerTables(
    [...preferred, ...facts.words, ...lexicon.words],
    preferred,
    cyrillicOnly,
    cyrillicWordsOf(texts),
    latinWordsOf(texts, facts.words),
  );
  const stemNameStarts = phraseStarts([...stemNames.keys()]);
  return {
    stemNames,
    maxStemNameWords,
    stemNameStarts,
    nameStemSets,
    nameStemSetsByStem,
    entryStems,
    lexicon,
    spellerTables,
    facts: factData(facts),
    distinctiveNames: distinctiveNames(knowledge.entries, nameWords, entryStems, facts, lexicon),
  };
}

/** The fact index without its function. */
function factData(facts: FactIndex): FactIndexData {
  const { pairWord: _, ...data } = facts;
  return data;
}

/**
 * Each name's place in `sets` under the one of its stems the fewest names share: a question holds
 * all of a name's stems or it does not name it, so looking up the rarest finds every name it can
 * name while "treaty" or "talks" does not bring in every treaty and talks to check.
 */
function byRarestStem(
  sets: readonly { readonly stems: readonly string[] }[],
): Map<string, number[]> {
  const namesWith = new Map<string, number>();
  for (const { stems } of sets)
    for (const stem of stems) namesWith.set(stem, (namesWith.get(stem) ?? 0) + 1);
  const byStem = new Map<string, number[]>();
  sets.forEach(({ stems }, place) => {
    let rarest = stems[0] ?? '';
    for (const stem of stems)
      if ((namesWith.get(stem) ?? 0) < (namesWith.get(rarest) ?? 0)) rarest = stem;
    const list = byStem.get(rarest) ?? [];
    list.push(place);
    byStem.set(rarest, list);
  });
  return byStem;
}

/** The lexicon's words and phrases and the entries' names: where a question's words come from. */
function questionTexts(knowledge: Knowledge): string[] {
  const { lexicon } = knowledge;
  return [
    ...Object.values(lexicon.forms).flat(),
    ...Object.values(lexicon.topics).flat(),
    ...lexicon.synonyms.flat(),
    ...lexicon.present,
    ...lexicon.future,
    ...lexicon.negations,
    ...lexicon.stopwords,
    ...knowledge.entries.flatMap((entry) => [entry.title, ...entry.aliases, ...entry.keywords]),
  ];
}

/** Every word the facts use and every Latin word of the entries' names and of the lexicon. */
function latinWordsOf(texts: readonly string[], factWords: ReadonlySet<string>): Set<string> {
  const words = new Set(factWords);
  for (const text of texts) {
    for (const token of tokenize(text)) if (!token.cyrillic) words.add(token.folded);
  }
  return words;
}

/** Every Cyrillic word of the lexicon and of the entries' names, as written. */
function cyrillicWordsOf(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.toLowerCase().matchAll(/[\u0400-\u04ff]+/g)) words.add(word);
  }
  return words;
}

/** Every date an entry carries: its own and its facts'. */
function datesOf(entry: Entry): string[] {
  const dates = entry.facts.flatMap((fact) => (fact.date ? [fact.date] : []));
  if (entry.kind === 'event') dates.push(entry.date, ...(entry.endDate ? [entry.endDate] : []));
  if (entry.kind === 'agreement') dates.push(entry.signed);
  return dates;
}
