import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeSlack, type FakeSlack } from './fakes/fake-slack.ts';
import { type FakeWebhookServer, startFakeWebhookServer } from './fakes/fake-webhook.ts';
import { postToApp, slashCommandBody } from './fakes/slack-requests.ts';
import { createCuttableProxy } from './helpers/cuttable-proxy.ts';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { freePort } from './helpers/free-port.ts';
import { repoRoot } from './helpers/run-script.ts';
import { databaseUrl } from './infra/store/postgres-harness.ts';

// Every secret setting, shaped like the real ones and made up for the test.
const signingSecret = 'OpsSigningSecret0123456789abcdef';
const secrets = {
  SLACK_BOT_TOKEN: 'xoxb-1234-5678-OpsBotTokenSecret',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_CLIENT_SECRET: 'OpsClientSecret0123456789',
  SLACK_STATE_SECRET: 'OpsStateSecret0123456789',
  // 64 hex characters, as the Developer Portal shows it; it turns on HTTP interactions.
  DISCORD_PUBLIC_KEY: 'be8e57dd8e417ca96758b557ecfaee3233640214a4aa108ab275c3dccba0b1fb',
};

describe('npm start in operation: SIGHUP reloads the knowledge; no secret is ever printed', () => {
  let slack: FakeSlack;
  let webhooks: FakeWebhookServer;
  let child: ChildProcess;
  let port: number;
  let knowledgeDir: string;
  let webhookUrl: string;
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null>;
  // Each request its own body: the gate refuses a signature it has seen (a replay).
  let asked = 0;

  const waitForLog = async (text: string, after: number) => {
    // Bounded by the hook and test timeouts rather than a count: start-up on a loaded machine is slow.
    for (;;) {
      if (stderr.slice(after).includes(text)) return;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`npm start did not log "${text}":\n${stderr}`);
  };

  const ask = async (command: string, text: string) => {
    const result = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({ command, text, response_url: slack.responseUrl(`ops-${++asked}`) }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    if (result.status !== 200) throw new Error(stderr);
    const reply = JSON.parse(result.text) as {
      blocks: { type: string; text?: { text: string } }[];
    };
    return reply.blocks.find((block) => block.type === 'header')?.text?.text;
  };

  const editAgreements = async (edit: (text: string) => string) => {
    const file = path.join(knowledgeDir, 'agreements.yaml');
    await writeFile(file, edit(await readFile(file, 'utf8')));
  };

  beforeAll(async () => {
    slack = await createFakeSlack();
    webhooks = await startFakeWebhookServer();
    webhookUrl = `${webhooks.baseUrl}/services/T0OPS/B0OPS/OpsWebhookSecretPath`;
    port = await freePort();
    knowledgeDir = await mkdtemp(path.join(tmpdir(), 'trucebrief-ops-knowledge-'));
    await cp(fixtureKnowledgeDir, knowledgeDir, { recursive: true });
    child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'main.ts')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        KNOWLEDGE_DIR: knowledgeDir,
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'trucebrief-ops-data-')),
        // Everything a library says, too.
        LOG_LEVEL: 'debug',
        HOST: '127.0.0.1',
        PORT: String(port),
        SLACK_API_URL: slack.apiUrl,
        DAILY_WEBHOOK_URLS: `${webhookUrl} 07:30 Europe/Kyiv`,
        DISCORD_APPLICATION_ID: '100000000000000001',
        ...secrets,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await waitForLog('daily scheduler started', 0);
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
    await webhooks.close();
  });

  it('answers from edited knowledge after SIGHUP', async () => {
    expect(await ask('/agreement', 'budapest')).toBe('Budapest Memorandum');
    await editAgreements((text) =>
      text.replace('title: Budapest Memorandum\n', 'title: Budapest Memorandum of 1994\n'),
    );
    const mark = stderr.length;
    child.kill('SIGHUP');
    await waitForLog('"message":"knowledge reloaded"', mark);
    expect(await ask('/agreement', 'budapest')).toBe('Budapest Memorandum of 1994');
  });

  it('keeps answering from the knowledge in use when the edited files are invalid, and logs why', async () => {
    await editAgreements((text) => text.replace("signed: '1994-12-05'", 'signed: someday'));
    const mark = stderr.length;
    child.kill('SIGHUP');
    await waitForLog('knowledge reload failed', mark);
    expect(stderr.slice(mark)).toMatch(/agreements\.yaml:\d+ [^"]*signed/);
    expect(await ask('/agreement', 'budapest')).toBe('Budapest Memorandum of 1994');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('prints no secret setting or webhook URL anywhere, from start to shutdown', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const output = stdout + stderr;
    // The run did log, at debug level, through Bolt too.
    expect(stderr).toContain('"level":"debug"');
    for (const value of [...Object.values(secrets), 'OpsWebhookSecretPath', 'OpsBotTokenSecret'])
      expect(output).not.toContain(value);
    // One JSON object per line: nothing else reaches stderr.
    for (const line of stderr.split('\n').filter(Boolean))
      expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe.skipIf(!databaseUrl)('npm start on PostgreSQL: /readyz follows the database', () => {
  it('turns unready naming the store when the database goes away, and ready when it returns', async () => {
    const url = new URL(databaseUrl ?? '');
    const proxy = await createCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port()}`;
    const healthPort = await freePort();
    const webhooks = await startFakeWebhookServer();
    let stderr = '';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'src', 'main.ts')],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          KNOWLEDGE_DIR: fixtureKnowledgeDir,
          DATA_DIR: await mkdtemp(path.join(tmpdir(), 'trucebrief-ops-pg-')),
          DATABASE_URL: url.toString(),
          HOST: '127.0.0.1',
          HEALTH_PORT: String(healthPort),
          // Webhooks only: no platform to connect, so readiness is the knowledge and the store.
          DAILY_WEBHOOK_URLS: `${webhooks.baseUrl}/services/T0PG/B0PG/pg-hook 07:30`,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    /** Asks until the answer has `status` (the pool notices a cut connection on its next query). */
    const until = async (status: number) => {
      let last = { status: 0, body: {} as Record<string, unknown> };
      for (let i = 0; i < 100 && last.status !== status; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        last = await readyz().catch(() => last);
      }
      return last;
    };
    try {
      const ready = await until(200);
      if (ready.status !== 200) throw new Error(`never ready:\n${stderr}`);
      expect(ready.body).toEqual({ status: 'ready', checks: { knowledge: 'ok', store: 'ok' } });

      await proxy.cut();
      const gone = await until(503);
      expect(gone.body).toMatchObject({ status: 'not ready', unready: ['store'] });
      expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);

      await proxy.restore();
      expect((await until(200)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      await proxy.cut();
      await webhooks.close();
    }
  }, 60_000);
});
