import { stemmer } from 'stemmer';
import { normalize } from './normalize.ts';

/** One word of a question or a name: folded for comparison, stemmed to meet its inflections. */
export interface Token {
  readonly folded: string;
  readonly stem: string;
  /**
   * Written in Cyrillic: the knowledge's facts are in English, so such a word is rarely in them.
   * Always set, so every token has one shape: code that reads tokens stays optimised for it
   * instead of being thrown back when a Cyrillic word first comes through.
   */
  readonly cyrillic: boolean;
}

const cyrillicLetter = /[\u0400-\u04ff]/;
const wordPattern = /[\p{L}\p{N}'’ʼ]+/gu;

// Ukrainian and Russian inflect by ending; the stem is what is left when the longest ending goes.
// A light suffix stripper rather than a full Snowball stemmer: questions are short and the lexicon
// lists the irregular forms people type, so what matters is that "угода" and "угоди" meet.
const slavicEndings = [
  'ування',
  'ювання',
  'ання',
  'ення',
  'іння',
  'ание',
  'ение',
  'ація',
  'ації',
  'ацію',
  'ация',
  'ации',
  'ацию',
  'ість',
  'ості',
  'ость',
  'ости',
  'ами',
  'ями',
  'ові',
  'еві',
  'ого',
  'ому',
  'ему',
  'ими',
  'ыми',
  'ій',
  'ий',
  'ый',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ие',
  'ые',
  'ої',
  'ою',
  'ею',
  'ів',
  'ев',
  'ов',
  'их',
  'ых',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'ла',
  'ли',
  'ло',
  'ти',
  'ть',
  'ні',
  'а',
  'я',
  'о',
  'е',
  'и',
  'і',
  'ї',
  'у',
  'ю',
  'ь',
  'й',
  'ы',
  'в',
];
const minSlavicStem = 3;
const maxSlavicStem = 6;

/** The stem of one lower-case Cyrillic word. */
export function slavicStem(word: string): string {
  let stem = word.replace(/['’ʼ]/g, '');
  for (const reflexive of ['ся', 'сь']) {
    if (stem.length - reflexive.length >= minSlavicStem + 1 && stem.endsWith(reflexive)) {
      stem = stem.slice(0, -reflexive.length);
      break;
    }
  }
  for (const ending of slavicEndings) {
    if (stem.length - ending.length >= minSlavicStem && stem.endsWith(ending)) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  return stem.slice(0, maxSlavicStem);
}

/** The stem of one folded Latin word: Porter's, with its y-to-i ending dropped so "ratify" meets "ratification". */
export function englishStem(folded: string): string {
  if (folded.length <= 3 || /^\d+$/.test(folded)) return folded;
  const stem = stemmer(folded);
  return stem.length > 4 && stem.endsWith('i') ? stem.slice(0, -1) : stem;
}

// Words repeat across facts, names and questions: each is folded and stemmed once. Bounded, so a
// stream of odd words cannot grow it without end.
const wordCache = new Map<string, readonly Token[]>();
const wordCacheLimit = 50_000;

/**
 * The text with "%" written as the word, so "96.77%" in a fact and "what %" in a question both
 * read as a number of percent.
 */
export function percentAsWord(text: string): string {
  return text.replace(/%/g, ' percent ');
}

/** Splits text into tokens; words written in Cyrillic are stemmed before they are transliterated. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // toLowerCase, not toLocaleLowerCase('en'): the same letters for English (only Turkish,
  // Azerbaijani and Lithuanian differ), at a fraction of the cost on every fact at start-up.
  for (const [raw] of text.normalize('NFKC').toLowerCase().matchAll(wordPattern)) {
    let word = wordCache.get(raw);
    if (!word) {
      word = tokenizeWord(raw);
      if (wordCache.size >= wordCacheLimit) wordCache.clear();
      wordCache.set(raw, word);
    }
    tokens.push(...word);
  }
  return tokens;
}

function tokenizeWord(raw: string): Token[] {
  const folded = normalize(raw);
  if (folded === '') return [];
  const parts = folded.split(' ');
  if (cyrillicLetter.test(raw) && parts.length === 1) {
    return [{ folded, stem: normalize(slavicStem(raw)) || folded, cyrillic: true }];
  }
  return parts.map((part) => ({ folded: part, stem: englishStem(part), cyrillic: false }));
}
