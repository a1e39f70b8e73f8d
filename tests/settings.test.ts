import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/settings.ts';
import { problemsOf } from './helpers/config-problems.ts';

describe('parseConfig', () => {
  it('given nothing, defaults to the console with ./knowledge and ./data', () => {
    const config = parseConfig({});
    expect(config).toEqual({
      knowledgeDir: './knowledge',
      dataDir: './data',
      logLevel: 'info',
      port: 3000,
      host: '0.0.0.0',
      dailyWebhooks: [],
      living: {
        feedsFile: './feeds.yaml',
        feedsPollMs: 30 * 60_000,
        dailyHeadlines: false,
        reportHashKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        unansweredRetention: { maxAgeMs: 90 * 86_400_000, maxQuestions: 5000 },
        editorsChannels: {},
        knowledgeWatch: false,
      },
    });
  });

  it('given HOST and HEALTH_PORT, binds the listeners there and serves health on that port', () => {
    const config = parseConfig({ HOST: '127.0.0.1', HEALTH_PORT: '9090' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.healthPort).toBe(9090);
    expect(parseConfig({ HOST: '::' }).host).toBe('::');
  });

  it('given a HOST that is not an address and a bad HEALTH_PORT, names both variables', () => {
    const message = problemsOf({ HOST: 'my laptop', HEALTH_PORT: '70000' });
    expect(message).toContain(
      'HOST: expected an IP address to listen on, such as 0.0.0.0 (all), 127.0.0.1 or ::',
    );
    expect(message).toContain('HEALTH_PORT: expected a port from 1 to 65535');
  });

  it('given PUBLIC_BASE_URL, keeps it for image blocks; a non-https URL or a query is named', () => {
    expect(
      parseConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/trucebrief' }).publicBaseUrl,
    ).toBe('https://bot.example.org/trucebrief');
    expect(problemsOf({ PUBLIC_BASE_URL: 'http://bot.example.org' })).toContain(
      'PUBLIC_BASE_URL: expected an https:// URL',
    );
    expect(problemsOf({ PUBLIC_BASE_URL: 'not a url' })).toContain('PUBLIC_BASE_URL:');
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://bot.example.org/?a=1' })).toContain(
      'PUBLIC_BASE_URL: expected a URL without ? or #',
    );
  });

  it('given Slack in HTTP mode, reads the signing secret and the port', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's3cret',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's3cret',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
      dailyManagers: [],
    });
  });

  it('given SLACK_DAILY_MANAGERS, reads the Slack user ids allowed to manage daily posts', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_DAILY_MANAGERS: ' U012AB3CD, W0ENTERPRISE ,,U0SECOND ',
    });
    expect(config.slack?.dailyManagers).toEqual(['U012AB3CD', 'W0ENTERPRISE', 'U0SECOND']);
  });

  it('given a display name in SLACK_DAILY_MANAGERS, says which entry is not a user id', () => {
    const message = problemsOf({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_DAILY_MANAGERS: 'U012AB3CD,@alice',
    });
    expect(message).toContain('SLACK_DAILY_MANAGERS entry 2: expected a Slack user id');
  });

  it('given a Slack bot token without a mode, names the variables to set', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-secret-value' })).toContain(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET',
    );
  });

  it('given Discord without its application id, names DISCORD_APPLICATION_ID and never prints the token', () => {
    const message = problemsOf({ DISCORD_TOKEN: 'very-secret-token' });
    expect(message).toContain('DISCORD_APPLICATION_ID: required');
    expect(message).not.toContain('very-secret-token');
  });

  it('given a malformed token, names the variable without echoing its value', () => {
    const message = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(message).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(message).not.toContain('xoxp-user-token-secret');
  });

  it('given a bad port and a bad database URL, reports both', () => {
    const message = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://user:pw@host/db' });
    expect(message).toContain('PORT: expected a port number');
    expect(message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(message).not.toContain('user:pw');
  });

  it('treats empty variables as unset, as .env files often leave them', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: '', DISCORD_TOKEN: ' ' }).slack).toBeUndefined();
  });
});

describe('parseConfig: Slack OAuth (installs in many workspaces)', () => {
  // Made up for the test; shaped like the real ones.
  const key = Buffer.alloc(32, 7);
  const oauth = {
    SLACK_CLIENT_ID: '1234567890.1234567890',
    SLACK_CLIENT_SECRET: 'oauth-client-secret-value',
    SLACK_STATE_SECRET: 'oauth-state-secret-value',
    SLACK_SIGNING_SECRET: 'oauth-signing-secret',
    SLACK_INSTALLATION_KEY: key.toString('base64'),
  };

  it('given the client id, secrets and key, configures HTTP mode with no bot token', () => {
    const config = parseConfig({
      ...oauth,
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://bot.example.com/',
    });
    expect(config.slack).toEqual({
      oauth: {
        clientId: '1234567890.1234567890',
        clientSecret: 'oauth-client-secret-value',
        stateSecret: 'oauth-state-secret-value',
        redirectUri: 'https://bot.example.com/slack/oauth_redirect',
      },
      signingSecret: 'oauth-signing-secret',
      port: 8080,
      dailyManagers: [],
    });
    expect(config.slackInstallationKeys).toEqual({ current: key, previous: [] });
  });

  it('reads the key as hex or base64, and previous keys for a rotation', () => {
    const old = Buffer.alloc(32, 9);
    const config = parseConfig({
      ...oauth,
      SLACK_INSTALLATION_KEY: key.toString('hex'),
      SLACK_INSTALLATION_PREVIOUS_KEYS: `${old.toString('base64url')}, ${old.toString('hex')}`,
    });
    expect(config.slackInstallationKeys).toEqual({ current: key, previous: [old, old] });
  });

  it('names every missing OAuth setting', () => {
    const message = problemsOf({ SLACK_CLIENT_ID: '1234567890.1234567890' });
    for (const name of [
      'SLACK_SIGNING_SECRET',
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
      'SLACK_INSTALLATION_KEY',
    ]) {
      expect(message).toContain(`${name}: required when SLACK_CLIENT_ID is set (Slack OAuth)`);
    }
  });

  it('refuses a key that is not 32 bytes, naming the variable and the entry but never the value', () => {
    const message = problemsOf({
      ...oauth,
      SLACK_INSTALLATION_KEY: 'too-short-secret-key',
      SLACK_INSTALLATION_PREVIOUS_KEYS: `${key.toString('hex')},another-bad-secret-key`,
    });
    expect(message).toContain(
      'SLACK_INSTALLATION_KEY: expected 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)',
    );
    expect(message).toContain('SLACK_INSTALLATION_PREVIOUS_KEYS: entry 2: expected 32 bytes');
    expect(message).not.toContain('too-short-secret-key');
    expect(message).not.toContain('another-bad-secret-key');
  });

  it('refuses a bot token or an app token beside the client id', () => {
    const message = problemsOf({
      ...oauth,
      SLACK_BOT_TOKEN: 'xoxb-single-workspace-secret',
      SLACK_APP_TOKEN: 'xapp-socket-secret',
    });
    expect(message).toContain('SLACK_BOT_TOKEN: not with SLACK_CLIENT_ID');
    expect(message).toContain('SLACK_APP_TOKEN: not with SLACK_CLIENT_ID');
    for (const secret of ['xoxb-single-workspace-secret', 'xapp-socket-secret']) {
      expect(message).not.toContain(secret);
    }
  });

  it('refuses a short state secret without printing it', () => {
    const message = problemsOf({ ...oauth, SLACK_STATE_SECRET: 'short-secret' });
    expect(message).toContain('SLACK_STATE_SECRET: expected at least 16 characters');
    expect(message).not.toContain('short-secret');
  });

  it('refuses a malformed client id and a public URL Slack would not redirect to', () => {
    const message = problemsOf({
      ...oauth,
      SLACK_CLIENT_ID: 'my-app',
      PUBLIC_BASE_URL: 'http://bot.example.com',
    });
    expect(message).toContain(
      'SLACK_CLIENT_ID: expected a client id such as 1234567890.1234567890',
    );
    expect(message).toContain(
      'PUBLIC_BASE_URL: expected an https:// URL (http only for localhost)',
    );
  });

  it('asks which workspace the editors’ channel is in, since each workspace posts with its own token', () => {
    expect(problemsOf({ ...oauth, SLACK_EDITORS_CHANNEL: 'C012AB3CD' })).toContain(
      'SLACK_EDITORS_WORKSPACE: required with SLACK_EDITORS_CHANNEL when SLACK_CLIENT_ID is set',
    );
    const config = parseConfig({
      ...oauth,
      SLACK_EDITORS_CHANNEL: 'C012AB3CD',
      SLACK_EDITORS_WORKSPACE: 'T012AB3CD',
    });
    expect(config.living.editorsChannels).toEqual({
      slack: 'C012AB3CD',
      slackWorkspace: 'T012AB3CD',
    });
    expect(problemsOf({ ...oauth, SLACK_EDITORS_WORKSPACE: 'acme' })).toContain(
      'SLACK_EDITORS_WORKSPACE: expected a Slack workspace (team) id such as T012AB3CD',
    );
  });

  it('leaves a client secret set for another tool alone when SLACK_CLIENT_ID is not set', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_CLIENT_SECRET: 'unrelated',
    });
    expect(config.slack?.botToken).toBe('xoxb-1');
    expect(config.slackInstallationKeys).toBeUndefined();
  });
});
