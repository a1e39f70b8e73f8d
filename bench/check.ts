/**
 * The claim checker on long chat messages: 300 distinct messages of about 4,000 characters (the
 * most it reads), each stitched from the eval's chat messages in a seeded order, so no two are the
 * same and none is answered from a cache. Reported: the first check in a fresh process right after
 * start-up (the lookup index built by that call), the first check once start-up's idle warm-up has
 * run, as a running bot meets it, and the steady state. The target is under 50 ms a message.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { createCore, loadKnowledgeDir, warmUpDelayMs } from '../src/core/index.ts';
import { seededRandom } from './queries.ts';
import { fixed, summarise } from './stats.ts';

const repoRoot = path.join(import.meta.dirname, '..');
const messageCount = 300;
const targetChars = 4000;

function chatMessages(): string[] {
  return ['messages-dev.yaml', 'messages-holdout.yaml'].flatMap((file) => {
    const parsed = parse(readFileSync(path.join(repoRoot, 'eval', 'check', file), 'utf8')) as {
      messages: { text: string }[];
    };
    return parsed.messages.map((message) => message.text);
  });
}

/** Messages of about 4,000 characters, each a different seeded draw of chat messages. */
function longMessages(pieces: readonly string[]): string[] {
  const random = seededRandom(4000);
  return Array.from({ length: messageCount }, () => {
    let text = '';
    while (text.length < targetChars) {
      text += `${pieces[Math.floor(random() * pieces.length)] ?? ''} `;
    }
    return text.slice(0, targetChars);
  });
}

/**
 * In a fresh process (this file with `--probe`): how long the first check of a long message takes,
 * right after start-up (`cold`) or once start-up's idle warm-up has run (`warm`), in ms.
 */
async function probe(mode: 'cold' | 'warm'): Promise<number> {
  const knowledge = await loadKnowledgeDir(path.join(repoRoot, 'knowledge'));
  const [message = ''] = longMessages(chatMessages());
  const core = createCore(knowledge);
  if (mode === 'warm') {
    // What a running bot has done before anyone checks a message: create-core.ts warms the index
    // and the checker up this long after start-up.
    await new Promise((resolve) => setTimeout(resolve, warmUpDelayMs + 50));
  }
  const started = performance.now();
  core.check(message);
  return performance.now() - started;
}

function probeInFreshProcess(mode: 'cold' | 'warm'): number {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--probe', mode],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return Number(output.trim());
}

/** Runs the checker benchmark and returns report lines for bench/run.ts. */
export async function benchCheck(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(path.join(repoRoot, 'knowledge'));
  const messages = longMessages(chatMessages());
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  const coldMs = median([0, 1, 2].map(() => probeInFreshProcess('cold')));
  const warmMs = median([0, 1, 2].map(() => probeInFreshProcess('warm')));
  const core = createCore(knowledge);
  const samples = messages.map((message) => {
    const at = performance.now();
    core.check(message);
    return performance.now() - at;
  });
  // The first runs are the unoptimised ones the probes measure; the steady state is what follows.
  const steady = summarise(samples.slice(20));
  return [
    `${messageCount} distinct messages of ${targetChars.toLocaleString('en-GB')} characters, stitched from the eval's chat messages; target under 50 ms a message. First checks: each the median of 3 fresh processes.`,
    '',
    '| case | ms |',
    '|---|---:|',
    `| first check right after start-up (builds the lookup index) | ${fixed(coldMs)} |`,
    `| first check once start-up's idle warm-up has run | ${fixed(warmMs)} |`,
    `| steady state p50 | ${fixed(steady.p50)} |`,
    `| steady state p99 | ${fixed(steady.p99)} |`,
  ];
}

// `tsx bench/check.ts` runs it alone; `--probe cold|warm` is one fresh-process measurement.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, mode] = process.argv.slice(2);
  if (flag === '--probe' && (mode === 'cold' || mode === 'warm')) {
    process.stdout.write(`${(await probe(mode)).toFixed(2)}\n`);
  } else {
    for (const line of await benchCheck()) console.log(line);
  }
}
