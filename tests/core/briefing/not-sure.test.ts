/**
 * A reply that is not sure: when a question was asked, the facts that come closest to answering it
 * lead, and the entries its words also name follow as "did you mean".
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeAmbiguous, quickAnswer } from '../../../src/core/briefing/compose.ts';
import { type Knowledge, loadKnowledgeDir } from '../../../src/core/index.ts';
import type { Candidate, FactCandidate } from '../../../src/core/lookup/result.ts';

let knowledge: Knowledge;
let candidates: Candidate[];
let closest: FactCandidate[];
beforeAll(async () => {
  knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '../../../knowledge'));
  const entry = (id: string) => {
    const found = knowledge.entries.find((e) => e.id === id);
    if (!found) throw new Error(`no entry ${id}`);
    return found;
  };
  candidates = [
    { entry: entry('black-sea-grain-initiative'), confidence: 0.6 },
    { entry: entry('verkhovna-rada'), confidence: 0.6 },
  ];
  const fedorov = entry('mykhailo-fedorov');
  const office = fedorov.facts.find((f) => f.topic === 'office');
  if (!office) throw new Error('no office fact');
  closest = [{ entry: fedorov, fact: office, confidence: 0.8 }];
});

describe('a reply that is not sure', () => {
  it('leads with the closest facts, then the entries, when a question was asked', () => {
    const briefing = composeAmbiguous(
      'who is the defence minister of ukraine',
      candidates,
      knowledge,
      closest,
    );
    const types = briefing.blocks.map((block) => block.type);
    expect(types.indexOf('facts')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('facts')).toBeLessThan(types.indexOf('list'));
    expect(briefing.title).toContain('Not sure');
  });

  it('asks which entry was meant when nothing comes close to an answer', () => {
    const briefing = composeAmbiguous('minsk', candidates, knowledge);
    expect(briefing.title).toBe('Which one did you mean?');
    expect(briefing.blocks.map((block) => block.type)).not.toContain('facts');
  });

  it('does not say no fact answers when it offers the closest ones, which often do', () => {
    const fedorov = closest[0]?.entry;
    if (!fedorov) throw new Error('no closest fact');
    const asked = {
      status: 'found',
      query: 'q',
      entry: fedorov,
      confidence: 0.9,
      asked: true,
      alternatives: [],
    } as const;
    const offering = quickAnswer({ ...asked, suggestedFacts: closest }, knowledge);
    expect(offering).toMatch(
      /^Not sure any fact on Mykhailo Fedorov answers that\. Closest facts: /,
    );
    expect(offering).not.toContain('no fact');
    // With nothing to offer, it says that nothing answers.
    expect(quickAnswer({ ...asked, suggestedFacts: [] }, knowledge)).toBe(
      'Not sure: no fact on Mykhailo Fedorov in the knowledge answers that directly.',
    );
  });

  it('gives the closest fact before the entries in a one-line answer', () => {
    const line = quickAnswer(
      { status: 'ambiguous', query: 'q', candidates, suggestedFacts: closest },
      knowledge,
    );
    expect(line.indexOf('Fedorov')).toBeGreaterThan(-1);
    expect(line.indexOf('Fedorov')).toBeLessThan(line.indexOf('Black Sea Grain Initiative'));
  });
});
