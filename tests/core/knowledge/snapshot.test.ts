import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCore, type Knowledge, loadKnowledgeDir } from '../../../src/core/index.ts';

// The start-up snapshot keeps the validated knowledge and its built lookup index between runs. These
// tests load the shipped knowledge from a copy, so a test can edit a file.
const root = path.join(import.meta.dirname, '..', '..', '..');
const questions = (
  parse(readFileSync(path.join(root, 'tests', 'fixtures', 'fact-questions.yaml'), 'utf8')) as {
    questions: { question: string }[];
  }
).questions.map((q) => q.question);

function copyKnowledge(): { dir: string; file: string } {
  const work = mkdtempSync(path.join(tmpdir(), 'trucebrief-snapshot-'));
  const dir = path.join(work, 'knowledge');
  cpSync(path.join(root, 'knowledge'), dir, { recursive: true });
  return { dir, file: path.join(work, 'data', 'knowledge-snapshot.bin') };
}

/** Every question's answer, as the chat would get it: entry, fact, status and confidence. */
function answers(knowledge: Knowledge): string[] {
  const core = createCore(knowledge);
  // The last one links its entry by a distinctive word of its name, which the snapshot keeps.
  return [
    ...questions,
    'kerch brige opend when',
    'хто підписав будапештський меморандум',
    'when did arakhamia say budapest is invalid',
  ].map((question) => {
    const result = core.lookup(question);
    return JSON.stringify([
      result.status,
      result.status === 'found' ? [result.entry.id, result.fact?.id, result.confidence] : [],
      result.status === 'not-found' ? [] : result.suggestedFacts,
    ]);
  });
}

describe('the start-up snapshot', () => {
  it('is written once the index is built, and a restart reads both back and answers alike', async () => {
    const { dir, file } = copyKnowledge();
    const options = { snapshot: { file, codeKey: 'build-1' } };
    const first = await loadKnowledgeDir(dir, options);
    expect(first.indexCache?.data).toBeUndefined();
    const fresh = answers(first);
    expect(existsSync(file)).toBe(true);

    const second = await loadKnowledgeDir(dir, options);
    expect(second.indexCache?.data).toBeDefined();
    expect(second.entries.map((entry) => entry.id)).toEqual(first.entries.map((entry) => entry.id));
    expect(second.coverageEnd).toBe(first.coverageEnd);
    expect(answers(second)).toEqual(fresh);
  });

  it('is not read after a knowledge file changes, nor by other code', async () => {
    const { dir, file } = copyKnowledge();
    answers(await loadKnowledgeDir(dir, { snapshot: { file, codeKey: 'build-1' } }));
    expect(
      (await loadKnowledgeDir(dir, { snapshot: { file, codeKey: 'build-2' } })).indexCache?.data,
    ).toBeUndefined();

    const places = path.join(dir, 'places.yaml');
    writeFileSync(places, `${readFileSync(places, 'utf8')}\n# edited\n`);
    const edited = await loadKnowledgeDir(dir, { snapshot: { file, codeKey: 'build-1' } });
    expect(edited.indexCache?.data).toBeUndefined();
    // Loaded and validated as usual, and the snapshot is rewritten for the new texts.
    answers(edited);
    expect(
      (await loadKnowledgeDir(dir, { snapshot: { file, codeKey: 'build-1' } })).indexCache?.data,
    ).toBeDefined();
  });

  it('passes over a damaged snapshot and one that cannot be written', async () => {
    const { dir, file } = copyKnowledge();
    const options = { snapshot: { file, codeKey: 'build-1' } };
    const fresh = answers(await loadKnowledgeDir(dir, options));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const damaged = await loadKnowledgeDir(dir, options);
    expect(damaged.indexCache?.data).toBeUndefined();
    expect(answers(damaged)).toEqual(fresh);

    // A "directory" that is a file: nothing can be written under it, and nothing throws.
    const blocked = { snapshot: { file: path.join(file, 'snapshot.bin'), codeKey: 'build-1' } };
    expect(answers(await loadKnowledgeDir(dir, blocked))).toEqual(fresh);
  });
});
