/**
 * Run in a fresh process by bench/lookup.ts: prints how long a cold load + validate takes (the
 * lookup index is built on first use, or when the process is first idle), and how long until a
 * first question is answered, in ms. With a cache file argument (`-` for
 * none) it uses the YAML parse cache; a second argument names another knowledge directory (the
 * generated 10x knowledge); a third, `snapshot`, adds the start-up snapshot beside the cache file,
 * as the compiled bot keeps it (keyed here to the bench, which runs from the sources).
 */
import path from 'node:path';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';

const cacheFile = process.argv[2] === '-' ? undefined : process.argv[2];
const knowledgeDir = process.argv[3] ?? path.join(import.meta.dirname, '..', 'knowledge');
const snapshot =
  cacheFile && process.argv[4] === 'snapshot'
    ? { file: path.join(path.dirname(cacheFile), 'snapshot.bin'), codeKey: 'bench' }
    : undefined;
const start = performance.now();
const core = createCore(
  await loadKnowledgeDir(knowledgeDir, {
    ...(cacheFile ? { parseCacheFile: cacheFile } : {}),
    ...(snapshot ? { snapshot } : {}),
  }),
);
const ready = performance.now() - start;
// The first question, asked at once: it pays for the question index if the warm-up has not run.
core.lookup('when was minsk 2 signed');
const answered = performance.now() - start;
process.stdout.write(`${ready.toFixed(2)} ${answered.toFixed(2)}\n`);
