// The Slack HTTP slash-command path under load: `/agreement` through the real adapter, side by
// side at 1, 10 and 50 concurrent connections with three bare Bolt apps: Bolt as its docs set it
// up (the issue's baseline) acknowledging with an empty body, the same with the one option our
// adapter changes (convoStore off), and that one acknowledging with our very reply.
// Everything runs on 127.0.0.1; the load generator runs in a worker thread so it does not share
// the servers' event loop. Run through `npm run bench` (bench/run.ts calls benchSlack).
import type { AddressInfo } from 'node:net';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { App } from '@slack/bolt';
import { createSlackAdapter } from '../src/adapters/slack/adapter.ts';
import { slackEventsPath } from '../src/adapters/slack/manifest.ts';
import { renderBriefingForSlack } from '../src/adapters/slack/render.ts';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';
import { createLogger } from '../src/infra/logging.ts';
import { createFakeSlack } from '../tests/fakes/fake-slack.ts';
import { slashCommandBody } from '../tests/fakes/slack-requests.ts';

const levels = [1, 10, 50] as const;
const warmupMs = 300;
const measureMs = 1500;
// Two cores are shared by the servers, the load generator and whatever else the machine does;
// rounds in rotating order, each server's median round reported, keep one bad second from
// deciding a ratio.
const rounds = 3;
const labelWidth = 16;
const signingSecret = 'bench-signing-secret';

/** One measured level for one server. */
interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Share of the measured time the server's event loop was busy (1 = saturated). */
  readonly serverBusy: number;
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
const { port, path, body, signingSecret, concurrency, warmupMs, measureMs } = workerData;
let sequence = 0;
// Each request is signed afresh with a distinct body, as Slack's are: the adapter refuses a
// signature it has seen within five minutes, so one request replayed would measure refusals.
const nextRequest = () => {
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
  parentPort.postMessage({ requests: latencies.length, errors, seconds, p50Ms: at(0.5), p99Ms: at(0.99) });
}
`;

/** Runs the load generator against one server; the server's event-loop busy share is measured too. */
function runLoad(port: number, body: string, concurrency: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorker, {
      eval: true,
      workerData: {
        port,
        path: slackEventsPath,
        body,
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

/** A Bolt app that answers every command with `reply` (nothing when undefined), and its port. */
async function startBareBolt(
  options: { readonly tuned: boolean; readonly reply?: object },
  apiUrl: string,
): Promise<{ readonly port: number; stop(): Promise<unknown> }> {
  const app = new App({
    token: 'xoxb-bench',
    signingSecret,
    deferInitialization: true,
    clientOptions: { slackApiUrl: apiUrl },
    // The one option our adapter changes from Bolt's defaults, which matters to throughput.
    ...(options.tuned ? { convoStore: false } : {}),
  });
  const reply = options.reply;
  app.command(/.*/, async ({ ack }) => {
    await (reply === undefined ? ack() : ack(reply));
  });
  await app.init();
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop() };
}

/** Measures the slash-command path and returns report lines for bench/run.ts. */
export async function benchSlack(): Promise<string[]> {
  const fake = await createFakeSlack();
  const core = createCore(await loadKnowledgeDir('knowledge'));
  const adapter = createSlackAdapter(
    { botToken: 'xoxb-bench', signingSecret, apiUrl: fake.apiUrl, port: 0, dailyManagers: [] },
    core,
    createLogger('silent'),
    { host: '127.0.0.1' },
  );
  await adapter.start();
  const request = { command: 'agreement', query: 'budapest memorandum' } as const;
  // The very message our adapter sends, rendered once beforehand: Bolt acknowledging with it
  // tells the cost of answering with a full briefing (JSON and socket writes) apart from ours.
  const reply = {
    response_type: 'in_channel' as const,
    ...renderBriefingForSlack(
      await core.handle(
        { ...request, user: { id: 'U' }, channel: { id: 'C' }, platform: 'slack' },
        {},
      ),
    ),
  };
  // The issue's baseline is a bare Bolt app as Bolt's docs write it (default options) that only
  // acknowledges; the other two keep the comparison honest about what our tuning buys.
  const servers = {
    ours: { port: adapter.port ?? 0, stop: () => adapter.stop() },
    bare: await startBareBolt({ tuned: false }, fake.apiUrl),
    tuned: await startBareBolt({ tuned: true }, fake.apiUrl),
    same: await startBareBolt({ tuned: true, reply }, fake.apiUrl),
  };
  const body = slashCommandBody({
    command: `/${request.command}`,
    text: request.query,
    response_url: fake.responseUrl('bench'),
  });
  const lines = [
    `slack: /${request.command} ${request.query} over signed HTTP on 127.0.0.1 (reply ${Buffer.byteLength(JSON.stringify(reply)).toLocaleString('en-GB')} bytes); per server and level, the median of ${rounds} rounds of ${measureMs / 1000} s after ${warmupMs} ms warm-up`,
    '  servers: trucebrief; bare Bolt (default options) acking empty; bare Bolt with convoStore off (as ours) acking empty; the same acking our reply',
  ];
  try {
    for (const concurrency of levels) {
      const names = ['bare', 'tuned', 'same', 'ours'] as const;
      const measured = new Map<(typeof names)[number], LoadResult[]>(names.map((n) => [n, []]));
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + round) % names.length] ?? 'ours';
          measured.get(name)?.push(await runLoad(servers[name].port, body, concurrency));
        }
      }
      const median = (name: (typeof names)[number]): LoadResult => {
        const sorted = [...(measured.get(name) ?? [])].sort((a, b) => rps(a) - rps(b));
        const middle = sorted[Math.floor(sorted.length / 2)];
        if (!middle) throw new Error(`no measurement for ${name}`);
        return { ...middle, errors: sorted.reduce((sum, r) => sum + r.errors, 0) };
      };
      const results = {
        bare: median('bare'),
        tuned: median('tuned'),
        same: median('same'),
        ours: median('ours'),
      };
      const ratio = (other: LoadResult) =>
        `${((100 * rps(results.ours)) / rps(other)).toFixed(0)}%`;
      const errors = Object.entries(results)
        .filter(([, result]) => result.errors > 0)
        .map(([name, result]) => `${name} ${result.errors}`);
      lines.push(
        `  c=${String(concurrency).padStart(2)}  ${'trucebrief'.padEnd(labelWidth)}${format(results.ours)}`,
        `        ${'bare Bolt'.padEnd(labelWidth)}${format(results.bare)}`,
        `        ${'convoStore off'.padEnd(labelWidth)}${format(results.tuned)}`,
        `        ${'same reply'.padEnd(labelWidth)}${format(results.same)}`,
        `        trucebrief = ${ratio(results.bare)} of bare Bolt (target ≥ 90%), ${ratio(results.tuned)} of bare Bolt with convoStore off, ${ratio(results.same)} of that sending the same reply${errors.length > 0 ? `  (errors: ${errors.join(', ')})` : ''}`,
      );
    }
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

// Run directly (`npx tsx bench/slack.ts`) as well as from bench/run.ts.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchSlack()) process.stdout.write(`${line}\n`);
}
