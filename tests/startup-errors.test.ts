import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDiscord } from './fakes/fake-discord.ts';
import { createFakeSlack } from './fakes/fake-slack.ts';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { runScript, type ScriptRun } from './helpers/run-script.ts';

const webhookSecret = 'webhookSecretToken';
const dataDir = () => mkdtempSync(path.join(tmpdir(), 'trucebrief-startup-'));
/** Webhooks alone make `npm start` serve platforms (and open the store) without Slack or Discord. */
const env = {
  KNOWLEDGE_DIR: fixtureKnowledgeDir,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  DAILY_WEBHOOK_URLS: `https://discord.com/api/webhooks/1/${webhookSecret}`,
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A port something already listens on, or (closed) one nothing does. */
async function port(keepListening: boolean): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const number = typeof address === 'object' && address ? address.port : 0;
  if (keepListening) servers.push(server);
  else await new Promise((resolve) => server.close(resolve));
  return number;
}

/** One line naming the setting, exit 1, no stack trace, none of the secrets anywhere. */
function expectOneLine(run: ScriptRun, setting: string, secrets: readonly string[]): string {
  expect(run.code).not.toBe(0);
  expect(run.code).not.toBeNull();
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${setting}: `));
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const secret of [webhookSecret, ...secrets]) {
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
  return lines[0] ?? '';
}

describe('npm start, when a start-up step fails for a setting', () => {
  it('given DATABASE_URL on a closed port, names it with host and port, never the password', async () => {
    const closed = await port(false);
    const run = await runScript('src/main.ts', [], {
      env: {
        ...env,
        DATABASE_URL: `postgres://trucebrief:pgSecretPassword@127.0.0.1:${closed}/trucebrief`,
      },
    });
    const line = expectOneLine(run, 'DATABASE_URL', ['pgSecretPassword']);
    expect(line).toBe(
      `DATABASE_URL: could not connect to PostgreSQL at 127.0.0.1:${closed} (connection refused; check the server is running and the URL’s host and port)`,
    );
  });

  it('given the same at LOG_LEVEL=debug, logs the cause too, still without the password', async () => {
    const closed = await port(false);
    const run = await runScript('src/main.ts', [], {
      env: {
        ...env,
        LOG_LEVEL: 'debug',
        DATABASE_URL: `postgres://trucebrief:pgSecretPassword@127.0.0.1:${closed}/trucebrief`,
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"step":"store".*"message":"start-up step failed"/);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('pgSecretPassword');
  });

  it('given a DATA_DIR that is a file, names DATA_DIR', async () => {
    const file = path.join(dataDir(), 'not-a-directory');
    writeFileSync(file, '');
    const run = await runScript('src/main.ts', [], { env: { ...env, DATA_DIR: file } });
    expect(expectOneLine(run, 'DATA_DIR', [])).toContain(`SQLite store in ${file}`);
  });

  it.runIf(existsSync('/proc/self'))(
    'given a DATA_DIR that cannot be created under /proc, fails at once instead of hanging',
    async () => {
      const started = Date.now();
      const run = await runScript('src/main.ts', [], {
        env: { ...env, DATA_DIR: '/proc/trucebrief-cannot-exist' },
      });
      expect(expectOneLine(run, 'DATA_DIR', [])).toContain('(ENOENT)');
      expect(Date.now() - started).toBeLessThan(15_000);
    },
    20_000,
  );

  it('given a Slack bot token Slack rejects (invalid_auth), names SLACK_BOT_TOKEN', async () => {
    const slack = await createFakeSlack();
    const invalid = { body: { ok: false, error: 'invalid_auth' } };
    slack.script('auth.test', invalid, invalid, invalid);
    try {
      const run = await runScript('src/main.ts', [], {
        env: {
          ...env,
          DATA_DIR: dataDir(),
          PORT: String(await port(false)),
          SLACK_BOT_TOKEN: 'xoxb-slackSecretToken',
          SLACK_SIGNING_SECRET: 'slackSigningSecret',
          SLACK_API_URL: slack.apiUrl,
        },
      });
      const line = expectOneLine(run, 'SLACK_BOT_TOKEN', [
        'slackSecretToken',
        'slackSigningSecret',
      ]);
      expect(line).toContain('invalid_auth');
    } finally {
      await slack.close();
    }
  });

  it('given a Discord token Discord rejects (401, TokenInvalid), names DISCORD_TOKEN', async () => {
    const discord = await createFakeDiscord();
    discord.failNext({
      method: 'GET',
      path: /^\/gateway\/bot/,
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
      times: 5,
    });
    try {
      const run = await runScript('src/main.ts', [], {
        env: {
          ...env,
          DATA_DIR: dataDir(),
          DISCORD_TOKEN: 'discordSecretToken',
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.apiUrl,
        },
      });
      expect(expectOneLine(run, 'DISCORD_TOKEN', ['discordSecretToken'])).toContain('TokenInvalid');
    } finally {
      await discord.close();
    }
  });

  it('given a PORT already taken, names PORT', async () => {
    const slack = await createFakeSlack();
    const taken = await port(true);
    try {
      const run = await runScript('src/main.ts', [], {
        env: {
          ...env,
          DATA_DIR: dataDir(),
          PORT: String(taken),
          SLACK_BOT_TOKEN: 'xoxb-slackSecretToken',
          SLACK_SIGNING_SECRET: 'slackSigningSecret',
          SLACK_API_URL: slack.apiUrl,
        },
      });
      expect(expectOneLine(run, 'PORT', ['slackSecretToken', 'slackSigningSecret'])).toContain(
        `port ${taken} is already in use`,
      );
    } finally {
      await slack.close();
    }
  });

  it('given a HEALTH_PORT already taken, names HEALTH_PORT', async () => {
    const taken = await port(true);
    const run = await runScript('src/main.ts', [], {
      env: { ...env, DATA_DIR: dataDir(), HEALTH_PORT: String(taken) },
    });
    expect(expectOneLine(run, 'HEALTH_PORT', [])).toContain(`port ${taken} (EADDRINUSE)`);
  });
});
