import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import {
  nowSeconds,
  postToApp,
  signSlackRequest,
  slashCommandBody,
} from '../../fakes/slack-requests.ts';
import {
  createRecordingLogger,
  createTestCore,
  headerOf,
  type ReceivedMessage,
} from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';

describe('Slack HTTP mode given hostile requests (real Bolt, fake Slack)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let eventsUrl: string;
  let records: Record<string, unknown>[];
  let counter = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    const recording = createRecordingLogger();
    records = recording.records;
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      await createTestCore(),
      recording.logger,
      { host: '127.0.0.1' },
    );
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  const slashBody = (text = 'budapest') =>
    slashCommandBody({
      command: '/agreement',
      text,
      response_url: fake.responseUrl(`hostile-${++counter}`),
    });
  const form = 'application/x-www-form-urlencoded' as const;

  const refusals = (reason: string) =>
    records.filter((r) => r.message === 'Slack request refused' && r.reason === reason);

  /** The bot still answers a good request: the process and the server survived. */
  const stillServes = async () => {
    const result = await postToApp(eventsUrl, slashBody(), { signingSecret, contentType: form });
    expect(result.status).toBe(200);
    expect(headerOf(JSON.parse(result.text) as ReceivedMessage)).toBe('Budapest Memorandum');
  };

  describe('bodies that are valid JSON but not an object', () => {
    it.each([
      ['a JSON null body', 'null', 'application/json'],
      ['a JSON array body', '[]', 'application/json'],
      ['a JSON number body', '42', 'application/json'],
      ['a form whose payload is null', 'payload=null', form],
      ['a form whose payload is a string', 'payload=%22x%22', form],
    ] as const)(
      'answers %s with 400 and a log line, and keeps serving',
      async (_, body, contentType) => {
        const before = refusals('body is not a JSON object').length;
        const result = await postToApp(eventsUrl, body, { signingSecret, contentType });
        expect(result.status).toBe(400);
        expect(refusals('body is not a JSON object')).toHaveLength(before + 1);
        await stillServes();
      },
    );
  });

  describe('timestamps', () => {
    it.each([
      ['six minutes ahead', 6 * 60],
      ['a year ahead', 365 * 24 * 60 * 60],
      ['six minutes old', -6 * 60],
    ])('refuses a correctly signed request dated %s with 401', async (_, offset) => {
      const result = await postToApp(eventsUrl, slashBody(), {
        signingSecret,
        contentType: form,
        timestamp: nowSeconds() + offset,
      });
      expect(result.status).toBe(401);
      expect(refusals('timestamp more than five minutes from now').length).toBeGreaterThan(0);
    });

    it('accepts one dated four minutes ahead (a clock slightly fast)', async () => {
      const result = await postToApp(eventsUrl, slashBody(), {
        signingSecret,
        contentType: form,
        timestamp: nowSeconds() + 4 * 60,
      });
      expect(result.status).toBe(200);
    });

    it('refuses a non-numeric timestamp with 401', async () => {
      const body = slashBody();
      const result = await fetch(eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': form,
          'x-slack-request-timestamp': 'soon',
          'x-slack-signature': signSlackRequest(signingSecret, nowSeconds(), body),
        },
        body,
      });
      expect(result.status).toBe(401);
    });
  });

  describe('replays', () => {
    it('answers a signed request once; the exact same request again within the window gets 401', async () => {
      const body = slashBody('minsk ii');
      const timestamp = nowSeconds();
      const signature = signSlackRequest(signingSecret, timestamp, body);
      const options = { signingSecret, contentType: form, timestamp, signature };
      const first = await postToApp(eventsUrl, body, options);
      expect(first.status).toBe(200);
      const replay = await postToApp(eventsUrl, body, options);
      expect(replay.status).toBe(401);
      expect(replay.text).toBe('');
      expect(refusals('signature already used')).toHaveLength(1);
    });

    it('does not let a forged signature block the genuine request that carries it', async () => {
      const body = slashBody('minsk ii');
      const timestamp = nowSeconds();
      const signature = signSlackRequest(signingSecret, timestamp, body);
      // The genuine signature on a different body: refused, and not remembered.
      const forged = await postToApp(eventsUrl, body.replace('minsk', 'crimea'), {
        signingSecret,
        contentType: form,
        timestamp,
        signature,
      });
      expect(forged.status).toBe(401);
      const genuine = await postToApp(eventsUrl, body, {
        signingSecret,
        contentType: form,
        timestamp,
        signature,
      });
      expect(genuine.status).toBe(200);
    });
  });

  it("still answers Slack's unsigned SSL check", async () => {
    const result = await postToApp(eventsUrl, 'ssl_check=1&token=x', {
      signingSecret,
      contentType: form,
      signature: null,
    });
    expect(result.status).toBe(200);
  });
});
