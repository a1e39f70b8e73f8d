import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Knowledge, loadKnowledgeDir } from '../../src/core/index.ts';
import { fixtureKnowledgeDir } from './fixture-core.ts';

/** A copy of the fixture knowledge an editor can change, as they would on disk. */
export interface EditableKnowledge {
  readonly dir: string;
  load(): Promise<Knowledge>;
  /** Replaces text in one file, failing when the text is not there. */
  edit(file: string, from: string, to: string): Promise<void>;
  remove(): Promise<void>;
}

/** Copies the fixture knowledge into a temporary directory. */
export async function editableKnowledge(): Promise<EditableKnowledge> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-knowledge-'));
  await cp(fixtureKnowledgeDir, dir, { recursive: true });
  return {
    dir,
    load: () => loadKnowledgeDir(dir),
    async edit(file, from, to) {
      const full = path.join(dir, file);
      const text = await readFile(full, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not hold: ${from}`);
      await writeFile(full, text.replace(from, to));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
