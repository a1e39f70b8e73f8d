/**
 * Run in a fresh process by bench/lookup.ts: prints how long a cold load + validate + index takes,
 * in ms. With a cache file argument it uses the YAML parse cache, as `npm start` does.
 */
import path from 'node:path';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';

const cacheFile = process.argv[2];
const start = performance.now();
createCore(
  await loadKnowledgeDir(
    path.join(import.meta.dirname, '..', 'knowledge'),
    cacheFile ? { parseCacheFile: cacheFile } : {},
  ),
);
process.stdout.write(`${(performance.now() - start).toFixed(2)}\n`);
