import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/settings.ts';

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

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
