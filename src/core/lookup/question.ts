import type { FactTopic, Lexicon, QuestionForm } from '../knowledge/schema.ts';
import { monthOf } from './months.ts';
import { stopwords as builtinStopwords } from './normalize.ts';
import type { Speller } from './spelling.ts';
import { percentAsWord, type Token, tokenize } from './words.ts';

/** What a word of the lexicon says about a question. */
type Meaning =
  | { readonly kind: 'form'; readonly form: QuestionForm }
  | { readonly kind: 'topic'; readonly topic: FactTopic };

/** The lexicon, folded and stemmed once, as lookup reads it. */
export interface CompiledLexicon {
  /** Stem key of a phrase → what it says. */
  readonly phrases: ReadonlyMap<string, readonly Meaning[]>;
  readonly maxPhraseWords: number;
  /** First stems of the phrases and of the synonym phrases: a word that starts none is skipped at once. */
  readonly phraseStarts: ReadonlySet<string>;
  readonly synonymStarts: ReadonlySet<string>;
  /** Stem key of a phrase → the stems of every word of its synonym group. */
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
  /** Stem key of a phrase → its synonym group's number, so names can be compared across languages. */
  readonly synonymGroups: ReadonlyMap<string, number>;
  readonly maxSynonymWords: number;
  readonly present: ReadonlySet<string>;
  readonly past: ReadonlySet<string>;
  readonly future: ReadonlySet<string>;
  readonly recent: ReadonlySet<string>;
  /** Stems of the parties' words. */
  readonly parties: ReadonlySet<string>;
  /** Stem key of an attribution phrase ("accord to"), and the first stems of those phrases. */
  readonly attributions: ReadonlyMap<string, true>;
  readonly attributionStarts: ReadonlySet<string>;
  readonly maxAttributionWords: number;
  readonly negations: ReadonlySet<string>;
  /** Folded words and stems that carry no meaning. */
  readonly stopwords: ReadonlySet<string>;
  /** Folded words of every question word, which the speller may correct a short typo to. */
  readonly questionWords: ReadonlySet<string>;
  /** Every folded word of the lexicon, for the speller's vocabulary. */
  readonly words: ReadonlySet<string>;
  /** The folded words of the lexicon written in Cyrillic and nowhere in Latin ("rik" of "рік"). */
  readonly cyrillicWords: ReadonlySet<string>;
}

/** Folds and stems the lexicon once, when the knowledge loads. */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const phrases = new Map<string, Meaning[]>();
  const phraseStarts = new Set<string>();
  const synonymStarts = new Set<string>();
  const words = new Set<string>();
  const questionWords = new Set<string>();
  let maxPhraseWords = 1;
  const latinWords = new Set<string>();
  const cyrillicWords = new Set<string>();
  const addWord = (token: Token) => {
    words.add(token.folded);
    (token.cyrillic ? cyrillicWords : latinWords).add(token.folded);
  };
  const add = (phrase: string, meaning: Meaning) => {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return;
    for (const token of tokens) addWord(token);
    const key = tokens.map((token) => token.stem).join(' ');
    phraseStarts.add(tokens[0]?.stem ?? '');
    const list = phrases.get(key) ?? [];
    if (!list.some((m) => JSON.stringify(m) === JSON.stringify(meaning))) list.push(meaning);
    phrases.set(key, list);
    maxPhraseWords = Math.max(maxPhraseWords, tokens.length);
  };
  for (const [form, list] of Object.entries(lexicon.forms) as [QuestionForm, string[]][]) {
    for (const phrase of list) {
      add(phrase, { kind: 'form', form });
      if (form !== 'yesno') for (const token of tokenize(phrase)) questionWords.add(token.folded);
    }
  }
  for (const [topic, list] of Object.entries(lexicon.topics) as [FactTopic, string[]][]) {
    for (const phrase of list) add(phrase, { kind: 'topic', topic });
  }
  const synonyms = new Map<string, string[]>();
  const synonymGroups = new Map<string, number>();
  let maxSynonymWords = 1;
  for (const [groupNumber, group] of lexicon.synonyms.entries()) {
    const tokenized = group.map((phrase) => tokenize(phrase));
    const stems = [...new Set(tokenized.flatMap((tokens) => tokens.map((t) => t.stem)))];
    for (const tokens of tokenized) {
      for (const token of tokens) addWord(token);
      const key = tokens.map((token) => token.stem).join(' ');
      synonymStarts.add(tokens[0]?.stem ?? '');
      synonyms.set(key, [...new Set([...(synonyms.get(key) ?? []), ...stems])]);
      if (!synonymGroups.has(key)) synonymGroups.set(key, groupNumber);
      maxSynonymWords = Math.max(maxSynonymWords, tokens.length);
    }
  }
  const attributions = new Map<string, true>();
  const attributionStarts = new Set<string>();
  let maxAttributionWords = 1;
  for (const phrase of lexicon.attributions) {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) continue;
    attributions.set(tokens.map((token) => token.stem).join(' '), true);
    attributionStarts.add(tokens[0]?.stem ?? '');
    maxAttributionWords = Math.max(maxAttributionWords, tokens.length);
  }
  // Words of every other list are words of the language too: the speller must not "correct" a
  // tense or a party it does not know into another word ("стал" into "стан", of "стане", will be).
  for (const list of [
    lexicon.present,
    lexicon.past,
    lexicon.future,
    lexicon.recent,
    lexicon.parties,
    lexicon.attributions,
    lexicon.negations,
  ]) {
    for (const phrase of list) for (const token of tokenize(phrase)) addWord(token);
  }
  const stemsOf = (list: readonly string[]) =>
    new Set(list.flatMap((word) => tokenize(word).flatMap((t) => [t.stem, t.folded])));
  return {
    phrases,
    maxPhraseWords,
    phraseStarts,
    synonymStarts,
    synonyms,
    synonymGroups,
    maxSynonymWords,
    present: stemsOf(lexicon.present),
    past: stemsOf(lexicon.past),
    future: stemsOf(lexicon.future),
    // As written, not stemmed: "news" stems to "new", and "new licences" asks for nothing recent.
    recent: new Set(lexicon.recent.flatMap((word) => tokenize(word).map((token) => token.folded))),
    parties: new Set(lexicon.parties.flatMap((word) => tokenize(word).map((t) => t.stem))),
    attributions,
    attributionStarts,
    maxAttributionWords,
    negations: stemsOf(lexicon.negations),
    stopwords: new Set([...stemsOf(lexicon.stopwords), ...builtinStopwords]),
    questionWords,
    words,
    cyrillicWords: new Set([...cyrillicWords].filter((word) => !latinWords.has(word))),
  };
}

/** What each word of a question does. */
export type TokenRole = 'form' | 'topic' | 'stop' | 'content';

/** A question as lookup reads it: its words, what it asks, and about what. */
export interface Question {
  readonly tokens: readonly Token[];
  readonly roles: readonly TokenRole[];
  /** The folded question with typos corrected, for name matching. */
  readonly folded: string;
  readonly forms: ReadonlySet<QuestionForm>;
  readonly topics: ReadonlySet<FactTopic>;
  /** Asks about now ("who is the president"). */
  readonly present: boolean;
  /** It asks about the past ("who was", "former"): not who holds an office now. */
  readonly past: boolean;
  /** It asks about what is to come ("when will the war end"). */
  readonly future: boolean;
  /** Whether it asks for the newest ("what is the latest on the talks"). */
  readonly recent: boolean;
  /** Asks for someone's view ("according to umland"): the person named is its source, not its subject. */
  readonly attributed: boolean;
  /** Four-digit years the question names. */
  readonly years: readonly string[];
  /**
   * The periods it names: each year, as "2026", or as "2026-06" when a month is named with it
   * ("in june 2026", "у червні 2026", "12 июня 2026").
   */
  readonly periods: readonly string[];
  /** Stems a fact's text may hold for the question's words: their own and their synonyms'. */
  readonly searchStems: readonly string[];
  /** Per token, the stems that count as the same word (itself and its synonyms). */
  readonly alike: readonly ReadonlySet<string>[];
  /** How many words were corrected for spelling. */
  readonly corrections: number;
  /** Per token, whether the knowledge's vocabulary has no such word, even after correction. */
  readonly unknown: readonly boolean[];
  /** The lexicon's office phrases it names ("president", "foreign minister"). */
  readonly offices: ReadonlySet<string>;
}

// Enough for any real question; a 2,000-character paste is read by its start, so lookup stays fast.
const maxTokens = 24;
const yearPattern = /^(1[89]\d\d|20\d\d)$/;

/** Each year the words name, with its month when one stands before it (read before any correction). */
function periodsOf(words: readonly Token[]): string[] {
  const periods: string[] = [];
  words.forEach((word, i) => {
    if (!yearPattern.test(word.folded)) return;
    const before = words[i - 1]?.folded ?? '';
    // "june of 2026"
    const month =
      monthOf(before) ?? (before === 'of' ? monthOf(words[i - 2]?.folded ?? '') : undefined);
    periods.push(month ? `${word.folded}-${String(month).padStart(2, '0')}` : word.folded);
  });
  return periods;
}

/** Reads a question with the lexicon: corrects typos, finds what it asks and the words left to search. */
export function readQuestion(text: string, lexicon: CompiledLexicon, speller: Speller): Question {
  let corrections = 0;
  const unknownWords: boolean[] = [];
  // "what % voted": the sign is a word of the question, which tokenizing would drop.
  const written = tokenize(percentAsWord(text)).slice(0, maxTokens);
  const tokens = written.map((token): Token => {
    unknownWords.push(false);
    // "kogda podpisali": Russian or Ukrainian typed in Latin letters is read as the Cyrillic word,
    // so it stems the Slavic way like the lexicon's and the names' Cyrillic words.
    const cyrillic = token.cyrillic ? undefined : speller.transliterated(token.folded);
    const [spelled] = cyrillic ? tokenize(cyrillic) : [];
    if (spelled) return spelled;
    if (lexicon.stopwords.has(token.folded) || speller.has(token.folded)) return token;
    if (/^\d+$/.test(token.folded)) return token;
    const corrected =
      token.folded.length === 3
        ? correctShort(token.folded, lexicon)
        : speller.correct(token.folded, token.cyrillic === true);
    if (!corrected) {
      unknownWords[unknownWords.length - 1] = true;
      return token;
    }
    corrections++;
    // "херсонській" corrected to "khersonskoi" is "херсонської": stemmed as the Cyrillic word it
    // is, it still meets "Херсонська область", which an English stem of the Latin letters would not.
    const original = token.cyrillic ? speller.cyrillicOf(corrected) : undefined;
    const [again] = tokenize(original ?? corrected);
    return again ?? token;
  });
  // Filled, not mapped: an array a builtin makes can be packed or holey depending on how far the
  // caller was optimised, and every reader of the question is thrown back to slow code when it
  // meets the other kind. So `roles`, `years` and `periods` are made one way every time.
  const roles = new Array<TokenRole>(tokens.length).fill('content');
  // "according to umland": the attribution's words say whose view, nothing of which fact.
  const attribution = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const phrase = longestPhrase(
      tokens,
      i,
      lexicon.attributionStarts,
      lexicon.maxAttributionWords,
      lexicon.attributions,
    );
    if (!phrase) continue;
    for (let j = i; j < i + phrase.size; j++) {
      roles[j] = 'stop';
      attribution.add(j);
    }
    i += phrase.size - 1;
  }
  const forms = new Set<QuestionForm>();
  const topics = new Set<FactTopic>();
  let yesnoAt = -1;
  for (let i = 0; i < tokens.length; ) {
    if (attribution.has(i)) {
      i++;
      continue;
    }
    let matched = 0;
    const phrase = longestPhrase(
      tokens,
      i,
      lexicon.phraseStarts,
      lexicon.maxPhraseWords,
      lexicon.phrases,
    );
    if (phrase) {
      const meanings = phrase.value;
      for (const meaning of meanings) {
        if (meaning.kind === 'topic') topics.add(meaning.topic);
        else if (meaning.form === 'yesno') yesnoAt = yesnoAt < 0 ? i : yesnoAt;
        else forms.add(meaning.form);
      }
      const role: TokenRole = meanings.some((m) => m.kind === 'form') ? 'form' : 'topic';
      for (let j = i; j < i + phrase.size; j++) roles[j] = role;
      matched = phrase.size;
    }
    if (matched === 0) {
      const token = tokens[i];
      // "tell us" is a stop word, "did the us vote" names a party: after "the", a word that is
      // both stays.
      const party =
        token !== undefined && tokens[i - 1]?.folded === 'the' && lexicon.parties.has(token.stem);
      if (token && !party && lexicon.stopwords.has(token.folded)) roles[i] = 'stop';
      matched = 1;
    }
    i += matched;
  }
  // "was it signed", "did russia exit", "подписала ли россия": a yes-or-no question opens with its
  // verb (Russian puts "ли" second), and asks nothing else; "who is" and "what did" are not one.
  const firstMeaningful = roles.findIndex((role) => role !== 'stop');
  if (yesnoAt >= 0 && yesnoAt <= Math.max(firstMeaningful, 0) + 1 && forms.size === 0) {
    forms.add('yesno');
  }
  // "who signed", "how many signed": asked of people or parties, a signing asks for the signatories.
  if (topics.has('signed') && (forms.has('who') || forms.has('howmany'))) {
    topics.delete('signed');
    topics.add('signatories');
  }
  const present = tokens.some((t) => lexicon.present.has(t.folded));
  const past = tokens.some((t) => lexicon.past.has(t.folded));
  const future = tokens.some((t) => lexicon.future.has(t.folded));
  const recent = tokens.some((t) => lexicon.recent.has(t.folded));
  const periods = periodsOf(written);
  const years: string[] = [];
  for (const period of periods) years.push(period.slice(0, 4));
  const alike = tokens.map((token, i) => alikeStems(tokens, i, lexicon, token));
  const searchStems = [
    ...new Set(
      tokens.flatMap((_, i) =>
        roles[i] === 'stop' || roles[i] === 'form' ? [] : [...(alike[i] ?? [])],
      ),
    ),
  ];
  return {
    tokens,
    roles,
    folded: tokens.map((t) => t.folded).join(' '),
    forms,
    topics,
    present,
    past,
    future,
    recent,
    attributed: attribution.size > 0,
    years,
    periods,
    searchStems,
    alike,
    corrections,
    unknown: unknownWords,
    offices: officePhrases(tokens, lexicon),
  };
}

/**
 * The stems of a text with each synonym phrase replaced by its group's mark, longest first, so
 * "зерновой сделки" and "grain deal" compare equal when a name is matched.
 */
export function canonicalStems(tokens: readonly Token[], lexicon: CompiledLexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    const phrase = longestPhrase(
      tokens,
      i,
      lexicon.synonymStarts,
      lexicon.maxSynonymWords,
      lexicon.synonymGroups,
    );
    if (phrase) {
      out.push(`~${phrase.value}`);
      matched = phrase.size;
    }
    if (matched === 0) {
      out.push(tokens[i]?.stem ?? '');
      matched = 1;
    }
    i += matched;
  }
  return out;
}

/** A token's own stem and those of its synonyms (a phrase synonym counts for each of its words). */
function alikeStems(
  tokens: readonly Token[],
  at: number,
  lexicon: CompiledLexicon,
  token: Token,
): Set<string> {
  const stems = new Set([token.stem]);
  for (let size = 1; size <= lexicon.maxSynonymWords; size++) {
    for (
      let start = Math.max(0, at - size + 1);
      start <= at && start + size <= tokens.length;
      start++
    ) {
      if (!lexicon.synonymStarts.has(tokens[start]?.stem ?? '')) continue;
      for (const stem of lexicon.synonyms.get(stemSpan(tokens, start, size)) ?? []) stems.add(stem);
    }
  }
  return stems;
}

/** "whn", "wen": a three-letter typo is corrected only to a question word one edit away. */
function correctShort(word: string, lexicon: CompiledLexicon): string | undefined {
  for (const candidate of lexicon.questionWords) {
    if (Math.abs(candidate.length - word.length) > 1 || candidate[0] !== word[0]) continue;
    if (oneEditApart(word, candidate)) return candidate;
  }
  return undefined;
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    return diff === 1;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}

/**
 * The longest phrase of `table` that starts at token `start` (and that `accept` takes), with its
 * key and length; the one scan behind question words, synonyms and office names.
 */
function longestPhrase<T>(
  tokens: readonly Token[],
  start: number,
  starts: ReadonlySet<string>,
  maxWords: number,
  table: ReadonlyMap<string, T>,
  accept: (value: T) => boolean = () => true,
): { readonly key: string; readonly size: number; readonly value: T } | undefined {
  if (!starts.has(tokens[start]?.stem ?? '')) return undefined;
  for (let size = Math.min(maxWords, tokens.length - start); size >= 1; size--) {
    const key = stemSpan(tokens, start, size);
    const value = table.get(key);
    if (value !== undefined && accept(value)) return { key, size, value };
  }
  return undefined;
}

/** The stems of `size` tokens from `start`, joined by spaces: a phrase's key. */
function stemSpan(tokens: readonly Token[], start: number, size: number): string {
  let key = tokens[start]?.stem ?? '';
  for (let i = start + 1; i < start + size; i++) key += ` ${tokens[i]?.stem ?? ''}`;
  return key;
}

/**
 * The lexicon's office phrases in a text, each as its synonym group's mark when it has one, so
 * "президент" in a question and "President" in a fact name the same office.
 */
export function officePhrases(tokens: readonly Token[], lexicon: CompiledLexicon): Set<string> {
  const found = new Set<string>();
  const isOffice = (meanings: readonly Meaning[]) =>
    meanings.some((m) => m.kind === 'topic' && m.topic === 'office');
  for (let i = 0; i < tokens.length; i++) {
    const phrase = longestPhrase(
      tokens,
      i,
      lexicon.phraseStarts,
      lexicon.maxPhraseWords,
      lexicon.phrases,
      isOffice,
    );
    if (phrase) {
      const group = lexicon.synonymGroups.get(phrase.key);
      found.add(group === undefined ? phrase.key : `~${group}`);
      // "foreign minister" is one office, not also "minister": the words a phrase took are done.
      i += phrase.size - 1;
    }
  }
  return found;
}
