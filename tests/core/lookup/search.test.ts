import { beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore, type LookupResult } from '../../../src/core/index.ts';
import { parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import { fixtureCore } from '../../helpers/fixture-core.ts';

let core: Core;
beforeAll(async () => {
  core = await fixtureCore();
});

function foundId(result: LookupResult): string | undefined {
  return result.status === 'found' ? result.entry.id : undefined;
}

describe('lookup', () => {
  it.each([
    ['Budapest Memorandum', 'budapest-memorandum'],
    ['budapest memorandum', 'budapest-memorandum'],
    ['Minsk II', 'minsk-ii'],
    ['minsk 2', 'minsk-ii'],
    ['Minsk-2', 'minsk-ii'],
    ['Минск-2', 'minsk-ii'],
    ['minsk i', 'minsk-protocol'],
  ])('given the name %j, finds %s with full confidence', (query, id) => {
    const result = core.lookup(query);
    expect(foundId(result)).toBe(id);
    expect(result.status === 'found' && result.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['budapst memorandm', 'budapest-memorandum'],
    ['budapest memo', 'budapest-memorandum'],
    ['kharkiv pakt', 'kharkiv-pact'],
    ['belovezha acords', 'belovezha-accords'],
  ])('given a typo %j, finds %s', (query, id) => {
    expect(foundId(core.lookup(query))).toBe(id);
  });

  it.each([
    ['memorandum budapest', 'budapest-memorandum'],
    ['agreement minsk second', 'minsk-ii'],
    ['security assurances memorandum budapest', 'budapest-memorandum'],
  ])('given the words of a name in another order %j, finds %s', (query, id) => {
    expect(foundId(core.lookup(query))).toBe(id);
  });

  it.each([
    ['Belavezha Accords', 'belovezha-accords'],
    ['Bilovezha accords', 'belovezha-accords'],
    ['Kharkov pact', 'kharkiv-pact'],
    ['Krym', 'crimea'],
    ['Будапештский меморандум', 'budapest-memorandum'],
    ['Будапештський меморандум', 'budapest-memorandum'],
    ['Крим', 'crimea'],
  ])('given a transliteration or Cyrillic %j, finds %s', (query, id) => {
    expect(foundId(core.lookup(query))).toBe(id);
  });

  it.each([
    ['obstacle 3', 'crimea-trophy'],
    ['third obstacle', 'crimea-trophy'],
    ['the 2nd obstacle', 'political-headwinds'],
    ['obstacle number 4', 'ece-scepticism'],
  ])('given an obstacle by number %j, finds %s', (query, id) => {
    expect(foundId(core.lookup(query))).toBe(id);
  });

  it('given a bare number with the obstacle kind, finds that obstacle', () => {
    expect(foundId(core.lookup('1', { kinds: ['obstacle'] }))).toBe('constitutional-claims');
  });

  it('given "when was X signed", answers with the signing fact', () => {
    const result = core.lookup('when was minsk 2 signed?');
    expect(foundId(result)).toBe('minsk-ii');
    expect(result.status === 'found' && result.fact?.topic).toBe('signed');
    expect(result.status === 'found' && result.fact?.date).toBe('2015-02-12');
  });

  it('given "who signed X", leads with the signatories', () => {
    // Answered or, on this small fixture, offered first: either way the signatories lead.
    const result = core.lookup('Who signed the Budapest Memorandum');
    const lead = (result.status === 'found' && result.fact) || result.suggestedFacts[0]?.fact;
    expect(lead?.statement).toContain('Boris Yeltsin');
  });

  it('given "what did X promise", answers with a provision', () => {
    const result = core.lookup('what did the budapest memorandum promise ukraine');
    expect(result.status === 'found' && result.fact?.topic).toBe('provision');
  });

  it('given "when did russia annex crimea", prefers the entry with the annexation fact', () => {
    const result = core.lookup('when did russia annex crimea');
    expect(foundId(result)).toBe('crimea');
    expect(result.status === 'found' && result.fact?.date).toBe('2014-03-18');
  });

  it('given words from a fact but no name, finds the fact', () => {
    // Answered or, when not sure on this small fixture, offered first.
    const result = core.lookup('economic coercion');
    const lead = (result.status === 'found' && result.fact) || result.suggestedFacts[0]?.fact;
    const leadEntry =
      result.status === 'found' && result.fact ? result.entry : result.suggestedFacts[0]?.entry;
    expect(leadEntry?.id).toBe('budapest-memorandum');
    expect(lead?.topic).toBe('provision');
  });

  it('given a name several entries share, is ambiguous with both as candidates', () => {
    const result = core.lookup('minsk');
    expect(result.status).toBe('ambiguous');
    expect(
      result.status === 'ambiguous' && result.candidates.map((c) => c.entry.id).sort(),
    ).toEqual(['minsk-ii', 'minsk-protocol']);
  });

  it.each([
    'pizza recipe',
    'weather in paris tomorrow',
    'how do I reset my password',
    'asdfghjkl',
    '!!!',
  ])('given the off-topic query %j, finds nothing', (query) => {
    expect(core.lookup(query).status).toBe('not-found');
  });

  it('given a near miss, suggests the closest entries', () => {
    const result = core.lookup('budapesht');
    const ids =
      result.status === 'found'
        ? [result.entry.id]
        : result.status === 'not-found'
          ? result.suggestions.map((c) => c.entry.id)
          : [];
    expect(ids).toContain('budapest-memorandum');
  });

  it('given kinds, only returns entries of those kinds', () => {
    expect(core.lookup('crimea', { kinds: ['agreement'] }).status).not.toBe('found');
    expect(foundId(core.lookup('crimea', { kinds: ['place'] }))).toBe('crimea');
  });
});

describe('autocomplete', () => {
  it('suggests names that start with what was typed, limited to the command kinds', () => {
    const suggestions = core.autocomplete('agreement', 'min');
    expect(suggestions.map((s) => s.id)).toEqual(
      expect.arrayContaining(['minsk-ii', 'minsk-protocol']),
    );
    expect(suggestions.every((s) => s.kind === 'agreement')).toBe(true);
  });

  it('with nothing typed, lists entries of the kind up to the limit', () => {
    const suggestions = core.autocomplete('obstacle', '', 3);
    expect(suggestions).toHaveLength(3);
    expect(suggestions.every((s) => s.kind === 'obstacle')).toBe(true);
  });

  it('finds entries through typos too', () => {
    expect(core.autocomplete('brief', 'budapst').map((s) => s.id)).toContain('budapest-memorandum');
  });
});

describe('lookup, on names that only partly match', () => {
  const meta = `meta:\n  asOf: '2026-11-25'\n  title: T\n  attribution: T\nsources:\n  - { id: s, title: S, url: 'https://example.org/s' }\n`;
  const entries = `events:
  - id: istanbul-talks
    title: Istanbul talks
    keywords: [Bucha]
    summary: S.
    body: B.
    date: '2022-03-29'
    sources: [s]
    reviewed: '2026-11-25'
  - id: capitals
    title: East-Central European capitals
    aliases: [Bucharest]
    summary: S.
    body: B.
    date: '2024'
    sources: [s]
    reviewed: '2026-11-25'
  - id: formula
    title: Steinmeier formula
    summary: S.
    body: B.
    date: '2016'
    sources: [s]
    reviewed: '2026-11-25'
  - id: visit
    title: Steinmeier's Moscow visit
    aliases: [Steinmeier]
    summary: S.
    body: B.
    date: '2016'
    sources: [s]
    reviewed: '2026-11-25'
  - id: article
    title: The Front Lines of Peace
    aliases: ['The Front Lines of Peace: Four key obstacles stand in the way of a Kyiv-Moscow truce']
    summary: S.
    body: B.
    date: '2024'
    sources: [s]
    reviewed: '2026-11-25'
`;
  let small: Core;
  beforeAll(() => {
    small = createCore(
      parseKnowledge([
        { file: 'meta.yaml', text: meta },
        { file: 'events.yaml', text: entries },
      ]),
    );
  });

  it('prefers an exact keyword over a name the query is only the start of', () => {
    expect(foundId(small.lookup('bucha'))).toBe('istanbul-talks');
    expect(foundId(small.lookup('bucharest'))).toBe('capitals');
  });

  it('finds a name whose words come in another order over a shorter name said word for word', () => {
    expect(foundId(small.lookup('formula steinmeier'))).toBe('formula');
    expect(foundId(small.lookup('what was the formula of steinmeier'))).toBe('formula');
    // One of the name's words is no sign of it: the shorter name said in full still wins.
    expect(foundId(small.lookup('steinmeier'))).toBe('visit');
    expect(foundId(small.lookup('peace front'))).toBeUndefined();
  });

  it('treats one word of a long name as a suggestion, not an answer', () => {
    const result = small.lookup('kyiv');
    expect(result.status).toBe('not-found');
    expect(result.status === 'not-found' && result.suggestions.map((c) => c.entry.id)).toContain(
      'article',
    );
  });
});
