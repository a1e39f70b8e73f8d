/** Run in a fresh process by bench/lookup.ts: prints how long a cold load + validate + index takes, in ms. */
import path from 'node:path';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';

const start = performance.now();
createCore(await loadKnowledgeDir(path.join(import.meta.dirname, '..', 'knowledge')));
process.stdout.write(`${(performance.now() - start).toFixed(2)}\n`);
