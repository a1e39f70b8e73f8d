// Cold start as people run the bot: the compiled bot process (`node dist/main.js`, what `npm start`
// launches) timed from spawn until it has answered a first command, with its peak RSS and the CPU
// it used by then; in the console (a command on stdin, no platform) and configured for Slack in
// HTTP mode against a fake Slack (a first signed slash command). `npm start` itself is timed the
// same way, so npm's own overhead (and the build check its prestart makes) shows beside it.
// Each start gets a fresh DATA_DIR (new SQLite store, no knowledge parse cache) unless it says
// it reuses one, as every restart after the first does. The CPU figure matters on a shared
// machine, where wall time also counts the time other processes held the cores.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { slackEventsPath } from '../src/adapters/slack/manifest.ts';
import { createFakeSlack, type FakeSlack } from '../tests/fakes/fake-slack.ts';
import { nowSeconds, signSlackRequest, slashCommandBody } from '../tests/fakes/slack-requests.ts';
import { fixed, summarise } from './stats.ts';

const repo = path.join(import.meta.dirname, '..');
const signingSecret = 'bench-signing-secret';
const runs = 5;
const question = 'when was the budapest memorandum signed';

/** One start: spawn to first answer, the CPU the processes used by then, and their peak memory. */
interface Start {
  readonly firstAnswerMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

/** Where the first command goes. */
type Mode = 'console' | 'slack';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Posts one signed slash command; resolves with the status, or rejects if nothing listens yet. */
function ask(port: number, responseUrl: string): Promise<number> {
  const body = slashCommandBody({
    command: '/brief',
    text: question,
    response_url: responseUrl,
  });
  const timestamp = nowSeconds();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: slackEventsPath,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest(signingSecret, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A process and its descendants, from /proc. */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return [
      pid,
      ...children
        .split(' ')
        .filter(Boolean)
        .flatMap((id) => processTree(Number(id))),
    ];
  } catch {
    return [];
  }
}

/** The summed CPU time (user and system) of processes so far, in ms, from /proc. */
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone already.
    }
  }
  // The kernel's clock tick is 100 Hz on Linux.
  return ticks * 10;
}

/** The summed peak RSS (VmHWM) of processes, in MB. */
function peakRssMb(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // Gone already.
    }
  }
  return total;
}

/** Starts the command, gives it a first command as soon as it can take one, and ends it once answered. */
async function startOnce(
  command: readonly [string, ...string[]],
  mode: Mode,
  slack: FakeSlack,
  dataDir: string,
): Promise<Start> {
  const port = await freePort();
  const startedAt = process.hrtime.bigint();
  const child: ChildProcess = spawn(command[0], command.slice(1), {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(mode === 'slack'
        ? {
            SLACK_BOT_TOKEN: 'xoxb-bench',
            SLACK_SIGNING_SECRET: signingSecret,
            SLACK_API_URL: slack.apiUrl,
            PORT: String(port),
            HOST: '127.0.0.1',
          }
        : {}),
    },
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`))),
  );
  try {
    if (mode === 'console') {
      // The console reads stdin from the start; stdin stays open so it does not exit on its own.
      child.stdin?.write(`/brief ${question}\n`);
      await Promise.race([
        new Promise<void>((resolve) => {
          let out = '';
          child.stdout?.on('data', (data: Buffer) => {
            out += data.toString();
            if (out.includes('Budapest Memorandum')) resolve();
          });
        }),
        exited,
      ]);
    } else {
      for (;;) {
        const status = await Promise.race([
          ask(port, slack.responseUrl('startup')).catch(() => undefined),
          exited,
        ]);
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    const firstAnswerMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    const tree = processTree(child.pid ?? 0);
    return { firstAnswerMs, cpuMs: cpuMs(tree), peakRssMb: peakRssMb(tree) };
  } finally {
    exited.catch(() => {});
    // npm runs the bot in a child of its own: every process it started is ended, by id.
    for (const pid of processTree(child.pid ?? 0).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended already.
      }
    }
  }
}

/** Summaries of `runs` starts; with `reuseData`, after one start that fills DATA_DIR. */
async function series(
  command: readonly [string, ...string[]],
  mode: Mode,
  slack: FakeSlack,
  reuseData: boolean,
) {
  const shared = mkdtempSync(path.join(tmpdir(), 'trucebrief-start-'));
  if (reuseData) await startOnce(command, mode, slack, shared);
  const starts: Start[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = reuseData ? shared : mkdtempSync(path.join(tmpdir(), 'trucebrief-start-'));
    starts.push(await startOnce(command, mode, slack, dataDir));
  }
  return {
    time: summarise(starts.map((s) => s.firstAnswerMs)),
    cpu: summarise(starts.map((s) => s.cpuMs)),
    rss: summarise(starts.map((s) => s.peakRssMb)),
  };
}

/** Measures cold start; report lines for bench/run.ts. */
export async function benchStartup(): Promise<string[]> {
  // Built once first, as the first `npm start` would: the timed starts find dist/ up to date.
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const slack = await createFakeSlack();
  const node = [process.execPath, path.join(repo, 'dist', 'main.js')] as const;
  const npm = ['npm', 'start', '--silent'] as const;
  const lines = [
    `start-up: from spawn until a first command is answered (/brief ${question}), x${runs}: wall time p50 and worst, CPU time of the process tree by then, peak RSS of the tree`,
    `                                                        wall p50    worst   CPU p50  RSS p50 MB  RSS max MB`,
  ];
  try {
    const rows: [string, readonly [string, ...string[]], Mode, boolean][] = [
      ['console: node dist/main.js, fresh DATA_DIR', node, 'console', false],
      ['console: node dist/main.js, restart', node, 'console', true],
      ['console: npm start, restart', npm, 'console', true],
      ['Slack HTTP: node dist/main.js, fresh DATA_DIR', node, 'slack', false],
      ['Slack HTTP: node dist/main.js, restart', node, 'slack', true],
      ['Slack HTTP: npm start, restart', npm, 'slack', true],
    ];
    const results = new Map<string, Awaited<ReturnType<typeof series>>>();
    for (const [label, command, mode, reuse] of rows) {
      const result = await series(command, mode, slack, reuse);
      results.set(label, result);
      const { time, cpu, rss } = result;
      lines.push(
        `  ${label.padEnd(50)}${fixed(time.p50, 0)} ${fixed(time.p99, 0)} ${fixed(cpu.p50, 0)} ${fixed(rss.p50, 1, 11)} ${fixed(rss.p99, 1, 11)}`,
      );
    }
    for (const mode of ['console', 'Slack HTTP'] as const) {
      const bot = results.get(`${mode}: node dist/main.js, restart`);
      const viaNpm = results.get(`${mode}: npm start, restart`);
      if (!bot || !viaNpm) continue;
      lines.push(
        `  ${mode}: npm's own overhead (npm start minus the bot process, p50) ${(viaNpm.time.p50 - bot.time.p50).toFixed(0)} ms wall, ${(viaNpm.cpu.p50 - bot.cpu.p50).toFixed(0)} ms CPU, ${(viaNpm.rss.p50 - bot.rss.p50).toFixed(0)} MB`,
        `  ${mode}: targets: first answer ≤ 200 ms after the bot process starts (restart p50 ${bot.time.p50 <= 200 ? 'met' : 'MISSED'}), ≤ 90 MB RSS (${bot.rss.p99 <= 90 ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    await slack.close();
  }
  return lines;
}

// Run directly (`npx tsx bench/startup.ts`) as well as from bench/run.ts.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchStartup()) process.stdout.write(`${line}\n`);
}
