import { tokenize } from './words.ts';

/** A Cyrillic word as lookup folds it into Latin letters, or undefined for anything else. */
function foldCyrillic(word: string): string | undefined {
  const tokens = tokenize(word);
  const [token] = tokens;
  return tokens.length === 1 && token?.cyrillic ? token.folded : undefined;
}

/**
 * Spelling correction against the knowledge's own vocabulary: "budpest memorandm signatorys" has a
 * typo in every word, which no name comparison survives, but each word is one or two edits from a
 * word the knowledge uses.
 */

/** Corrects one folded word to a vocabulary word, or says it cannot. */
export interface Speller {
  readonly has: (word: string) => boolean;
  /** The vocabulary word a typo most likely meant; a word typed in Latin letters is never taken for one known only in Cyrillic. */
  readonly correct: (word: string, cyrillic?: boolean) => string | undefined;
  /**
   * The Ukrainian or Russian word a Latin one spells in a common transliteration ("kogda",
   * "vozglavlyal", "pidpysaly"), written in Cyrillic so it stems the Slavic way; undefined for none.
   */
  readonly transliterated: (word: string) => string | undefined;
  /**
   * The Cyrillic word a folded vocabulary word was made from ("khersonskoi" → "херсонської"), so a
   * correction of a Cyrillic word stems the Slavic way; undefined for a word known only in Latin.
   */
  readonly cyrillicOf: (folded: string) => string | undefined;
}

/**
 * A key two transliterations of one Cyrillic word share: "kogda" and our folding's "kohda",
 * "rossiyskuyu" and "rossyiskuiu", "delegaciyu" and "delehatsyiu". Only ever compared with keys of
 * words known in Cyrillic, so an English word that happens to share a key is never rewritten.
 */
export function transliterationKey(word: string): string {
  return word
    .replace(/g/g, 'h')
    .replace(/shch|sch|shh/g, '#')
    .replace(/zh/g, 'Z')
    .replace(/kh|x/g, 'h')
    .replace(/ch/g, 'C')
    .replace(/sh/g, 'S')
    .replace(/tz|c/g, 'ts')
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/[yj]/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/i([aeu])/g, '$1')
    .replace(/(.)\1+/g, '$1');
}

// Short words have too many neighbours to correct safely; long ones can take two slips.
const minLength = 4;
const twoEditsFrom = 8;
// Below this length a word one letter off another is as often a different English word ("seats" and
// "seas", "fake" and "fate") as a slip, so only the slips chat makes most (a letter left out, two
// letters swapped) are corrected there, never a letter too many or a different letter.
const anyEditFrom = 6;
const memoLimit = 10_000;

/**
 * What a speller is made of, as plain data (no functions), so the lookup index cache can store it
 * and a restart rebuild the speller from it without reading the vocabulary again.
 */
export interface SpellerTables {
  /** Transliteration key → the Cyrillic word it spells. */
  readonly byKey: ReadonlyMap<string, string>;
  /** Folded Cyrillic word → the word as written. */
  readonly byFolded: ReadonlyMap<string, string>;
  readonly vocabulary: ReadonlySet<string>;
  /**
   * First letter and length → the words, with their letter counts one after the other
   * (`letterSlots` a word; one array a bucket keeps the stored index small and quick to read).
   */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** Starts of preferred words, never corrected. */
  readonly prefixes: ReadonlySet<string>;
  readonly preferred: ReadonlySet<string>;
  readonly cyrillicOnly: ReadonlySet<string>;
  readonly latinWords: ReadonlySet<string>;
}

/**
 * Builds a speller's tables over `words`. `preferred` words (names and question words) win ties, so
 * a typo lands on a name rather than on a common word one edit away.
 */
export function buildSpellerTables(
  words: Iterable<string>,
  preferred: ReadonlySet<string>,
  cyrillicOnly: ReadonlySet<string> = new Set(),
  cyrillicWords: Iterable<string> = [],
  latinWords: ReadonlySet<string> = new Set(),
): SpellerTables {
  // Key → the Cyrillic word. Words sharing a key are nearly always one word's forms or its
  // Ukrainian and Russian spellings ("россия", "росія"), so the first stands for them.
  const byKey = new Map<string, string>();
  const byFolded = new Map<string, string>();
  for (const word of cyrillicWords) {
    const folded = foldCyrillic(word);
    if (!folded) continue;
    const key = transliterationKey(folded);
    if (!byKey.has(key)) byKey.set(key, word);
    if (!byFolded.has(folded)) byFolded.set(folded, word);
  }
  const vocabulary = new Set<string>();
  for (const word of words) if (word.length >= 2 && !/^\d+$/.test(word)) vocabulary.add(word);
  // Candidates are read by first letter and length: a slip in the first letter is rare in chat.
  // Each with its letter counts, made here once rather than when a question first meets it.
  const grouped = new Map<string, string[]>();
  for (const word of vocabulary) {
    const key = `${word[0]}${word.length}`;
    const list = grouped.get(key) ?? [];
    list.push(word);
    grouped.set(key, list);
  }
  const buckets = new Map<string, Bucket>();
  for (const [key, words] of grouped) {
    const counts = new Uint8Array(words.length * letterSlots);
    words.forEach((word, i) => {
      counts.set(letterCounts(word), i * letterSlots);
    });
    buckets.set(key, { words, counts });
  }
  // "memo" of "memorandum": the start of a name's word is a shortening, not a typo; name matching
  // knows what to make of it, and correcting it to some other four-letter word would lose it.
  const prefixes = new Set<string>();
  for (const word of preferred) {
    for (let end = minLength; end < word.length; end++) prefixes.add(word.slice(0, end));
  }
  return { byKey, byFolded, vocabulary, buckets, prefixes, preferred, cyrillicOnly, latinWords };
}

/** A speller over `words` (see `buildSpellerTables`). */
export function createSpeller(...args: Parameters<typeof buildSpellerTables>): Speller {
  return spellerFrom(buildSpellerTables(...args));
}

/** The speller its tables make. */
export function spellerFrom(tables: SpellerTables): Speller {
  const { byKey, byFolded, vocabulary, buckets, prefixes, preferred, cyrillicOnly, latinWords } =
    tables;
  // Chat repeats its typos and its unknown words; each is looked for once.
  const memo = new Map<string, string | undefined>();
  const correct = (word: string, cyrillic = false): string | undefined => {
    // "risk" is not a slip for "rik", the Latin spelling of Ukrainian "рік".
    const key = cyrillic ? `c:${word}` : word;
    if (memo.has(key)) return memo.get(key);
    if (memo.size >= memoLimit) memo.clear();
    const corrected = search(word, cyrillic);
    memo.set(key, corrected);
    return corrected;
  };
  const search = (word: string, cyrillic: boolean): string | undefined => {
    if (word.length < minLength || vocabulary.has(word) || /\d/.test(word)) return undefined;
    if (prefixes.has(word)) return undefined;
    const budget = word.length >= twoEditsFrom ? 2 : 1;
    let best: { word: string; distance: number; preferred: boolean } | undefined;
    const counts = letterCounts(word);
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      const bucket = buckets.get(`${word[0]}${length}`);
      if (!bucket) continue;
      for (let i = 0; i < bucket.words.length; i++) {
        const candidate = bucket.words[i] ?? '';
        if (!cyrillic && cyrillicOnly.has(candidate)) continue;
        // Letters one word has and the other lacks bound the edits from below, at a fraction of
        // the cost of counting them: most candidates stop here.
        if (letterGap(counts, bucket.counts, i * letterSlots) > budget) continue;
        const distance = editDistance(word, candidate, budget);
        if (distance > budget) continue;
        if (!cyrillic && word.length < anyEditFrom && !leftOutOrSwapped(word, candidate)) continue;
        const isPreferred = preferred.has(candidate);
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance && isPreferred && !best.preferred)
        ) {
          best = { word: candidate, distance, preferred: isPreferred };
        }
      }
    }
    return best?.word;
  };
  const transliterated = (word: string): string | undefined => {
    // A word the facts or names use in Latin letters stays as it is ("minsk", "risk").
    if (word.length < 2 || latinWords.has(word) || /\d/.test(word)) return undefined;
    return byKey.get(transliterationKey(word));
  };
  return {
    has: (word) => vocabulary.has(word) || prefixes.has(word),
    correct,
    transliterated,
    cyrillicOf: (folded) => byFolded.get(folded),
  };
}

/** Whether `typed` is `meant` with one letter left out or two neighbouring letters swapped. */
function leftOutOrSwapped(typed: string, meant: string): boolean {
  if (meant.length === typed.length + 1) return true;
  if (meant.length !== typed.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== meant[i]) differ.push(i);
  const [a, b] = differ;
  return (
    differ.length === 2 &&
    a !== undefined &&
    b === a + 1 &&
    typed[a] === meant[b] &&
    typed[b] === meant[a]
  );
}

/** Words of one first letter and length, and their letter counts, `letterSlots` a word. */
interface Bucket {
  readonly words: readonly string[];
  readonly counts: Uint8Array;
}

/** A letter count per Latin letter and digit. */
const letterSlots = 36;

/** How many of each letter and digit a folded word has. */
function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(letterSlots);
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const slot = code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : -1;
    if (slot >= 0) counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return counts;
}

/**
 * A lower bound on the edit distance: the larger of the letters only one side has. `b` holds the
 * other word's counts from `offset`.
 */
function letterGap(a: Uint8Array, b: Uint8Array, offset: number): number {
  let extra = 0;
  let missing = 0;
  for (let i = 0; i < letterSlots; i++) {
    const d = (a[i] ?? 0) - (b[offset + i] ?? 0);
    if (d > 0) extra += d;
    else missing -= d;
  }
  return Math.max(extra, missing);
}

/** Optimal string alignment distance (a swap of two letters is one edit), giving up past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
