/**
 * Run in a fresh process by bench/lookup.ts: the latency of the timed evaluation questions, each
 * once, after the warm-up questions `longRunRounds` times over, for one finder (`trucebrief` or
 * `minisearch`). Prints p50 and p99 in µs. A process of its own, so nothing the main bench run
 * looked up (not even a word the tokenizer keeps) is seen before the timed questions.
 */
import path from 'node:path';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';
import {
  coreFinder,
  latency,
  longRunRounds,
  miniSearchFinder,
  queryMix,
  warmUpQueries,
} from './lookup.ts';

const core = createCore(await loadKnowledgeDir(path.join(import.meta.dirname, '..', 'knowledge')));
const find =
  process.argv[2] === 'minisearch' ? miniSearchFinder(core.knowledge.entries) : coreFinder(core);
const warmUp = warmUpQueries();
const timed = await latency(
  find,
  queryMix(),
  Array.from({ length: longRunRounds }, () => warmUp).flat(),
);
process.stdout.write(`${timed.p50.toFixed(1)} ${timed.p99.toFixed(1)}\n`);
