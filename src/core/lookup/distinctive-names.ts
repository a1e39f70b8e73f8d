import type { Entry } from '../knowledge/schema.ts';
import type { FactIndex } from './facts.ts';
import { monthOf } from './months.ts';
import { stopwords } from './normalize.ts';
import type { CompiledLexicon } from './question.ts';
import { tokenize } from './words.ts';

/**
 * Words of one entry's names that say which entry wherever they appear ("budapest", "jeddah",
 * "будапештськ"): one of them in a question hints at its entry though the name is not said whole.
 * Built with the index and kept in the start-up snapshot: working them out tokenizes every name,
 * which the first answer after a restart would otherwise wait for.
 */
export interface DistinctiveNames {
  /** A word as written in the names. */
  readonly byWord: ReadonlyMap<string, Entry>;
  /** A stem of the names' words. */
  readonly byStem: ReadonlyMap<string, Entry>;
  /** A stem of the Cyrillic names' words, which the English facts cannot vouch for. */
  readonly byCyrillicStem: ReadonlyMap<string, Entry>;
}

// A name word is distinctive when no other entry's names hold it and at least this share of the
// facts that use it are its entry's own ("budapest", "jeddah", "partition"; not "president").
const distinctiveOwnShare = 0.5;
const minDistinctiveLength = 5;

/** The distinctive words of the entries' names, as written and as stems (see `DistinctiveNames`). */
export function distinctiveNames(
  entries: readonly Entry[],
  nameWords: ReadonlyMap<Entry, ReadonlySet<string>>,
  entryStems: ReadonlyMap<Entry, ReadonlySet<string>>,
  facts: Pick<FactIndex, 'bm25' | 'facts'>,
  lexicon: CompiledLexicon,
): DistinctiveNames {
  return {
    byWord: distinctiveOf(facts, nameWords, (word) => tokenize(word)[0]?.stem ?? word),
    byStem: distinctiveOf(facts, entryStems, (stem) => stem),
    byCyrillicStem: cyrillicDistinctiveOf(entries, lexicon),
  };
}

/**
 * The stems of Cyrillic names' words that one entry's names alone hold ("будапештськ" of
 * "Будапештський меморандум"): the facts are in English, so only the names can say they are
 * distinctive, and a word the lexicon knows ("обмін", exchange) is a word of the language, not a
 * name's.
 */
function cyrillicDistinctiveOf(
  entries: readonly Entry[],
  lexicon: CompiledLexicon,
): ReadonlyMap<string, Entry> {
  // People's entries are left out before counting, unlike the English words': a surname in an
  // event's Cyrillic name ("Переговори Рубіо та Єрмака") then hints at the event, and a question
  // about someone after Yermak no longer meets only Yermak's own office.
  const stemsOf = new Map<Entry, Set<string>>();
  for (const entry of entries) {
    if (entry.kind === 'actor') continue;
    const stems = new Set<string>();
    for (const name of [entry.title, ...entry.aliases])
      for (const token of tokenize(name))
        if (token.cyrillic && monthOf(token.folded) === undefined) stems.add(token.stem);
    stemsOf.set(entry, stems);
  }
  const distinctive = new Map<string, Entry>();
  for (const [stem, entry] of soleOwners(stemsOf)) {
    if (lexicon.phrases.has(stem) || lexicon.synonyms.has(stem)) continue;
    distinctive.set(stem, entry);
  }
  return distinctive;
}

function distinctiveOf(
  facts: Pick<FactIndex, 'bm25' | 'facts'>,
  wordsOf: ReadonlyMap<Entry, ReadonlySet<string>>,
  stemOf: (word: string) => string,
): ReadonlyMap<string, Entry> {
  const distinctive = new Map<string, Entry>();
  for (const [word, entry] of soleOwners(wordsOf)) {
    if (/\d/.test(word)) continue;
    const using = facts.bm25.postings.get(stemOf(word))?.facts ?? [];
    if (using.length === 0) continue;
    let own = 0;
    for (const at of using) if (facts.facts[at]?.entry === entry) own++;
    if (own >= distinctiveOwnShare * using.length) distinctive.set(word, entry);
  }
  return distinctive;
}

/**
 * Each word long enough to tell, and no stop word, that the names of one entry only hold, with that
 * entry; never a person's (a first name or an office word of their aliases says too little).
 */
function soleOwners(wordsOf: ReadonlyMap<Entry, ReadonlySet<string>>): Map<string, Entry> {
  const owners = new Map<string, Entry | null>();
  for (const [entry, words] of wordsOf) {
    for (const word of words) owners.set(word, owners.has(word) ? null : entry);
  }
  const sole = new Map<string, Entry>();
  for (const [word, entry] of owners) {
    if (!entry || entry.kind === 'actor' || word.length < minDistinctiveLength) continue;
    if (!stopwords.has(word)) sole.set(word, entry);
  }
  return sole;
}
