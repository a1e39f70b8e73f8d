import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logging.ts';
import { secretValues } from '../../src/settings.ts';

/** A real logger whose output is kept as text, exactly as it would reach stderr. */
function capture(
  options: Parameters<typeof createLogger>[2] = {},
  level: 'debug' | 'info' = 'debug',
) {
  let output = '';
  const logger = createLogger(
    level,
    (line) => {
      output += line;
    },
    options,
  );
  return { logger, output: () => output };
}

// Shaped like the real ones, made up for the test.
const env = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-SecretBotToken',
  SLACK_SIGNING_SECRET: 'c0ffee5ecretSigningSecret42',
  SLACK_APP_TOKEN: 'xapp-1-A111-2222-SecretAppToken',
  SLACK_CLIENT_SECRET: 'SecretClientSecret0123',
  SLACK_STATE_SECRET: 'SecretStateSecret0123',
  SLACK_INSTALLATION_KEY: 'SecretInstallKey0000000000000000000000000Aa=',
  SLACK_INSTALLATION_PREVIOUS_KEYS:
    'SecretOldKeyOne000000000000000000000000000A=, SecretOldKeyTwo000000000000000000000000000A=',
  DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.SecretDiscordTokenPart000000000',
  DISCORD_PUBLIC_KEY: 'abcdef0123456789SecretPublicKey',
  DATABASE_URL: 'postgres://trucebrief:Secret%2FPass%40word@db:5432/trucebrief',
  DAILY_WEBHOOK_URLS:
    'https://hooks.example.test/services/T000/B000/SecretSlackHook 07:30, discord:https://chat.example.test/api/webhooks/123456/SecretDiscordHook',
};
const secrets = secretValues(env);
const secretWords = [
  'SecretBotToken',
  'c0ffee5ecretSigningSecret42',
  'SecretAppToken',
  'SecretClientSecret0123',
  'SecretStateSecret0123',
  'SecretInstallKey',
  'SecretOldKeyOne',
  'SecretOldKeyTwo',
  'SecretDiscordTokenPart',
  'SecretPublicKey',
  'Secret%2FPass%40word',
  'Secret/Pass@word',
  'SecretSlackHook',
  'SecretDiscordHook',
];

describe('the logger', () => {
  it('writes one JSON line per event, with level, time and message', () => {
    const { logger, output } = capture();
    logger.info('platform started', { platform: 'slack' });
    logger.warn('two\nlines in a message stay one line');
    const lines = output().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      message: 'platform started',
      platform: 'slack',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('leaves out what is below LOG_LEVEL', () => {
    const { logger, output } = capture({}, 'info');
    logger.debug('noise');
    logger.info('kept');
    expect(output()).not.toContain('noise');
    expect(output()).toContain('kept');
  });

  it('logs an error with its stack, its code and its cause', () => {
    const { logger, output } = capture();
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    logger.error('store failed', { error: new Error('could not migrate', { cause }) });
    const record = JSON.parse(output()) as { error: Record<string, unknown> };
    expect(record.error).toMatchObject({
      name: 'Error',
      message: 'could not migrate',
      stack: expect.stringContaining('logging.test.ts'),
      cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    });
  });

  it('never prints a secret setting, whether in the context, the message or a stack', () => {
    const { logger, output } = capture({ secrets });
    for (const [name, value] of Object.entries(env)) {
      logger.error(`failed with ${name}=${value}`, {
        value,
        nested: { headers: { authorization: `Bearer ${value}` } },
        error: new Error(`request to ${value} failed`),
      });
    }
    for (const url of env.DAILY_WEBHOOK_URLS.split(/[\s,]+/))
      logger.warn(url.replace(/^discord:/, ''));
    // The forms a library may print: URL-encoded, the webhook URL without the time, the decoded password.
    logger.info(encodeURIComponent(env.SLACK_SIGNING_SECRET));
    logger.info('pg said: password for Secret/Pass@word rejected');
    // One previous installation key alone, as a library quoting the key it tried would.
    logger.info('tried SecretOldKeyTwo000000000000000000000000000A=');
    const text = output();
    for (const word of secretWords) expect(text).not.toContain(word);
    expect(text).toContain('[redacted]');
    // Still useful: the setting's name and the non-secret parts stay.
    expect(text).toContain('failed with DATABASE_URL=postgres://trucebrief:[redacted]@db:5432');
  });

  it('blanks secrets it was not told about by their shape', () => {
    const { logger, output } = capture();
    logger.warn('posting failed', {
      reason:
        'POST https://hooks.example.test/services/T9/B9/UnknownHook and https://x.test/api/webhooks/99/UnknownDiscordHook with xoxb-9-UnknownToken and xapp-9-UnknownApp, refreshed with xoxe-1-UnknownRefresh into xoxe.xoxb-1-UnknownRotated, Authorization: Bot UnknownBotHeaderValue0',
      url: 'postgresql://user:UnknownPassword@host/db',
      body: '{"code":"c.1","client_id":"1.2","client_secret":"UnknownClientSecret"}',
      form: 'client_id=1.2&client_secret=UnknownFormSecret&grant_type=refresh_token',
    });
    const text = output();
    for (const word of [
      'UnknownHook',
      'UnknownDiscordHook',
      'UnknownToken',
      'UnknownApp',
      'UnknownRefresh',
      'UnknownRotated',
      'UnknownBotHeaderValue0',
      'UnknownPassword',
      'UnknownClientSecret',
      'UnknownFormSecret',
    ])
      expect(text).not.toContain(word);
  });

  it('on a terminal, writes a readable line with the stack below it', () => {
    const { logger, output } = capture({ format: 'pretty', secrets });
    logger.warn('daily post will be retried', {
      platform: 'slack',
      retryInMs: 30000,
      error: new Error(`posting to ${env.SLACK_BOT_TOKEN} failed`),
    });
    const [head, ...stack] = output().trimEnd().split('\n');
    expect(head).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}daily post will be retried platform=slack retryInMs=30000 error="Error: posting to \[redacted\] failed"$/,
    );
    expect(stack[0]).toBe('    Error: posting to [redacted] failed');
    expect(stack.join('\n')).toContain('logging.test.ts');
    expect(output()).not.toContain('SecretBotToken');
  });
});
