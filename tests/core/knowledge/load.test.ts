import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../../src/core/index.ts';
import { formatProblem } from '../../../src/core/knowledge/errors.ts';
import { parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import { fixtureKnowledge } from '../../helpers/fixture-core.ts';

const meta = `meta:
  asOf: '2026-11-25'
  title: Test
  attribution: Test
sources:
  - id: src-a
    title: Source A
    url: https://example.org/a
`;

const agreement = (fields: string) => `agreements:
  - id: budapest-memorandum
    title: Budapest Memorandum
    summary: Assurances.
    body: Body.
    signed: '1994-12-05'
    sources: [src-a]
    reviewed: '2026-11-25'
${fields}`;

function problemsOf(files: { file: string; text: string }[]): string[] {
  try {
    parseKnowledge(files);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the knowledge to be rejected');
}

describe('parseKnowledge', () => {
  it('given valid knowledge, returns frozen, typed entries', async () => {
    const knowledge = await fixtureKnowledge();
    const budapest = knowledge.byId.get('budapest-memorandum');
    expect(budapest?.kind).toBe('agreement');
    expect(Object.isFrozen(budapest)).toBe(true);
    expect(Object.isFrozen(budapest?.facts)).toBe(true);
    expect(knowledge.meta.asOf).toBe('2026-11-25');
  });

  it('given a malformed date, names the file, the line and the field', () => {
    const text = agreement('').replace("signed: '1994-12-05'", "signed: '5 Dec 1994'");
    const problems = problemsOf([
      { file: 'knowledge/meta.yaml', text: meta },
      { file: 'knowledge/agreements.yaml', text },
    ]);
    expect(problems).toEqual([
      'knowledge/agreements.yaml:6 agreements[0].signed: expected a date like 1994-12-05 (or 1994-12, or 1994)',
    ]);
  });

  it('reports every problem at once, across files', () => {
    const text = agreement(`    related: [no-such-entry]
    facts:
      - id: signed
        statement: Signed.
        source: no-such-source
  - id: Bad Id
    title: Other
    summary: S.
    body: B.
    signed: '2003'
    sources: [src-a]
    reviewed: '2026-11-25'
`);
    const problems = problemsOf([
      { file: 'k/meta.yaml', text: meta },
      { file: 'k/agreements.yaml', text },
      { file: 'k/places.yaml', text: 'places:\n  - id: crimea\n    title: Crimea\n' },
    ]);
    expect(problems).toEqual([
      'k/agreements.yaml:9 agreements[0].related[0]: unknown entry id "no-such-entry"',
      'k/agreements.yaml:13 agreements[0].facts[0].source: unknown source id "no-such-source"',
      'k/agreements.yaml:14 agreements[1].id: expected a kebab-case id like budapest-memorandum',
      'k/places.yaml:2 places[0].summary: required field is missing',
      'k/places.yaml:2 places[0].body: required field is missing',
      'k/places.yaml:2 places[0].sources: required field is missing',
      'k/places.yaml:2 places[0].reviewed: required field is missing',
    ]);
  });

  it('given a reference to a missing entry or source, names the field that holds it', () => {
    const text = agreement(`    related: [no-such-entry]
    facts:
      - id: signed
        statement: Signed.
        source: no-such-source
`);
    const problems = problemsOf([
      { file: 'meta.yaml', text: meta },
      { file: 'agreements.yaml', text },
    ]);
    expect(problems).toEqual([
      'agreements.yaml:9 agreements[0].related[0]: unknown entry id "no-such-entry"',
      'agreements.yaml:13 agreements[0].facts[0].source: unknown source id "no-such-source"',
    ]);
  });

  it('rejects a duplicate id and says where the first one is', () => {
    const text = agreement('');
    const problems = problemsOf([
      { file: 'meta.yaml', text: meta },
      { file: 'a.yaml', text },
      { file: 'b.yaml', text },
    ]);
    expect(problems).toEqual([
      'b.yaml:2 agreements[0].id: duplicate id "budapest-memorandum" (first defined at a.yaml:2)',
    ]);
  });

  it('rejects two entries sharing an alias', () => {
    const text = `${agreement('    aliases: [Minsk]\n')}  - id: minsk-ii
    title: Minsk II
    aliases: [minsk]
    summary: S.
    body: B.
    signed: '2015-02-12'
    sources: [src-a]
    reviewed: '2026-11-25'
`;
    const problems = problemsOf([
      { file: 'meta.yaml', text: meta },
      { file: 'a.yaml', text },
    ]);
    expect(problems).toEqual([
      'a.yaml:12 agreements[1].aliases[0]: "minsk" is already a name of "budapest-memorandum"',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf([
      { file: 'meta.yaml', text: meta },
      { file: 'bad.yaml', text: 'agreements:\n  - id: x\n   title: [unclosed\n' },
    ]);
    expect(problems[0]).toMatch(/^bad\.yaml:\d+: YAML syntax: /);
  });

  it('rejects an unknown section and an unknown field', () => {
    const problems = problemsOf([
      { file: 'meta.yaml', text: meta },
      { file: 'a.yaml', text: `${agreement('    signedOn: x\n')}treaties: []\n` },
    ]);
    expect(problems).toContain('a.yaml:9 agreements[0].signedOn: unknown field');
    expect(problems.some((p) => p.startsWith('a.yaml:10 treaties: unknown section'))).toBe(true);
  });

  it('keeps the zod error as the cause', () => {
    try {
      parseKnowledge([{ file: 'a.yaml', text: 'places:\n  - id: x\n' }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      expect((error as KnowledgeError).code).toBe('KNOWLEDGE_INVALID');
      expect((error as KnowledgeError).cause).toBeDefined();
    }
  });
});
