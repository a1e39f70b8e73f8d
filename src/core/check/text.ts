import { dropUnsafeCharacters } from '../lookup/clean.ts';
import type { Speller } from '../lookup/spelling.ts';
import { type Token, tokenize } from '../lookup/words.ts';

/** Longest message the checker reads: a long chat message, and still checked in a few milliseconds. */
const maxCheckLength = 4000;

/** One word of a message, where it sits, as written and as the knowledge's vocabulary spells it. */
export interface Word {
  /** Offsets into the cleaned text, for quoting back what was said. */
  readonly start: number;
  readonly end: number;
  /** As written: its own stem, for the verbs and months. */
  readonly token: Token;
  /** Spelled as the knowledge's vocabulary has it (a typo corrected, Latin-typed Cyrillic read as Cyrillic), for names. */
  readonly spelled: Token;
  /** Written with a capital or all in capitals: "US" the country, not "us". */
  readonly raw: string;
}

/** One sentence's words; claims are tied to entries within a sentence only. */
export type Sentence = readonly Word[];

// Chat markup that carries no claim and must never be read as one: code, links, mentions of people,
// channels and emoji on Slack and Discord. Each becomes a sentence break or a space.
const codeBlock = /```[\s\S]*?(```|$)/g;
const inlineCode = /`[^`\n]*`/g;
const link = /<https?:[^>\s]*>|https?:\/\/\S+|www\.\S+/gi;
const platformToken = /<[@#!:][^>\s]{0,120}>|<a?:\w+:\d+>|:[a-z0-9_+-]{2,40}:/gi;

/** The message as the checker reads it: unsafe characters out, markup out, at most `maxCheckLength` characters. */
export function cleanMessage(text: string): { text: string; truncated: boolean } {
  const truncated = text.length > maxCheckLength;
  const clean = dropUnsafeCharacters(truncated ? text.slice(0, maxCheckLength) : text)
    .replace(codeBlock, ' . ')
    .replace(inlineCode, ' ')
    .replace(link, ' ')
    .replace(platformToken, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { text: clean, truncated };
}

const wordPattern = /[\p{L}\p{N}'’ʼ]+/gu;
// A sentence ends at . ! ? ; or a line break, but not inside "12.02.2015" or "ES-11/1".
const sentenceEnd = /[.!?;]+(?=\s|$)|\n+/g;

/**
 * Splits cleaned text into sentences of words, each word spelled as the knowledge's vocabulary has
 * it; `isName` says whether a folded word is a one-word name, which a Cyrillic word may be corrected to.
 */
export function sentencesOf(
  text: string,
  speller: Speller,
  isName: (folded: string) => boolean = () => false,
): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  const cut = (to: number) => {
    const words: Word[] = [];
    for (const match of text.slice(from, to).matchAll(wordPattern)) {
      const start = from + (match.index ?? 0);
      const raw = match[0];
      for (const token of tokenize(raw)) {
        words.push({
          start,
          end: start + raw.length,
          token,
          spelled: spell(token, speller, isName),
          raw,
        });
      }
    }
    if (words.length > 0) sentences.push(words);
  };
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index ?? 0;
    cut(end);
    from = end + match[0].length;
  }
  cut(text.length);
  return sentences;
}

// Short words have too many neighbours to correct safely (the speller agrees).
const minCorrectedLength = 5;

function spell(token: Token, speller: Speller, isName: (folded: string) => boolean): Token {
  if (/^\d+$/.test(token.folded)) return token;
  if (token.cyrillic) {
    // Cyrillic words meet names by their stems; a correction would lose the Slavic stem. Only a
    // surname spelled another way ("Янукович", folded "ianukovych") is taken for the name.
    if (speller.has(token.folded)) return token;
    const corrected = speller.correct(token.folded, true);
    const [again] = corrected && isName(corrected) ? tokenize(corrected) : [];
    return again ?? token;
  }
  // "Budapeshtskyi memorandum pidpysaly": Ukrainian or Russian typed in Latin letters.
  const cyrillic = speller.transliterated(token.folded);
  const [read] = cyrillic ? tokenize(cyrillic) : [];
  if (read) return read;
  if (token.folded.length < minCorrectedLength || speller.has(token.folded)) return token;
  const corrected = speller.correct(token.folded, false);
  const [again] = corrected ? tokenize(corrected) : [];
  return again ?? token;
}
