import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createPrometheusMetrics } from '../../../src/infra/metrics.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { eventCallback, postToApp } from '../../fakes/slack-requests.ts';
import { createRecordingLogger, createTestCore } from './helpers.ts';

const signingSecret = 'test-signing-secret-reply-429';

describe('a 429 to a Slack reply (real Bolt, fake Slack)', () => {
  const prometheus = createPrometheusMetrics();
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let records: Record<string, unknown>[];

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
      {
        host: '127.0.0.1',
        onReplyRateLimited: () => prometheus.metrics.rateLimited('slack', 'reply'),
      },
    );
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('is counted in /metrics as a reply’s, and logged with the request', async () => {
    fake.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const body = JSON.stringify(
      eventCallback({
        type: 'app_mention',
        user: 'U0ASKER',
        text: '<@U0BOT> minsk 2',
        ts: '1700000000.000900',
        channel: 'C0BUSY',
        event_ts: '1700000000.000900',
      }),
    );
    const { status } = await postToApp(`http://127.0.0.1:${adapter.port}/slack/events`, body, {
      signingSecret,
      contentType: 'application/json',
    });
    expect(status).toBe(200);
    await fake.waitFor((r) => r.name === 'chat.postMessage' && r.body.channel === 'C0BUSY');
    for (let i = 0; i < 100 && !records.some((r) => r.message === 'Slack reply failed'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(records).toContainEqual(
      expect.objectContaining({ message: 'Slack reply failed', channel: 'C0BUSY' }),
    );
    const metrics = await prometheus.render();
    expect(metrics).toContain('trucebrief_rate_limited_total{platform="slack",work="reply"} 1');
  });
});
