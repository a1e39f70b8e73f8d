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
  return dropUnsafeCharacters(text)
    .replace(inlineMarkup, '\\$&')
    .replace(massMention, '@\u200b$1')
    .replace(lineStartMarkup, '$1\\$2')
    .replace(numberedItem, '$1\\.');
}

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
 * Pieces are escaped one by one, so no escape sequence is ever cut in two.
 */
export function splitEscaped(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    const trimmed = current.trim();
    if (trimmed !== '') pieces.push(escapeMarkdown(trimmed));
    current = '';
  };
  for (const token of text.split(/(\s+)/)) {
    if (token === '') continue;
    const candidate = current + token;
    if (escapeMarkdown(candidate.trim()).length <= max) {
      current = candidate;
      continue;
    }
    flush();
    if (escapeMarkdown(token.trim()).length <= max) {
      current = token;
      continue;
    }
    // One word longer than a piece: cut it by code point.
    for (const char of token) {
      if (escapeMarkdown((current + char).trim()).length > max) flush();
      current += char;
    }
  }
  flush();
  return pieces;
}
