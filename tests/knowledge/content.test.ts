import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Knowledge, loadKnowledgeDir } from '../../src/core/index.ts';
import type { Entry } from '../../src/core/knowledge/schema.ts';

const knowledgeDir = path.join(import.meta.dirname, '..', '..', 'knowledge');

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledgeDir(knowledgeDir);
});

const fold = (name: string) => name.normalize('NFKC').toLocaleLowerCase('en').trim();

function entriesOf<K extends Entry['kind']>(kind: K): Extract<Entry, { kind: K }>[] {
  return knowledge.entries.filter(
    (entry): entry is Extract<Entry, { kind: K }> => entry.kind === kind,
  );
}

describe('the knowledge base', () => {
  it('validates, with an as-of date', () => {
    expect(knowledge.entries.length).toBeGreaterThan(0);
    expect(knowledge.meta.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives every source an https URL', () => {
    for (const source of knowledge.sources.values()) {
      expect(new URL(source.url).protocol, `${source.id}: ${source.url}`).toBe('https:');
    }
  });

  it('cites no Wikipedia mirror: Wikipedia sources are canonical en.wikipedia.org pages', () => {
    for (const source of knowledge.sources.values()) {
      if (/wiki/i.test(source.url) && !/wikipedia\.org/.test(source.url)) {
        expect.fail(`${source.id} looks like a wiki mirror: ${source.url}`);
      }
      if (/wikipedia\.org/.test(source.url)) {
        expect(source.url, source.id).toMatch(/^https:\/\/en\.wikipedia\.org\/wiki\//);
      }
    }
  });

  it('gives every entry a source, a review date and a summary', () => {
    for (const entry of knowledge.entries) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      for (const id of entry.sources)
        expect(knowledge.sources.has(id), `${entry.id}: ${id}`).toBe(true);
      expect(entry.reviewed, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.summary.trim(), entry.id).not.toBe('');
    }
  });

  it('gives every fact a source that resolves to a URL', () => {
    for (const entry of knowledge.entries) {
      for (const fact of entry.facts) {
        const source = knowledge.sources.get(fact.source);
        expect(source, `${entry.id}: "${fact.statement}" cites ${fact.source}`).toBeDefined();
        expect(source?.url, fact.source).toMatch(/^https?:\/\//);
      }
    }
  });

  it('resolves every related id and every obstacle an agreement bears on', () => {
    for (const entry of knowledge.entries) {
      for (const id of entry.related)
        expect(knowledge.byId.has(id), `${entry.id} -> ${id}`).toBe(true);
      expect(entry.related, `${entry.id} relates to itself`).not.toContain(entry.id);
    }
    for (const agreement of entriesOf('agreement')) {
      for (const id of agreement.obstacles) {
        expect(knowledge.byId.get(id)?.kind, `${agreement.id} -> ${id}`).toBe('obstacle');
      }
    }
  });

  it('gives no two entries the same title or alias (case-insensitive)', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of knowledge.entries) {
      for (const name of new Set([entry.title, ...entry.aliases].map(fold))) {
        const owner = owners.get(name);
        if (owner && owner !== entry.id) clashes.push(`"${name}": ${owner} and ${entry.id}`);
        owners.set(name, entry.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives every agreement a signed fact and a signatories fact, dated', () => {
    const agreements = entriesOf('agreement');
    expect(agreements.length).toBeGreaterThanOrEqual(12);
    for (const agreement of agreements) {
      const signed = agreement.facts.filter((fact) => fact.topic === 'signed');
      const signatories = agreement.facts.filter((fact) => fact.topic === 'signatories');
      expect(signed.length, `${agreement.id} has no signed fact`).toBeGreaterThan(0);
      expect(signatories.length, `${agreement.id} has no signatories fact`).toBeGreaterThan(0);
      expect(signed[0]?.date, `${agreement.id}: the signed fact is undated`).toBe(agreement.signed);
      expect(agreement.signatories.length, agreement.id).toBeGreaterThan(0);
    }
  });

  it('numbers the four obstacles 1 to 4 and attributes each to Andreas Umland', () => {
    const obstacles = entriesOf('obstacle').sort((a, b) => a.number - b.number);
    expect(obstacles.map((obstacle) => obstacle.number)).toEqual([1, 2, 3, 4]);
    for (const obstacle of obstacles) {
      expect(obstacle.author, obstacle.id).toBe('andreas-umland');
      expect(obstacle.body, obstacle.id).toMatch(/Umland/);
      expect(obstacle.points.length, obstacle.id).toBeGreaterThan(0);
      expect(obstacle.wouldChange.length, obstacle.id).toBeGreaterThan(0);
      expect(obstacle.sources, obstacle.id).toContain('umland-front-lines-of-peace');
    }
    expect(knowledge.byId.get('andreas-umland')?.kind).toBe('actor');
  });

  it('cites the article by author, title and publication, at the publication site only', () => {
    const article = knowledge.sources.get('umland-front-lines-of-peace');
    expect(article?.author).toBe('Andreas Umland');
    expect(article?.title).toMatch(/The Front Lines of Peace/);
    expect(article?.url).toBe('https://www.americanpurpose.com/');
  });

  it('follows the record where the article differs', () => {
    const statements = knowledge.entries.flatMap((entry) =>
      entry.facts.map((fact) => fact.statement),
    );
    expect(statements.some((s) => /six Ukrainian administrative units/.test(s))).toBe(true);
    const bridge = knowledge.byId.get('kerch-bridge');
    const opened = bridge?.facts.find((fact) => fact.topic === 'opened');
    expect(opened?.date).toBe('2018-05-15');
    expect(knowledge.byId.get('sceeus')?.title).toBe(
      'Stockholm Centre for Eastern European Studies',
    );
  });

  it('covers what issue 3 asks for', () => {
    const required = [
      'belovezha-accords',
      'budapest-memorandum',
      'friendship-treaty-1997',
      'black-sea-fleet-partition',
      'border-treaty-2003',
      'azov-kerch-treaty',
      'kharkiv-pact',
      'minsk-protocol',
      'minsk-memorandum',
      'minsk-ii',
      'normandy-format',
      'steinmeier-formula',
      'istanbul-talks-2022',
      'black-sea-grain-initiative',
      'crimea',
      'sevastopol',
      'donetsk-oblast',
      'luhansk-oblast',
      'zaporizhzhia-oblast',
      'kherson-oblast',
      'kerch-bridge',
      'transnistria',
      'abkhazia',
      'south-ossetia',
      'transfer-of-crimea-1954',
      'independence-declaration-1991',
      'independence-referendum-1991',
      'annexation-of-crimea',
      'unga-68-262',
      'unga-es-11-4',
      'recognition-dpr-lpr',
      'full-scale-invasion',
      'annexation-2022',
      'liberation-of-kherson',
      'russo-georgian-war',
      'verkhovna-rada',
      'constitution-of-ukraine',
      'russia-constitution-2020',
      'andreas-umland',
      'sceeus',
      'american-purpose',
      'front-lines-of-peace',
      'east-central-european-capitals',
    ];
    const missing = required.filter((id) => !knowledge.byId.has(id));
    expect(missing).toEqual([]);
  });

  it('dates enough facts for a timeline', () => {
    const dated = knowledge.entries.flatMap((entry) => entry.facts.filter((fact) => fact.date));
    expect(dated.length).toBeGreaterThan(100);
  });
});
