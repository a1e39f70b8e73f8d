import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/settings.ts';
import { problemsOf } from '../../helpers/config-problems.ts';

const publicKey = 'A1'.repeat(32);
const applicationId = '100000000000000001';

describe('DISCORD_PUBLIC_KEY', () => {
  it('given the key and the application id alone, serves interactions over HTTP with no bot', () => {
    const config = parseConfig({
      DISCORD_PUBLIC_KEY: publicKey,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config.discordInteractions).toEqual({
      applicationId,
      publicKey: publicKey.toLowerCase(),
      apiUrl: 'http://127.0.0.1:9999/api',
    });
    // No bot: no gateway, no registration, no daily posts.
    expect(config.discord).toBeUndefined();
  });

  it('given a bot token too, keeps it for daily posts and registration', () => {
    const config = parseConfig({
      DISCORD_PUBLIC_KEY: publicKey,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_TOKEN: 'bot-token',
    });
    expect(config.discordInteractions?.token).toBe('bot-token');
    expect(config.discord).toMatchObject({ token: 'bot-token', applicationId });
  });

  it.each([
    ['too short', 'abc123'],
    ['not hexadecimal', 'g'.repeat(64)],
    ['base64 instead of hex', `${'q'.repeat(43)}=`],
  ])('given a key %s, names the variable and never prints the value', (_name, value) => {
    const message = problemsOf({
      DISCORD_PUBLIC_KEY: value,
      DISCORD_APPLICATION_ID: applicationId,
    });
    expect(message).toContain('DISCORD_PUBLIC_KEY: expected');
    expect(message).not.toContain(value);
  });

  it('given the key without an application id, names DISCORD_APPLICATION_ID', () => {
    const message = problemsOf({ DISCORD_PUBLIC_KEY: publicKey });
    expect(message).toContain('DISCORD_APPLICATION_ID: required when DISCORD_PUBLIC_KEY is set');
    expect(message).not.toContain(publicKey);
  });

  it('still needs a bot token for the gateway when no key is set', () => {
    expect(problemsOf({ DISCORD_APPLICATION_ID: applicationId })).toContain(
      'DISCORD_TOKEN: required when Discord is configured',
    );
  });
});
