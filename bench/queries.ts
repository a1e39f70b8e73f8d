// Generated inputs for the benchmarks: seeded, so every run measures the same queries, and made
// by rules written without looking at what lookup gets right (nothing here was tuned on results).
import type { Entry } from '../src/core/index.ts';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * One typing slip in a word of four letters or more: a letter dropped, doubled, swapped with its
 * neighbour or replaced. The first letter is kept, as people rarely miss it.
 */
function typo(random: () => number, text: string): string {
  const words = text.split(' ');
  const long = words
    .map((word, index) => ({ word, index }))
    .filter((w) => /^\p{L}{4,}$/u.test(w.word));
  if (long.length === 0) return text;
  const { word, index } = pick(random, long);
  const at = 1 + Math.floor(random() * (word.length - 1));
  const chars = [...word];
  switch (Math.floor(random() * 4)) {
    case 0:
      chars.splice(at, 1);
      break;
    case 1:
      chars.splice(at, 0, chars[at] ?? '');
      break;
    case 2:
      if (at < chars.length - 1)
        [chars[at], chars[at + 1]] = [chars[at + 1] ?? '', chars[at] ?? ''];
      else chars.splice(at, 1);
      break;
    default:
      chars[at] = pick(
        random,
        [...letters].filter((l) => l !== chars[at]),
      );
  }
  words[index] = chars.join('');
  return words.join(' ');
}

/** The words of a name in another order ("memorandum budapest"); unchanged for one word. */
function reorder(random: () => number, text: string): string {
  const words = text.split(' ');
  if (words.length < 2) return text;
  for (let tries = 0; tries < 5; tries++) {
    const shuffled = [...words].sort(() => random() - 0.5);
    if (shuffled.join(' ') !== text) return shuffled.join(' ');
  }
  return [...words.slice(1), words[0]].join(' ');
}

// Ukrainian/Russian Cyrillic to Latin as a person types it without a keyboard layout (close to
// the BGN/PCGN spelling, not the knowledge's own spellings), and Latin to Cyrillic by sound.
const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'yi',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ъ: '',
  ы: 'y',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  "'": '',
  '’': '',
};
const latinToCyrillic: readonly (readonly [string, string])[] = [
  ['shch', 'щ'],
  ['sch', 'ш'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['ya', 'я'],
  ['yu', 'ю'],
  ['ye', 'є'],
  ['th', 'т'],
  ['ph', 'ф'],
  ['ck', 'к'],
  ['qu', 'кв'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'і'],
  ['j', 'дж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'и'],
  ['z', 'з'],
];

/** Cyrillic written in Latin letters, or Latin written in Cyrillic by sound. */
function transliterate(text: string): string {
  const lower = text.toLowerCase();
  if (/\p{Script=Cyrillic}/u.test(lower)) {
    return [...lower].map((char) => cyrillicToLatin[char] ?? char).join('');
  }
  let out = '';
  for (let at = 0; at < lower.length; ) {
    const match = latinToCyrillic.find(([latin]) => lower.startsWith(latin, at));
    if (match) {
      out += match[1];
      at += match[0].length;
    } else {
      out += lower[at];
      at++;
    }
  }
  return out;
}

/** A generated variant of an entry's name and the entry it should find. */
export interface NameVariant {
  readonly query: string;
  readonly expected: string;
  readonly kind: 'typo' | 'reordered' | 'transliterated';
}

/**
 * Variants of every entry's title and first aliases: one typo each, the words reordered, and a
 * transliteration (a Cyrillic alias in Latin letters, else the title in Cyrillic). A variant that
 * is another entry's name as written, or equals its source, is left out: it tests nothing.
 */
export function nameVariants(entries: readonly Entry[], seed: number): NameVariant[] {
  const random = seededRandom(seed);
  const names = new Set(
    entries.flatMap((entry) => [entry.title, ...entry.aliases].map((name) => name.toLowerCase())),
  );
  const variants: NameVariant[] = [];
  const seen = new Set<string>();
  const add = (source: string, query: string, expected: string, kind: NameVariant['kind']) => {
    const key = query.toLowerCase();
    if (key === source.toLowerCase() || names.has(key) || seen.has(key)) return;
    seen.add(key);
    variants.push({ query, expected, kind });
  };
  for (const entry of entries) {
    const latin = [entry.title, ...entry.aliases]
      .filter((name) => !/\p{Script=Cyrillic}/u.test(name))
      .slice(0, 3);
    for (const name of latin) add(name, typo(random, name.toLowerCase()), entry.id, 'typo');
    const multiWord = latin.find((name) => name.includes(' '));
    if (multiWord) add(multiWord, reorder(random, multiWord.toLowerCase()), entry.id, 'reordered');
    const cyrillic = entry.aliases.find((name) => /\p{Script=Cyrillic}/u.test(name));
    add(
      cyrillic ?? entry.title,
      transliterate(cyrillic ?? entry.title),
      entry.id,
      'transliterated',
    );
  }
  return variants;
}

/** A slash command as people send it: the command and its text. */
export interface CommandQuery {
  readonly command: 'brief' | 'fact' | 'agreement' | 'obstacle';
  readonly text: string;
}

const questionTemplates: readonly ((name: string) => string)[] = [
  (name) => name,
  (name) => `what is ${name}`,
  (name) => `tell me about ${name}`,
  (name) => `when was ${name} signed`,
  (name) => `who signed ${name}`,
  (name) => `why did ${name} fail`,
  (name) => `${name} obstacles`,
  (name) => `is ${name} still in force`,
  (name) => `what did ${name} say about borders`,
  (name) => `${name} and russia`,
];

/**
 * `count` distinct slash commands asked about the knowledge: names, aliases and keywords, as they
 * are or with a typo, inside question templates, over the four lookup commands. No two are the
 * same text for the same command, so a stream of them never repeats within `count`.
 */
export function commandQueries(
  entries: readonly Entry[],
  count: number,
  seed: number,
): CommandQuery[] {
  const random = seededRandom(seed);
  const names = entries.flatMap((entry) => [entry.title, ...entry.aliases, ...entry.keywords]);
  const commandsByShare: readonly CommandQuery['command'][] = [
    'brief',
    'brief',
    'brief',
    'brief',
    'fact',
    'fact',
    'fact',
    'agreement',
    'agreement',
    'obstacle',
  ];
  const seen = new Set<string>();
  const queries: CommandQuery[] = [];
  for (let tries = 0; queries.length < count && tries < count * 50; tries++) {
    let name = pick(random, names).toLowerCase();
    if (random() < 0.3) name = typo(random, name);
    const query = {
      command: pick(random, commandsByShare),
      text: pick(random, questionTemplates)(name),
    };
    const key = `${query.command} ${query.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    queries.push(query);
  }
  if (queries.length < count)
    throw new Error(`only ${queries.length} distinct queries, not ${count}`);
  return queries;
}
