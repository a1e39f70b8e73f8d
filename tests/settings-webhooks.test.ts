import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/settings.ts';

describe('DAILY_WEBHOOK_URLS', () => {
  it('reads Slack and Discord webhooks with their times and zones, defaulting to 08:00 UTC', () => {
    const config = parseConfig({
      DAILY_WEBHOOK_URLS: [
        'https://hooks.slack.com/services/T000/B000/XXXX 07:30 Europe/Kyiv',
        'https://discord.com/api/webhooks/123/abc',
        'discord:http://127.0.0.1:8080/hook America/New_York 6pm',
      ].join(',\n'),
    });
    expect(config.dailyWebhooks).toEqual([
      {
        kind: 'slack',
        url: 'https://hooks.slack.com/services/T000/B000/XXXX',
        time: '07:30',
        timeZone: 'Europe/Kyiv',
      },
      {
        kind: 'discord',
        url: 'https://discord.com/api/webhooks/123/abc',
        time: '08:00',
        timeZone: 'UTC',
      },
      {
        kind: 'discord',
        url: 'http://127.0.0.1:8080/hook',
        time: '18:00',
        timeZone: 'America/New_York',
      },
    ]);
  });

  it('names the bad entry without printing its secret URL', () => {
    try {
      parseConfig({
        DAILY_WEBHOOK_URLS:
          'https://hooks.slack.com/services/T/B/SECRET 08:00 Mars/Base, https://example.org/SECRET2',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('DAILY_WEBHOOK_URLS entry 1: word 3 is neither');
      expect(message).not.toContain('Mars/Base');
      expect(message).toContain('DAILY_WEBHOOK_URLS entry 2: cannot tell Slack from Discord');
      expect(message).not.toContain('SECRET');
    }
  });

  it('given two URLs separated by a space, says so without quoting the second URL', () => {
    const second = 'https://hooks.slack.com/services/T111/B222/secondTokenValue';
    try {
      parseConfig({
        DAILY_WEBHOOK_URLS: `https://hooks.slack.com/services/T000/B000/firstToken ${second}`,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain(
        'DAILY_WEBHOOK_URLS entry 1: word 2 looks like a second URL; separate entries with commas or new lines',
      );
      expect(message).not.toContain('secondTokenValue');
      expect(message).not.toContain('hooks.slack.com');
    }
  });
});
