import { describe, expect, it } from 'vitest';
import { createSpeller, editDistance } from '../../../src/core/lookup/spelling.ts';
import { englishStem, slavicStem, tokenize } from '../../../src/core/lookup/words.ts';

describe('stemming', () => {
  it('gives one English stem to a word and its inflections', () => {
    expect(englishStem('ratified')).toBe(englishStem('ratification'));
    expect(englishStem('ratify')).toBe(englishStem('ratified'));
    expect(englishStem('signed')).toBe(englishStem('signing'));
  });

  it('gives one stem to the cases of a Ukrainian or Russian noun', () => {
    expect(slavicStem('угода')).toBe(slavicStem('угоди'));
    expect(slavicStem('зернова')).toBe(slavicStem('зернової'));
    expect(slavicStem('сделка')).toBe(slavicStem('сделки'));
    expect(slavicStem('вийшла')).toBe(slavicStem('вийшов'));
  });

  it('tokenizes Cyrillic as folded Latin, stemmed before it is transliterated', () => {
    const [agreement] = tokenize('угоди');
    expect(agreement).toEqual({ folded: 'uhody', stem: 'uhod', cyrillic: true });
    expect(tokenize('Minsk II').map((t) => t.folded)).toEqual(['minsk', '2']);
  });

  it('folds the Ukrainian pronoun "її" to a word, not to the numeral of "Minsk II"', () => {
    expect(tokenize('її')[0]?.folded).not.toBe('2');
    expect(tokenize('minsk ii').map((t) => t.folded)).toEqual(['minsk', '2']);
  });

  it('never throws on hostile text', () => {
    for (const text of ['', '🤔🤔', '\u0000\u202e', 'a'.repeat(2000), 'Мінськ-2 ✓ minsk']) {
      expect(() => tokenize(text)).not.toThrow();
    }
  });
});

describe('spelling', () => {
  const speller = createSpeller(
    ['budapest', 'memorandum', 'signatories', 'bridge', 'opened', 'memory'],
    new Set(['budapest', 'memorandum']),
  );

  it('corrects one slip in a short word and two in a long one', () => {
    expect(speller.correct('budpest')).toBe('budapest');
    expect(speller.correct('memorandm')).toBe('memorandum');
    expect(speller.correct('signatorys')).toBe('signatories');
    expect(speller.correct('brige')).toBe('bridge');
  });

  it('leaves known words, numbers, unknown words and the start of a name alone', () => {
    expect(speller.correct('bridge')).toBeUndefined();
    expect(speller.correct('1994')).toBeUndefined();
    expect(speller.correct('football')).toBeUndefined();
    // "memo" is the start of "memorandum", not a typo of "memory".
    expect(speller.correct('memo')).toBeUndefined();
  });

  it('corrects a short word only for a letter left out or two swapped, not into another word', () => {
    const short = createSpeller(['seas', 'fate', 'bridge', 'minsk'], new Set());
    // "seats" and "fake" are English words one letter from a vocabulary word, not slips for it.
    expect(short.correct('seats')).toBeUndefined();
    expect(short.correct('fake')).toBeUndefined();
    expect(short.correct('brige')).toBe('bridge');
    expect(short.correct('misnk')).toBe('minsk');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('budapset', 'budapest', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
