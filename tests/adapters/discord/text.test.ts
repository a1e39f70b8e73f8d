import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, splitEscaped, truncate } from '../../../src/adapters/discord/text.ts';
import { dropUnsafeCharacters } from '../../../src/core/index.ts';

/** Undoes escapeMarkdown, to prove escaping loses nothing a reader should see. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|[\]<#>+\-.])/g, '$1').replace(/@\u200b(everyone|here)/gi, '@$1');
}

/** Whether a `<` or mass mention survives unescaped, which Discord would render as a mention. */
function hasLiveMention(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '\\') {
      index += 1;
      continue;
    }
    if (text[index] === '<') return true;
  }
  return /@(everyone|here)/i.test(text);
}

const tricky = [
  '@everyone',
  '@here',
  '<@123456>',
  '<@&42>',
  '<#1>',
  '**',
  '__',
  '`',
  '\\',
  '# ',
  '> ',
  '- ',
  '1. ',
  '-# ',
  '[x](https://e.test)',
  '\n',
  '||',
  ':flag_ua:',
];
/** Text people type, heavy in what Discord would format, without zero-width spaces of its own. */
const userText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...tricky)), {
    maxLength: 40,
  })
  .map((parts) => parts.join('').replaceAll('\u200b', ''));

describe('escapeMarkdown', () => {
  it('shows mentions literally instead of rendering them', () => {
    expect(escapeMarkdown('hi @everyone and <@123>')).toBe('hi @\u200beveryone and \\<@123>');
  });

  it('escapes line-start markers only at the start of a line', () => {
    expect(escapeMarkdown('# title\n- item\n1. first\nmid-line # stays')).toBe(
      '\\# title\n\\- item\n1\\. first\nmid-line # stays',
    );
  });

  it('loses nothing: unescaping gives back the text typed', () => {
    fc.assert(fc.property(userText, (text) => unescapeMarkdown(escapeMarkdown(text)) === text));
  });

  it('never leaves a live mention, whatever is typed', () => {
    fc.assert(fc.property(userText, (text) => !hasLiveMention(escapeMarkdown(text))));
  });
});

describe('truncate', () => {
  it('keeps short text and marks cut text with an ellipsis', () => {
    expect(truncate('Minsk II', 20)).toBe('Minsk II');
    expect(truncate('Budapest Memorandum', 9)).toBe('Budapest…');
  });

  it('never exceeds the limit nor splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(300), (text, max) => {
        const cut = truncate(text, max);
        const lastCode = cut.charCodeAt(cut.length - 2);
        return (
          cut.length <= max && !(cut.endsWith('…') && lastCode >= 0xd800 && lastCode <= 0xdbff)
        );
      }),
    );
  });
});

describe('splitEscaped', () => {
  it('wraps at spaces into escaped pieces within the limit, keeping every character', () => {
    fc.assert(
      fc.property(userText, fc.integer({ min: 4, max: 60 }), (text, max) => {
        const pieces = splitEscaped(text, max);
        const kept = pieces.map(unescapeMarkdown).join('').replace(/\s+/g, '');
        return pieces.every((piece) => piece.length <= max) && kept === text.replace(/\s+/g, '');
      }),
    );
  });

  /**
   * The specification splitEscaped follows, written the obvious way: grow a piece word by word
   * and escape the whole candidate each time (quadratic, so only for tests).
   */
  function splitByEscapingWholePieces(text: string, max: number): string[] {
    const pieces: string[] = [];
    let current = '';
    const flush = () => {
      const trimmed = current.trim();
      if (trimmed !== '') pieces.push(escapeMarkdown(trimmed));
      current = '';
    };
    for (const token of text.split(/(\s+)/)) {
      if (token === '') continue;
      if (escapeMarkdown((current + token).trim()).length <= max) {
        current += token;
        continue;
      }
      flush();
      if (escapeMarkdown(token.trim()).length <= max) {
        current = token;
        continue;
      }
      for (const char of token) {
        if (escapeMarkdown((current + char).trim()).length > max) flush();
        current += char;
      }
    }
    flush();
    return pieces;
  }

  it('gives the pieces that escaping each candidate piece whole gives', () => {
    fc.assert(
      fc.property(userText, fc.integer({ min: 4, max: 60 }), (raw, max) => {
        const text = dropUnsafeCharacters(raw);
        expect(splitEscaped(text, max)).toEqual(splitByEscapingWholePieces(text, max));
      }),
    );
  });

  it('cuts a word longer than a piece with its escapes whole, line-start markers and mentions included', () => {
    const word = `-1.${'@everyone*'.repeat(8)}#x`;
    const pieces = splitEscaped(`intro\n${word} tail`, 16);
    expect(pieces).toEqual(splitByEscapingWholePieces(`intro\n${word} tail`, 16));
    expect(pieces.every((piece) => piece.length <= 16 && !hasLiveMention(piece))).toBe(true);
    expect(pieces.map(unescapeMarkdown).join('').replace(/\s+/g, '')).toBe(`intro${word}tail`);
  });
});
