import { beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore, loadKnowledgeDir } from '../../../src/core/index.ts';
import { transliterationKey } from '../../../src/core/lookup/spelling.ts';
import { tokenize } from '../../../src/core/lookup/words.ts';

const folded = (word: string) => tokenize(word)[0]?.folded ?? '';

describe('the transliteration key', () => {
  it.each([
    ['kogda', 'когда'],
    ['rossiya', 'россия'],
    ['rossiyskuyu', 'российскую'],
    ['delegaciyu', 'делегацию'],
    ['vozglavlyal', 'возглавлял'],
    ['pidpysaly', 'підписали'],
    ['shchodo', 'щодо'],
  ])('gives %j the key of %j as lookup folds it', (latin, cyrillic) => {
    expect(transliterationKey(latin)).toBe(transliterationKey(folded(cyrillic)));
  });

  it('tells different words apart', () => {
    expect(transliterationKey('kogda')).not.toBe(transliterationKey(folded('коли')));
    expect(transliterationKey('pidpysaly')).not.toBe(transliterationKey(folded('ратифікували')));
  });
});

describe('questions typed in Latin letters', () => {
  let core: Core;
  beforeAll(async () => {
    core = createCore(await loadKnowledgeDir('knowledge'));
  });

  it.each([
    ['kogda podpisali budapeshtskiy memorandum', 'budapest-memorandum/signed'],
    ['koly pidpysaly minsk 2', 'minsk-ii/signed'],
  ])('answers %j as its Cyrillic spelling', (question, factId) => {
    const result = core.lookup(question);
    expect(result.status === 'found' ? result.factId : undefined).toBe(factId);
  });

  it('leaves an English word the facts use as it is', () => {
    // "risk" is in the facts; it is not the Ukrainian "рік" (year) typed in Latin.
    const result = core.lookup('what is the risk of a hasty ceasefire according to umland');
    const lead =
      result.status === 'found' && result.fact
        ? result.entry.id
        : result.suggestedFacts[0]?.entry.id;
    expect(lead).toBe('front-lines-of-peace');
  });
});
