import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledgeDir } from '../../../src/core/index.ts';
import { formatProblem } from '../../../src/core/knowledge/errors.ts';
import { fixtureKnowledgeDir } from '../../helpers/fixture-core.ts';

function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-knowledge-'));
  for (const name of [
    'meta.yaml',
    'actors.yaml',
    'obstacles.yaml',
    'agreements.yaml',
    'places.yaml',
  ]) {
    writeFileSync(path.join(dir, name), readFileSync(path.join(fixtureKnowledgeDir, name), 'utf8'));
  }
  return dir;
}

describe('the YAML parse cache', () => {
  it('is written on first load and gives the same knowledge on the next', async () => {
    const dir = copyFixture();
    const cacheFile = path.join(dir, 'cache', 'parse.json');
    const first = await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(cache.files)).toHaveLength(5);
    const second = await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    expect(second.entries).toEqual(first.entries);
    expect(second.meta).toEqual(first.meta);
  });

  it('reads an edited file afresh instead of its stale cached parse', async () => {
    const dir = copyFixture();
    const cacheFile = path.join(dir, 'parse.json');
    await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    const file = path.join(dir, 'places.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Ukrainian peninsula annexed', 'Peninsula annexed'),
    );
    const knowledge = await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    expect(knowledge.byId.get('crimea')?.summary).toBe('Peninsula annexed by Russia in 2014.');
  });

  it('still validates cached data and locates problems by line', async () => {
    const dir = copyFixture();
    const cacheFile = path.join(dir, 'parse.json');
    await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    // A reference to a missing entry is caught by validation, not by parsing: the cache cannot hide it.
    const file = path.join(dir, 'actors.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('sources: [umland-front-lines]', 'sources: [nowhere]'),
    );
    await loadKnowledgeDir(dir, { parseCacheFile: cacheFile }).catch(() => undefined);
    try {
      await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      expect((error as KnowledgeError).problems.map(formatProblem)).toEqual([
        `${path.relative(process.cwd(), file)}:9 actors[0].sources[0]: unknown source id "nowhere"`,
      ]);
    }
  });

  it('ignores a corrupt cache', async () => {
    const dir = copyFixture();
    const cacheFile = path.join(dir, 'parse.json');
    writeFileSync(cacheFile, '{ not json');
    const knowledge = await loadKnowledgeDir(dir, { parseCacheFile: cacheFile });
    expect(knowledge.byId.has('budapest-memorandum')).toBe(true);
  });
});
