import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fuse from 'fuse.js';
import { parse } from 'yaml';
import { createCore, type Entry, loadKnowledgeDir } from '../src/core/index.ts';
import { fixed, summarise, timeMicros } from './stats.ts';

const repo = path.join(import.meta.dirname, '..');

function warmUpQueries(): string[] {
  const file = path.join(repo, 'tests', 'fixtures', 'fact-questions.yaml');
  return (parse(readFileSync(file, 'utf8')) as { questions: { question: string }[] }).questions.map(
    (q) => q.question,
  );
}

/**
 * The query mix: every distinct question of the evaluation sets (names, typos, transliterations,
 * English, Ukrainian and Russian questions, off-topic), so no answer is a cache hit of another.
 */
function queryMix(): string[] {
  const dir = path.join(repo, 'eval', 'questions');
  const questions = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => parse(readFileSync(path.join(dir, name), 'utf8')) as { q: string }[])
    .map((c) => c.q);
  // Every third distinct question: enough for stable percentiles, short enough for fuse.js on
  // default options, which takes milliseconds a query over every field.
  return [...new Set(questions)].filter((_, i) => i % 3 === 0);
}

/** Start-up and lookup latency, side by side with fuse.js on default options over every field. */
export async function benchLookup(): Promise<string[]> {
  const lines: string[] = [];
  const knowledgeDir = path.join(repo, 'knowledge');

  const startups: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = process.hrtime.bigint();
    createCore(await loadKnowledgeDir(knowledgeDir));
    startups.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const startup = summarise(startups);
  // What `npm start` pays: a fresh process, nothing compiled yet by the JIT; with the YAML parse
  // cache warm (as after the first start), and without it (the very first start, or edited files).
  const probeBoth = (args: string[]) =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'bench', 'startup-probe.ts'), ...args],
      { encoding: 'utf8' },
    )
      .trim()
      .split(' ')
      .map(Number);
  const firstAnswers: number[] = [];
  const probe = (args: string[]) => {
    const [ready = 0, answered = 0] = probeBoth(args);
    if (args.length > 0) firstAnswers.push(answered);
    return ready;
  };
  const cacheFile = path.join(
    mkdtempSync(path.join(tmpdir(), 'trucebrief-bench-')),
    'parse-cache.json',
  );
  probe([cacheFile]);
  const cold = summarise(Array.from({ length: 7 }, () => probe([cacheFile])));
  const uncached = summarise(Array.from({ length: 5 }, () => probe([])));
  const core = createCore(await loadKnowledgeDir(knowledgeDir));
  const entries: readonly Entry[] = core.knowledge.entries;

  const baselineBuild: number[] = [];
  let baseline = new Fuse(entries, {
    keys: ['title', 'aliases', 'keywords', 'summary', 'body', 'facts.statement'],
  });
  for (let i = 0; i < 15; i++) {
    baselineBuild.push(
      timeMicros(() => {
        baseline = new Fuse(entries, {
          keys: ['title', 'aliases', 'keywords', 'summary', 'body', 'facts.statement'],
        });
      }) / 1000,
    );
  }

  const queries = queryMix();
  const rounds = 1;
  // Warm both up on other questions (the fact-question fixture), so the JIT has compiled the hot
  // paths but no answer, spelling correction or word is cached from the questions measured.
  for (const query of warmUpQueries()) {
    core.lookup(query);
    baseline.search(query);
  }
  // Each side in its own pass: interleaved, fuse.js's garbage would be collected on our time.
  const ours = queries.map((query) => timeMicros(() => core.lookup(query)));
  const theirs = queries.map((query) => timeMicros(() => baseline.search(query)));
  const a = summarise(ours);
  const b = summarise(theirs);
  const strings = entries.reduce(
    (n, e) => n + 3 + e.aliases.length + e.keywords.length + e.facts.length,
    0,
  );

  lines.push(
    `knowledge: ${entries.length} entries, ${strings} indexed strings in the baseline; ${queries.length} queries x ${rounds} rounds`,
  );
  lines.push('');
  lines.push('start-up (load + validate + index), ms      p50       p99');
  lines.push(`  trucebrief core, fresh process (x7)   ${fixed(cold.p50, 2)} ${fixed(cold.p99, 2)}`);
  lines.push(
    `    same, no YAML parse cache (x5)      ${fixed(uncached.p50, 2)} ${fixed(uncached.p99, 2)}`,
  );
  const first = summarise(firstAnswers);
  lines.push(
    `    first question answered (x8)        ${fixed(first.p50, 2)} ${fixed(first.p99, 2)}  (question index built on first use)`,
  );
  lines.push(
    `  warm process, no parse cache (x15)    ${fixed(startup.p50, 2)} ${fixed(startup.p99, 2)}`,
  );
  const bb = summarise(baselineBuild);
  lines.push(`  fuse.js default index (after load)    ${fixed(bb.p50, 2)} ${fixed(bb.p99, 2)}`);
  lines.push('');
  lines.push('lookup latency, µs                          p50       p99      mean');
  lines.push(
    `  trucebrief lookup                     ${fixed(a.p50)} ${fixed(a.p99)} ${fixed(a.mean)}`,
  );
  lines.push(
    `  fuse.js, default options, all fields  ${fixed(b.p50)} ${fixed(b.p99)} ${fixed(b.mean)}`,
  );
  lines.push(
    `  ratio (fuse.js / trucebrief)          ${fixed(b.p50 / a.p50)}x ${fixed(b.p99 / a.p99)}x`,
  );
  lines.push('');
  lines.push(
    `targets: start-up < 300 ms (fresh process p99 ${cold.p99 < 300 ? 'met' : 'MISSED'}), lookup p99 < 1000 µs (${a.p99 < 1000 ? 'met' : 'MISSED'})`,
  );
  return lines;
}
