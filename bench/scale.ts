/**
 * Instances side by side: signed Slack slash commands (a stream of distinct queries) against one
 * bot process, then against two bot processes sharing one store, with the same 50 connections in
 * total (split evenly between the two). Each process is the real entry point (`src/main.ts`) in
 * Slack's HTTP mode, as a deployment behind a load balancer runs it; the store is PostgreSQL when
 * DATABASE_URL is set, else one SQLite file both processes open. The daily fan-out across
 * instances against the shared send budget is in bench/daily.ts.
 *
 * On this 2-core machine the load generator takes its share of the CPU too, so two instances
 * cannot double the throughput here; the ratio says how much of the second core the second
 * instance turns into answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeDir } from '../src/core/index.ts';
import { createFakeSlack } from '../tests/fakes/fake-slack.ts';
import { freePort } from '../tests/helpers/free-port.ts';
import { commandQueries } from './queries.ts';
import { bodyOf, type LoadResult, runLoad, signingSecret } from './slack.ts';

const repoRoot = path.join(import.meta.dirname, '..');
const connections = 50;
const rounds = 3;
const streamLength = 12_000;
const streamSeed = 41;

/** Starts one bot process; resolves with its port once it serves. */
async function startInstance(env: Readonly<Record<string, string>>): Promise<{
  port: number;
  child: ChildProcess;
}> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a bot process exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`a bot process did not start:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { port, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Requests a second over the round's measured time, summed over the instances loaded at once. */
function throughput(results: readonly LoadResult[]): number {
  return results.reduce((sum, r) => sum + r.requests / r.seconds, 0);
}

/** Runs the comparison and returns report lines for bench/run.ts. */
export async function benchScale(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(path.join(repoRoot, 'knowledge'));
  const queries = commandQueries(knowledge.entries, streamLength, streamSeed);
  const fake = await createFakeSlack();
  const responseUrl = fake.responseUrl('bench-scale');
  const bodies = queries.map((query) => bodyOf(query, responseUrl));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trucebrief-bench-scale-'));
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench-scale',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: dataDir,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  const store = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'one SQLite file';
  const instances = [await startInstance(env), await startInstance(env)];
  let run = 0;
  try {
    const one: number[] = [];
    const two: number[] = [];
    const p99: { one: number[]; two: number[] } = { one: [], two: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternating which goes first, so neither always meets a warmer or a busier machine.
      const order = round % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const);
      for (const setup of order) {
        const offset = (run++ * 4099) % bodies.length;
        const loaded = setup === 'one' ? instances.slice(0, 1) : instances;
        const results = await Promise.all(
          loaded.map((instance, i) =>
            runLoad(instance.port, bodies, offset + i * 997, connections / loaded.length),
          ),
        );
        (setup === 'one' ? one : two).push(throughput(results));
        p99[setup].push(Math.max(...results.map((r) => r.p99Ms)));
      }
    }
    const median = (values: readonly number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const oneRps = median(one);
    const twoRps = median(two);
    return [
      `Signed /brief, /fact, /agreement and /obstacle slash commands with ${queries.length.toLocaleString('en-GB')} distinct generated queries, ${connections} connections in all, against bot processes (src/main.ts, Slack HTTP mode) on ${store}; the median of ${rounds} rounds.`,
      '',
      '| instances | connections each | requests/s | p99 ms | vs one instance |',
      '|---:|---:|---:|---:|---:|',
      `| 1 | ${connections} | ${oneRps.toFixed(0)} | ${median(p99.one).toFixed(1)} | 1.00 |`,
      `| 2 | ${connections / 2} | ${twoRps.toFixed(0)} | ${median(p99.two).toFixed(1)} | ${(twoRps / oneRps).toFixed(2)} |`,
      '',
      "Both processes and the load generator share this machine's two cores: the ratio is what a second",
      'instance adds here, not what it adds on a machine of its own.',
    ];
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `tsx bench/scale.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchScale()) console.log(line);
}
