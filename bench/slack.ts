// The Slack HTTP slash-command path under load: a stream of distinct signed slash commands through
// the real adapter and Bolt, side by side at 1, 10 and 50 concurrent connections with a bare Bolt
// app configured as ours is (convoStore off) that acknowledges each request with the reply our
// adapter gives to that very query, computed beforehand in another process (so no cache of ours
// is warmed by it). The repeated-query case, one query asked again and again and so answered from
// the core's briefing cache, is reported beside it and labelled as such.
// Everything runs on 127.0.0.1; the load generator runs in a worker thread so it does not share
// the servers' event loop. Run through `npm run bench` (bench/run.ts calls benchSlack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { App } from '@slack/bolt';
import { createSlackAdapter } from '../src/adapters/slack/adapter.ts';
import { slackCommandNaming, slackEventsPath } from '../src/adapters/slack/manifest.ts';
import { renderBriefingForSlack } from '../src/adapters/slack/render.ts';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';
import { createLogger } from '../src/infra/logging.ts';
import { createFakeSlack } from '../tests/fakes/fake-slack.ts';
import { slashCommandBody } from '../tests/fakes/slack-requests.ts';
import { type CommandQuery, commandQueries } from './queries.ts';
import { type Summary, summarise } from './stats.ts';

const levels = [1, 10, 50] as const;
const warmupMs = 300;
const measureMs = 1500;
// Two cores are shared by the servers, the load generator and whatever else the machine does;
// rounds in rotating order, each server's median round reported, keep one bad second from
// deciding a ratio.
const rounds = 3;
const labelWidth = 26;
export const signingSecret = 'bench-signing-secret';
/** Distinct queries in the stream: more than any round sends, so none repeats within a round. */
const streamLength = 12_000;
const streamSeed = 14;
const knowledgeDir = path.join(import.meta.dirname, '..', 'knowledge');

/** One measured level for one server. */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Share of the measured time the server's event loop was busy (1 = saturated). */
  readonly serverBusy: number;
  /** Whether the stream ran out and started again within the round (then queries repeated). */
  readonly wrapped: boolean;
}

// Plain JavaScript, evaluated in a worker: keep-alive TCP connections, each sending the next
// request as soon as the previous answer is complete (closed loop), latencies recorded after the
// warm-up. It speaks just enough HTTP/1.1 (Content-Length or chunked answers) to stay far cheaper
// per request than any server under test, so the figures measure the server, not the generator;
// node:http's client costs about as much as the server and capped the earlier figures.
const loadWorker = `
const net = require('node:net');
const { createHmac } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { port, path, bodies, offset, signingSecret, concurrency, warmupMs, measureMs } = workerData;
let sequence = 0;
// Each request is signed afresh with a distinct body, as Slack's are (their trigger_id differs):
// the adapter refuses a signature it has seen within five minutes. The query is the stream's
// next, from this round's offset on.
const nextRequest = () => {
  const body = bodies[(offset + sequence) % bodies.length];
  const unique = body + '&bench_seq=' + sequence++;
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', signingSecret).update('v0:' + timestamp + ':' + unique).digest('hex');
  const head = ['POST ' + path + ' HTTP/1.1', 'host: 127.0.0.1:' + port, 'connection: keep-alive',
    'content-type: application/x-www-form-urlencoded', 'content-length: ' + Buffer.byteLength(unique),
    'x-slack-request-timestamp: ' + timestamp, 'x-slack-signature: ' + signature];
  return Buffer.from(head.join('\\r\\n') + '\\r\\n\\r\\n' + unique);
};
const endOfHead = Buffer.from('\\r\\n\\r\\n');
const endOfChunks = Buffer.from('\\r\\n0\\r\\n\\r\\n');
const latencies = [];
let errors = 0;
let measuring = false;
let stopping = false;
let open = concurrency;
let startedAt = 0n;
function connection() {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let sentAt = 0n;
  const send = () => {
    if (stopping) { socket.end(); return; }
    sentAt = process.hrtime.bigint();
    socket.write(nextRequest());
  };
  socket.on('connect', send);
  socket.on('data', (data) => {
    buffered = buffered.length === 0 ? data : Buffer.concat([buffered, data]);
    const headEnd = buffered.indexOf(endOfHead);
    if (headEnd < 0) return;
    const headText = buffered.subarray(0, headEnd).toString('latin1').toLowerCase();
    const length = /\\r\\ncontent-length: *(\\d+)/.exec(headText);
    const bodyStart = headEnd + 4;
    let complete;
    if (length) complete = buffered.length >= bodyStart + Number(length[1]);
    else if (headText.includes('transfer-encoding: chunked'))
        // The head's own CRLF precedes an empty body's last chunk, so one test covers both.
      complete = buffered.length >= bodyStart + 5 &&
        buffered.subarray(buffered.length - endOfChunks.length).equals(endOfChunks);
    else complete = true;
    if (!complete) return;
    buffered = Buffer.alloc(0);
    if (!headText.startsWith('http/1.1 200')) errors++;
    else if (measuring) latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
    send();
  });
  socket.on('error', () => { errors++; });
  socket.on('close', () => { if (--open === 0) finish(); });
}
for (let i = 0; i < concurrency; i++) connection();
setTimeout(() => { measuring = true; startedAt = process.hrtime.bigint(); parentPort.postMessage('measuring'); }, warmupMs);
let seconds = 0;
setTimeout(() => {
  measuring = false;
  seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  stopping = true;
}, warmupMs + measureMs);
function finish() {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  parentPort.postMessage({ requests: latencies.length, errors, seconds, p50Ms: at(0.5), p99Ms: at(0.99),
    wrapped: bodies.length > 1 && sequence > bodies.length });
}
`;

/** Runs the load generator against one server; the server's event-loop busy share is measured too. */
export function runLoad(
  port: number,
  bodies: readonly string[],
  offset: number,
  concurrency: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorker, {
      eval: true,
      workerData: {
        port,
        path: slackEventsPath,
        bodies,
        offset,
        signingSecret,
        concurrency,
        warmupMs,
        measureMs,
      },
    });
    let since: EventLoopUtilization | undefined;
    worker.on('message', (message: 'measuring' | Omit<LoadResult, 'serverBusy'>) => {
      if (message === 'measuring') {
        since = performance.eventLoopUtilization();
        return;
      }
      const serverBusy = since ? performance.eventLoopUtilization(since).utilization : Number.NaN;
      resolve({ ...message, serverBusy });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A slash reply as our adapter sends it over HTTP. */
type Reply = { response_type: 'in_channel' | 'ephemeral' } & object;

const replyKey = (query: CommandQuery) => `${query.command} ${query.text}`;

/**
 * Our adapter's reply to each query, computed in a child process (this file with `--replies`):
 * the baseline acknowledges with it, and computing it here would fill the lookup's word caches
 * the adapter under test uses.
 */
function repliesFromChildProcess(queries: readonly CommandQuery[]): Computed {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trucebrief-bench-')), 'replies.json');
  writeFileSync(file, JSON.stringify(queries));
  execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--replies', file], {
    stdio: 'inherit',
  });
  const computed = JSON.parse(readFileSync(file, 'utf8')) as Omit<Computed, 'replies'> & {
    replies: Reply[];
  };
  return {
    ...computed,
    replies: new Map(
      queries.map((query, index) => [replyKey(query), computed.replies[index] as Reply]),
    ),
  };
}

/** The replies, and what producing them cost per query, in ms (the core's part and ours). */
interface Computed {
  readonly replies: Map<string, Reply>;
  readonly coreMs: Summary;
  readonly renderMs: Summary;
}

/**
 * Answers every query as the adapter does and writes the replies over the queries' file, with the
 * time the core took for each (lookup and composing the briefing) and the time rendering and
 * serialising took: the split of an answer's cost between the lookup and the adapter.
 */
async function writeReplies(file: string): Promise<void> {
  const queries = JSON.parse(readFileSync(file, 'utf8')) as CommandQuery[];
  const core = createCore(await loadKnowledgeDir(knowledgeDir));
  const replies: Reply[] = [];
  const coreMs: number[] = [];
  const renderMs: number[] = [];
  for (const query of queries) {
    const asked = performance.now();
    const briefing = await core.handle(
      {
        command: query.command,
        query: query.text,
        user: { id: 'U0ASKER' },
        channel: { id: 'C0CHANNEL' },
        platform: 'slack',
      },
      { commands: slackCommandNaming },
    );
    const answered = performance.now();
    const reply = {
      response_type: briefing.visibility === 'public' ? 'in_channel' : 'ephemeral',
      ...renderBriefingForSlack(briefing),
    } as const;
    JSON.stringify(reply);
    renderMs.push(performance.now() - answered);
    coreMs.push(answered - asked);
    replies.push(reply);
  }
  writeFileSync(
    file,
    JSON.stringify({ replies, coreMs: summarise(coreMs), renderMs: summarise(renderMs) }),
  );
}

/**
 * A bare Bolt app configured as ours (convoStore off, as our adapter sets it) that acknowledges
 * every command with the reply our adapter gives to it: the work Bolt does for one request with
 * an answer of the same size, and nothing else.
 */
async function startBareBolt(
  replies: ReadonlyMap<string, Reply>,
  apiUrl: string,
): Promise<{ readonly port: number; stop(): Promise<unknown> }> {
  const app = new App({
    token: 'xoxb-bench',
    signingSecret,
    deferInitialization: true,
    clientOptions: { slackApiUrl: apiUrl },
    convoStore: false,
  });
  app.command(/.*/, async ({ command, ack }) => {
    await ack(replies.get(`${command.command.slice(1)} ${command.text}`));
  });
  await app.init();
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop() };
}

export const bodyOf = (query: CommandQuery, responseUrl: string) =>
  slashCommandBody({ command: `/${query.command}`, text: query.text, response_url: responseUrl });

/** Measures the slash-command path and returns report lines for bench/run.ts. */
export async function benchSlack(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(knowledgeDir);
  const queries = commandQueries(knowledge.entries, streamLength, streamSeed);
  const repeated: CommandQuery = { command: 'agreement', text: 'budapest memorandum' };
  const { replies, coreMs, renderMs } = repliesFromChildProcess([...queries, repeated]);
  const sizes = queries
    .map((query) => Buffer.byteLength(JSON.stringify(replies.get(replyKey(query)))))
    .sort((a, b) => a - b);
  const fake = await createFakeSlack();
  const adapter = createSlackAdapter(
    { botToken: 'xoxb-bench', signingSecret, apiUrl: fake.apiUrl, port: 0, dailyManagers: [] },
    createCore(knowledge),
    createLogger('silent'),
    { host: '127.0.0.1' },
  );
  await adapter.start();
  const servers = {
    ours: { port: adapter.port ?? 0, stop: () => adapter.stop() },
    bolt: await startBareBolt(replies, fake.apiUrl),
  };
  const responseUrl = fake.responseUrl('bench');
  const stream = queries.map((query) => bodyOf(query, responseUrl));
  const once = [bodyOf(repeated, responseUrl)];
  const kb = (bytes: number | undefined) => `${((bytes ?? 0) / 1024).toFixed(1)} KB`;
  const lines = [
    `slack: signed slash commands over HTTP on 127.0.0.1; per server and level, the median of ${rounds} rounds of ${measureMs / 1000} s after ${warmupMs} ms warm-up`,
    `  distinct: a stream of ${queries.length.toLocaleString('en-GB')} distinct generated queries (/brief, /fact, /agreement, /obstacle over names, aliases and keywords, 30% with a typo, in question templates), none repeated within a round; replies ${kb(sizes[Math.floor(sizes.length / 2)])} median, ${kb(sizes.at(-1))} largest`,
    `  baseline: bare Bolt configured like ours (convoStore off) acknowledging each request with our reply to that query, computed beforehand in another process`,
  ];
  let run = 0;
  const measure = async (bodies: readonly string[], concurrency: number) => {
    const names = ['bolt', 'ours'] as const;
    const measured = new Map<(typeof names)[number], LoadResult[]>(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length] ?? 'ours';
        // Each run starts elsewhere in the stream: no query answered in the last run comes first.
        const offset = (run++ * 4099) % bodies.length;
        measured.get(name)?.push(await runLoad(servers[name].port, bodies, offset, concurrency));
      }
    }
    const median = (name: (typeof names)[number]): LoadResult => {
      const all = measured.get(name) ?? [];
      const sorted = [...all].sort((a, b) => rps(a) - rps(b));
      const middle = sorted[Math.floor(sorted.length / 2)];
      if (!middle) throw new Error(`no measurement for ${name}`);
      return {
        ...middle,
        errors: all.reduce((sum, r) => sum + r.errors, 0),
        wrapped: all.some((r) => r.wrapped),
      };
    };
    return { ours: median('ours'), bolt: median('bolt') };
  };
  const report = (
    label: string,
    concurrency: number,
    results: Record<'ours' | 'bolt', LoadResult>,
  ) => {
    const share = (100 * rps(results.ours)) / rps(results.bolt);
    const notes = [
      ...Object.entries(results)
        .filter(([, result]) => result.errors > 0)
        .map(([name, result]) => `errors: ${name} ${result.errors}`),
      ...(results.ours.wrapped || results.bolt.wrapped
        ? ['the stream wrapped: queries repeated']
        : []),
    ];
    lines.push(
      `  ${label} c=${String(concurrency).padStart(2)}  ${'trucebrief'.padEnd(labelWidth)}${format(results.ours)}`,
      `  ${' '.repeat(label.length)}       ${'bare Bolt, same replies'.padEnd(labelWidth)}${format(results.bolt)}`,
      `  ${' '.repeat(label.length)}       trucebrief = ${share.toFixed(0)}% of the baseline (target ≥ 90%)${concurrency === 50 ? `, p99 ${results.ours.p99Ms.toFixed(1)} ms (target < 15 ms)` : ''}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`,
    );
  };
  try {
    let boltMs = Number.NaN;
    for (const concurrency of levels) {
      const results = await measure(stream, concurrency);
      report('distinct', concurrency, results);
      // Bolt's own work per request: the baseline's busy time over its requests.
      boltMs = (1000 * results.bolt.serverBusy * results.bolt.seconds) / results.bolt.requests;
    }
    const total = coreMs.mean + renderMs.mean + boltMs;
    lines.push(
      `  where a distinct query's time goes: the core (lookup and briefing) ${coreMs.mean.toFixed(2)} ms mean, ${coreMs.p99.toFixed(1)} ms p99; our rendering and serialising ${renderMs.mean.toFixed(2)} ms mean; Bolt and HTTP ${boltMs.toFixed(2)} ms (the baseline's busy time per request at c=50). The core is ${((100 * coreMs.mean) / total).toFixed(0)}% of a request, rendering ${((100 * renderMs.mean) / total).toFixed(0)}% (core and rendering timed one by one in the process that computed the replies)`,
    );
    lines.push(
      `  repeated: /${repeated.command} ${repeated.text} every time (${kb(Buffer.byteLength(JSON.stringify(replies.get(replyKey(repeated)))))} reply), answered from the core's briefing cache after the first; not what real traffic does`,
    );
    report('repeated', 50, await measure(once, 50));
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    await fake.close();
  }
  return lines;
}

function rps(result: LoadResult): number {
  return result.requests / result.seconds;
}

function format(result: LoadResult): string {
  const perSecond = Math.round(rps(result)).toLocaleString('en-GB');
  return `${perSecond.padStart(6)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  server busy ${(100 * result.serverBusy).toFixed(0)}%`;
}

// Run directly (`npx tsx bench/slack.ts`) as well as from bench/run.ts; with `--replies <file>`,
// the child process that computes the baseline's replies.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, file] = process.argv.slice(2);
  if (flag === '--replies' && file) await writeReplies(file);
  else for (const line of await benchSlack()) process.stdout.write(`${line}\n`);
}
