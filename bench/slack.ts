// The Slack HTTP slash-command path under load: `/agreement` through the real adapter, side by
// side with a bare Bolt app that only acknowledges (and one that acknowledges with the same,
// pre-rendered reply), at 1, 10 and 50 concurrent connections.
// Everything runs on 127.0.0.1; the load generator runs in a worker thread so it does not share
// the server's event loop. Run through `npm run bench` (bench/run.ts calls benchSlack).
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { App, HTTPReceiver } from '@slack/bolt';
import { createSlackAdapter } from '../src/adapters/slack/adapter.ts';
import { renderBriefingForSlack } from '../src/adapters/slack/render.ts';
import { createCore, createLogger, loadKnowledgeDir } from '../src/core/index.ts';
import { createFakeSlack } from '../tests/fakes/fake-slack.ts';
import { nowSeconds, signSlackRequest, slashCommandBody } from '../tests/fakes/slack-requests.ts';

const levels = [1, 10, 50] as const;
const warmupMs = 300;
const measureMs = 2000;
const signingSecret = 'bench-signing-secret';

/** One measured level for one server. */
interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

// Plain JavaScript, evaluated in a worker: keep-alive connections, each sending the next request
// as soon as the previous answer arrives (closed loop), latencies recorded after the warm-up.
const loadWorker = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, body, headers, concurrency, warmupMs, measureMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
const latencies = [];
let errors = 0;
let measuring = false;
let stopping = false;
function once() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname,
      method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) errors++;
        else if (measuring) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
}
async function loop() { while (!stopping) await once(); }
const loops = Array.from({ length: concurrency }, loop);
let startedAt = 0n;
setTimeout(() => { measuring = true; latencies.length = 0; errors = 0; startedAt = process.hrtime.bigint(); }, warmupMs);
setTimeout(async () => {
  measuring = false;
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  stopping = true;
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  parentPort.postMessage({ requests: latencies.length, errors, seconds, p50Ms: at(0.5), p99Ms: at(0.99) });
}, warmupMs + measureMs);
`;

function runLoad(url: string, body: string, concurrency: number): Promise<LoadResult> {
  const timestamp = nowSeconds();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(signingSecret, timestamp, body),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorker, {
      eval: true,
      workerData: { url, body, headers, concurrency, warmupMs, measureMs },
    });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Measures the slash-command path and returns report lines for bench/run.ts. */
export async function benchSlack(): Promise<string[]> {
  const fake = await createFakeSlack();
  const silent = createLogger('silent');
  const core = createCore(await loadKnowledgeDir('knowledge'));
  const adapter = createSlackAdapter(
    { botToken: 'xoxb-bench', signingSecret, apiUrl: fake.apiUrl, port: 0, dailyManagers: [] },
    core,
    silent,
    { host: '127.0.0.1' },
  );
  await adapter.start();

  // The baseline: Bolt with the same receiver and options, acknowledging and nothing else.
  const bare = new App({
    token: 'xoxb-bench',
    convoStore: false,
    deferInitialization: true,
    clientOptions: { slackApiUrl: fake.apiUrl },
    receiver: new HTTPReceiver({ signingSecret, port: 0 }),
  });
  bare.command(/.*/, async ({ ack }) => {
    await ack();
  });
  await bare.init();
  const bareServer = await bare.start({ port: 0, host: '127.0.0.1' });
  const barePort = (bareServer.address() as AddressInfo).port;

  // A second reference: Bolt acknowledging with the very message we send, rendered once beforehand,
  // so the cost of answering with a full briefing (JSON and socket writes) is told apart from ours.
  const reply = {
    response_type: 'in_channel' as const,
    ...renderBriefingForSlack(
      core.handle({
        command: 'agreement',
        query: 'budapest memorandum',
        user: { id: 'U' },
        channel: { id: 'C' },
        platform: 'slack',
      }),
    ),
  };
  const echo = new App({
    token: 'xoxb-bench',
    convoStore: false,
    deferInitialization: true,
    clientOptions: { slackApiUrl: fake.apiUrl },
    receiver: new HTTPReceiver({ signingSecret, port: 0 }),
  });
  echo.command(/.*/, async ({ ack }) => {
    await ack(reply);
  });
  await echo.init();
  const echoPort = ((await echo.start({ port: 0, host: '127.0.0.1' })).address() as AddressInfo)
    .port;

  const body = slashCommandBody({
    command: '/agreement',
    text: 'budapest memorandum',
    response_url: fake.responseUrl('bench'),
  });
  const lines = [
    `slack: /agreement over signed HTTP on 127.0.0.1, ${measureMs / 1000} s per level after ${warmupMs} ms warm-up`,
  ];
  try {
    for (const concurrency of levels) {
      const baseline = await runLoad(
        `http://127.0.0.1:${barePort}/slack/events`,
        body,
        concurrency,
      );
      const same = await runLoad(`http://127.0.0.1:${echoPort}/slack/events`, body, concurrency);
      const ours = await runLoad(
        `http://127.0.0.1:${adapter.port}/slack/events`,
        body,
        concurrency,
      );
      const rps = (r: LoadResult) => r.requests / r.seconds;
      const errors = ours.errors + baseline.errors + same.errors;
      lines.push(
        `  c=${String(concurrency).padStart(2)}  trucebrief ${format(ours)}  |  bare Bolt, empty ack ${format(baseline)}  |  bare Bolt, same reply ${format(same)}`,
        `        trucebrief = ${((100 * rps(ours)) / rps(baseline)).toFixed(0)}% of bare Bolt's empty ack, ${((100 * rps(ours)) / rps(same)).toFixed(0)}% of bare Bolt sending the same reply${errors > 0 ? `  (errors: ${ours.errors} ours, ${baseline.errors} empty, ${same.errors} same)` : ''}`,
      );
    }
  } finally {
    await adapter.stop();
    await bare.stop();
    await echo.stop();
    await fake.close();
  }
  return lines;
}

function format(result: LoadResult): string {
  const rps = Math.round(result.requests / result.seconds).toLocaleString('en-GB');
  return `${rps.padStart(6)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms`;
}

// Run directly (`npx tsx bench/slack.ts`) as well as from bench/run.ts.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchSlack()) process.stdout.write(`${line}\n`);
}
