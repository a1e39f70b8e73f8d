import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeDir, pictureOfKind, picturePath } from '../src/core/index.ts';
import { slashCommand } from './adapters/discord/interactions.ts';
import { installThroughOAuth } from './adapters/slack/helpers.ts';
import { createFakeDiscord, type FakeDiscord } from './fakes/fake-discord.ts';
import { createFakeSlack, type FakeSlack } from './fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from './fakes/slack-requests.ts';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { freePort } from './helpers/free-port.ts';
import { repoRoot } from './helpers/run-script.ts';
import { startMain } from './helpers/start-main.ts';

const signingSecret = 'e2e-signing-secret';

/** Resolves when the child has logged a line containing `text`; the logs are JSON lines on stderr. */
function logged(child: ChildProcess, logs: string[], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (logs.join('').includes(text)) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(
        new Error(`npm start exited with ${code} before logging "${text}":\n${logs.join('')}`),
      );
    });
    check();
  });
}

describe('npm start with Slack (HTTP mode) and Discord configured', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let child: ChildProcess;
  let port: number;
  let logs: string[] = [];

  beforeAll(async () => {
    slack = await createFakeSlack();
    discord = await createFakeDiscord();
    port = await freePort();
    ({ child, logs } = await startMain({
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'e2e-discord-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      PUBLIC_BASE_URL: 'https://bot.example.org',
    }));
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
    await discord.close();
  });

  it('answers a signed Slack slash command in the channel', async () => {
    const body = slashCommandBody({
      command: '/agreement',
      text: 'budapest',
      response_url: slack.responseUrl('e2e'),
    });
    const result = await postToApp(`http://127.0.0.1:${port}/slack/events`, body, {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(result.status).toBe(200);
    const reply = JSON.parse(result.text) as {
      response_type: string;
      blocks: { type: string; text?: { text: string } }[];
    };
    expect(reply.response_type).toBe('in_channel');
    expect(reply.blocks[0]?.text?.text).toBe('Budapest Memorandum');
  });

  it('rejects an unsigned Slack request', async () => {
    const body = slashCommandBody({
      command: '/brief',
      text: '',
      response_url: slack.responseUrl('e2e-unsigned'),
    });
    const result = await postToApp(`http://127.0.0.1:${port}/slack/events`, body, {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
      signature: null,
    });
    expect(result.status).toBe(401);
  });

  it('refuses a signed JSON null body with 400 and keeps serving', async () => {
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const refused = await postToApp(eventsUrl, 'null', {
      signingSecret,
      contentType: 'application/json',
    });
    expect(refused.status).toBe(400);
    const next = await postToApp(
      eventsUrl,
      slashCommandBody({
        command: '/brief',
        text: 'help',
        response_url: slack.responseUrl('e2e-null'),
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(next.status).toBe(200);
    expect(child.exitCode).toBeNull();
    expect(logs.join('')).toContain('body is not a JSON object');
  });

  it('answers a Discord slash command through the gateway', async () => {
    await discord.waitForSession();
    const command = slashCommand('agreement', 'minsk ii');
    discord.dispatchInteraction(command.payload);
    const callback = await discord.waitForRequest(
      (request) => request.path === `/interactions/${command.id}/${command.token}/callback`,
    );
    const body = callback.body as {
      type: number;
      data: { embeds: { title: string }[]; allowed_mentions: unknown };
    };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]?.title).toBe('Minsk II');
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('serves /healthz, /readyz and /metrics on the Slack port, past the request gate', async () => {
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    await discord.waitForSession();
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { knowledge: 'ok', store: 'ok', slack: 'ok', discord: 'ok' },
    });
    expect(ready.status).toBe(200);

    // The signed /agreement budapest above went through the gate and Bolt; the Discord one
    // through the gateway.
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'trucebrief_commands_total{command="agreement",platform="slack",outcome="answered"} 1',
    );
    expect(metrics).toContain(
      'trucebrief_commands_total{command="agreement",platform="discord",outcome="answered"} 1',
    );
    expect(metrics).toMatch(/trucebrief_lookups_total\{outcome="answered"\} [2-9]/);
    expect(metrics).toMatch(/trucebrief_reply_duration_seconds_count\{platform="slack"\} [1-9]/);
    expect(metrics).toContain('trucebrief_unhandled_rejections_total 0');
    expect(metrics).toMatch(
      /trucebrief_store_duration_seconds_count\{operation="ping",outcome="ok"\} [1-9]/,
    );
  });

  it('serves the pictures Slack image blocks point at (PUBLIC_BASE_URL) on the Slack port', async () => {
    const knowledge = await loadKnowledgeDir(fixtureKnowledgeDir);
    const timeline = picturePath(pictureOfKind('timeline', knowledge));
    const picture = await fetch(`http://127.0.0.1:${port}${timeline}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await picture.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const unknown = await fetch(`http://127.0.0.1:${port}/pictures/0000000000000000/map.png`);
    expect(unknown.status).toBe(404);
  });

  it('answers /daily through the daily service with its store', async () => {
    const body = slashCommandBody({
      command: '/daily',
      text: 'status',
      response_url: slack.responseUrl('e2e-daily'),
    });
    const result = await postToApp(`http://127.0.0.1:${port}/slack/events`, body, {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(result.status).toBe(200);
    expect(result.text).toContain('No daily briefing here');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.join('')).toContain('shutting down');
  });
});

describe('npm start with Slack in Socket Mode and Discord, health on HEALTH_PORT', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let child: ChildProcess;
  let healthPort: number;
  let logs: string[] = [];

  beforeAll(async () => {
    slack = await createFakeSlack();
    discord = await createFakeDiscord();
    healthPort = await freePort();
    ({ child, logs } = await startMain({
      HOST: '127.0.0.1',
      HEALTH_PORT: String(healthPort),
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_APP_TOKEN: 'xapp-e2e',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'e2e-discord-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    }));
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
    await discord.close();
  });

  it('serves /healthz on HEALTH_PORT, bound to HOST', async () => {
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(health.status).toBe(200);
    expect(logs.join('')).toMatch(/"host":"127.0.0.1".*"message":"health server started"/);
  });

  it('is ready once the Slack socket and the Discord gateway are connected', async () => {
    await slack.socketConnected();
    await discord.waitForSession();
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { knowledge: 'ok', store: 'ok', slack: 'ok', discord: 'ok' },
    });
  });

  it('counts a Discord command in /metrics', async () => {
    const command = slashCommand('timeline');
    discord.dispatchInteraction(command.payload);
    await discord.waitForRequest(
      (request) => request.path === `/interactions/${command.id}/${command.token}/callback`,
    );
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(metrics).toContain(
      'trucebrief_commands_total{command="timeline",platform="discord",outcome="listed"} 1',
    );
  });

  it('turns unready when Slack drops the socket', async () => {
    await slack.close();
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 503; attempt++) {
      const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      status = ready.status;
      if (status === 503) expect(await ready.json()).toMatchObject({ unready: ['slack'] });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(503);
  });
});

describe('npm start with Slack OAuth: installs in many workspaces, tokens sealed in the store', () => {
  let slack: FakeSlack;
  let child: ChildProcess;
  let port: number;
  let dataDir: string;
  const logs: string[] = [];
  // Made up for the test, shaped like the real ones.
  const secrets = {
    SLACK_CLIENT_SECRET: 'E2eOAuthClientSecret0123',
    SLACK_STATE_SECRET: 'E2eOAuthStateSecret0123',
    SLACK_INSTALLATION_KEY: randomBytes(32).toString('base64'),
  };

  /** Starts npm start on the same data with these keys; its log lines go to `logs`. */
  const startBot = async (keys: Readonly<Record<string, string>>) => {
    child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'main.ts')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        KNOWLEDGE_DIR: fixtureKnowledgeDir,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
        HOST: '127.0.0.1',
        PORT: String(port),
        SLACK_CLIENT_ID: '1234567890.0987654321',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        ...secrets,
        ...keys,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // This run's lines, to wait on; every run's lines go to `logs` as well.
    const run: string[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      run.push(chunk);
      logs.push(chunk);
    });
    await logged(child, run, 'daily scheduler started');
    return run;
  };

  const stopBot = async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    return exited;
  };

  const storedKeyIds = () => {
    const db = new Database(path.join(dataDir, 'trucebrief.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT key_id FROM slack_installations').all();
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    slack = await createFakeSlack();
    slack.acceptOAuthApp({
      clientId: '1234567890.0987654321',
      clientSecret: secrets.SLACK_CLIENT_SECRET,
    });
    slack.addUser({ id: 'U0ADMIN', is_admin: true, tz: 'Europe/Kyiv' });
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'trucebrief-e2e-oauth-'));
    await startBot({});
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
  });

  it('installs through /slack/install and /slack/oauth_redirect, then answers that workspace with its token', async () => {
    const appUrl = `http://127.0.0.1:${port}`;
    const installed = await installThroughOAuth(appUrl, slack, {
      teamId: 'T0E2E',
      teamName: 'E2E',
    });
    expect(installed.status).toBe(200);
    const body = slashCommandBody({
      command: '/daily',
      text: 'subscribe 07:30 Europe/Kyiv',
      response_url: slack.responseUrl('e2e-oauth-daily'),
      user_id: 'U0ADMIN',
      team_id: 'T0E2E',
    });
    const result = await postToApp(`${appUrl}/slack/events`, body, {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(result.status).toBe(200);
    expect(result.text).toContain('Subscribed: daily briefing at 07:30');
    const [lookup] = slack.calls('users.info');
    expect(lookup?.headers.authorization).toBe(`Bearer ${slack.botTokenOf('T0E2E')}`);
  });

  it('keeps the installation in the SQLite store with no token in the clear, and prints no secret', async () => {
    expect(await stopBot()).toBe(0);
    const db = new Database(path.join(dataDir, 'trucebrief.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM slack_installations').all();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(String(slack.botTokenOf('T0E2E')));
      expect(JSON.stringify(rows)).not.toContain('xoxe');
    } finally {
      db.close();
    }
    const output = logs.join('');
    expect(output).toContain('"level":"debug"');
    for (const value of [...Object.values(secrets), String(slack.botTokenOf('T0E2E'))]) {
      expect(output).not.toContain(value);
    }
  });

  it('after a key rotation, seals the installation with the new key at start-up and still serves it', async () => {
    const newKey = randomBytes(32).toString('base64');
    const [before] = storedKeyIds() as { key_id: string }[];
    const run = await startBot({
      SLACK_INSTALLATION_KEY: newKey,
      SLACK_INSTALLATION_PREVIOUS_KEYS: secrets.SLACK_INSTALLATION_KEY,
    });
    expect(run.join('')).toContain('"sealed":1');
    const [after] = storedKeyIds() as { key_id: string }[];
    expect(after?.key_id).not.toBe(before?.key_id);
    // No row needs the old key now: the new key alone opens the installation.
    expect(await stopBot()).toBe(0);
    await startBot({ SLACK_INSTALLATION_KEY: newKey });
    const result = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({
        command: '/daily',
        text: 'status',
        response_url: slack.responseUrl('e2e-oauth-rotated'),
        team_id: 'T0E2E',
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(result.status).toBe(200);
    expect(result.text).toContain('Daily briefing');
    expect(await stopBot()).toBe(0);
    expect(logs.join('')).not.toContain(newKey);
    // Two start-ups of the bot in one test.
  }, 60_000);
});
