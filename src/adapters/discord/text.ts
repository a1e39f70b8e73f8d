/**
 * Plain text to Discord markdown. Knowledge and user text are plain, so every character Discord
 * would read as formatting, a mention, a masked link or a timestamp is backslash-escaped.
 * https://support.discord.com/hc/en-us/articles/210298617-Markdown-Text-101-Chat-Formatting-Bold-Italic-Underline
 */
import { dropUnsafeCharacters } from '../../core/index.ts';
import { truncate as truncateText } from '../truncate.ts';

/** Characters that format anywhere in a line: emphasis, code, spoilers, masked links, and `<` (mentions, channels, timestamps). */
const inlineMarkup = /[\\*_~`|[\]<]/g;
/** Markers that format only at the start of a line: headings, subtext, quotes, bullet items. */
const lineStartMarkup = /^(\s*)([#>+-])/gm;
/** Numbered list items: `1. ` is escaped as `1\. `. */
const numberedItem = /^(\s*\d+)\./gm;
/**
 * `@everyone` and `@here` need no angle brackets. `allowed_mentions` already stops the ping; the
 * zero-width space also stops the highlight, so the text does not look like a ping either.
 */
const massMention = /@(everyone|here)/gi;

/**
 * Escapes plain text so Discord shows it literally, without formatting or mentions; NUL and
 * bidirectional overrides are dropped, so quoted text cannot read backwards.
 */
export function escapeMarkdown(text: string): string {
  return escapeInline(dropUnsafeCharacters(text))
    .replace(lineStartMarkup, '$1\\$2')
    .replace(numberedItem, '$1\\.');
}

/** The escapes that apply anywhere in a line; the text is already free of unsafe characters. */
function escapeInline(text: string): string {
  // Most words have nothing to escape: one scan decides (splitting escapes every word).
  if (!inlineWork.test(text)) return text;
  return text.replace(inlineMarkup, '\\$&').replace(massMention, '@\u200b$1');
}

/** A character inline escaping acts on: markup, or the `@` of a mass mention. */
const inlineWork = /[\\*_~`|[\]<@]/;

/** Text for fields Discord shows without markdown (footers, button labels): mass mentions are defused, unsafe characters dropped. */
export function defuseMentions(text: string): string {
  return dropUnsafeCharacters(text).replace(massMention, '@\u200b$1');
}

/**
 * Shortens text to `max` UTF-16 code units, ending with an ellipsis when cut. Never splits a
 * surrogate pair, and never leaves a lone escaping backslash in front of the ellipsis.
 */
export function truncate(text: string, max: number): string {
  return truncateText(text, max, { tidy: dropLoneBackslash });
}

function dropLoneBackslash(kept: string): string {
  const trailingBackslashes = /\\+$/.exec(kept)?.[0].length ?? 0;
  return trailingBackslashes % 2 === 1 ? kept.slice(0, -1) : kept;
}

/**
 * Splits plain text into escaped pieces of at most `max` code units, at whitespace where it can.
 * Each word is escaped once, on its own: escaping never reaches across whitespace, so a piece is
 * its words' escapes joined by the whitespace between them, and a word that starts a line (the
 * piece's first, or one after a line break) also gets the line-start escapes. No escape sequence
 * is ever cut in two, and the work grows with the text's length, not with length times piece size.
 */
export function splitEscaped(text: string, max: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  // Whitespace read since the piece's last word: it joins that word to the next one.
  let gap = '';
  const flush = () => {
    if (piece !== '') pieces.push(piece);
    piece = '';
    gap = '';
  };
  for (const token of dropUnsafeCharacters(text).split(/(\s+)/)) {
    if (token === '') continue;
    if (/^\s/.test(token)) {
      if (piece !== '') gap += token;
      continue;
    }
    if (piece !== '') {
      const word = gap.includes('\n') ? escapeMarkdown(token) : escapeInline(token);
      if (piece.length + gap.length + word.length <= max) {
        piece += gap + word;
        gap = '';
        continue;
      }
      flush();
    }
    const word = escapeMarkdown(token);
    if (word.length <= max) {
      piece = word;
      continue;
    }
    piece = cutLongWord(token, max, pieces);
  }
  flush();
  return pieces;
}

/**
 * Cuts a word longer than a piece by code point into escaped pieces, pushing all but the last,
 * which is returned so the words after it can join it. Each part is escaped as a piece of its own
 * (it starts a line); its escaped length is counted as it grows instead of escaping it again for
 * every character.
 */
function cutLongWord(word: string, max: number, pieces: string[]): string {
  let part = '';
  let length = 0;
  let digitsOnly = true;
  for (const char of word) {
    const extra = escapedExtra(part, char, digitsOnly);
    if (part !== '' && length + char.length + extra > max) {
      pieces.push(escapeMarkdown(part));
      part = '';
      length = 0;
      digitsOnly = true;
    }
    length += char.length + escapedExtra(part, char, digitsOnly);
    digitsOnly &&= /\d/.test(char);
    part += char;
  }
  return escapeMarkdown(part);
}

/** How many code units escaping adds when `char` is appended to a part of a long word. */
function escapedExtra(part: string, char: string, digitsOnly: boolean): number {
  let extra = /^[\\*_~`|[\]<]$/.test(char) ? 1 : 0;
  // The first character, as a line-start marker; a `.` after leading digits, as a numbered item.
  if (part === '' && /^[#>+-]$/.test(char)) extra++;
  if (char === '.' && part !== '' && digitsOnly) extra++;
  // A mass mention gains its zero-width space once it is whole.
  if (/@(everyone|here)$/i.test(part.slice(-9) + char)) extra++;
  return extra;
}
