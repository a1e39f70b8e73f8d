import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import {
  createCore,
  createDailyService,
  type DailyStore,
  defaultRateLimits,
  systemClock,
} from '../../../src/core/index.ts';
import { openDailyStore } from '../../../src/infra/store/open.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from '../../fakes/slack-requests.ts';
import {
  createRecordingLogger,
  createTestCore,
  headerOf,
  type ReceivedMessage,
} from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';

describe('Slack per-user limits (real Bolt, fake Slack, the core’s rate limits, SQLite)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let store: DailyStore;
  let dataDir: string;
  let eventsUrl: string;
  let counter = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    fake.addUser({ id: 'U0MEMBER', tz: 'Europe/Berlin' });
    fake.addUser({ id: 'U0ADMIN', is_admin: true, tz: 'Europe/Kyiv' });
    const knowledge = (await createTestCore()).knowledge;
    dataDir = await mkdtemp(path.join(tmpdir(), 'trucebrief-slack-limits-'));
    store = await openDailyStore({ dataDir });
    const core = createCore(knowledge, {
      daily: createDailyService({ store, knowledge, clock: systemClock }),
      rateLimits: defaultRateLimits,
      // Time stands still for the limits, so a slow machine refills no bucket mid-flood.
      now: () => Date.UTC(2026, 11, 2, 12, 0),
    });
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      core,
      createRecordingLogger().logger,
      { host: '127.0.0.1' },
    );
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const slash = async (command: string, text: string, user: string, channel: string) => {
    const id = `limits-${++counter}`;
    const result = await postToApp(
      eventsUrl,
      slashCommandBody({
        command,
        text,
        response_url: fake.responseUrl(id),
        user_id: user,
        channel_id: channel,
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(result.status).toBe(200);
    // /daily may answer through response_url when the store is slow; either way, one answer.
    const message = result.text
      ? (JSON.parse(result.text) as ReceivedMessage)
      : ((await fake.waitFor((r) => r.kind === 'response' && r.name === id))
          .body as ReceivedMessage);
    return message;
  };

  it('answers the first ten of 100 /fact sent at once by one person and asks them to wait for the rest', async () => {
    const messages = await Promise.all(
      Array.from({ length: 100 }, () =>
        slash('/fact', 'when was minsk ii signed', 'U0FLOOD', 'C0FLOOD'),
      ),
    );
    const waits = messages.filter((m) => headerOf(m) === 'One moment, please');
    expect(waits).toHaveLength(90);
    expect(waits[0]?.response_type).toBe('ephemeral');
    expect(JSON.stringify(waits[0]?.blocks)).toContain('Please try again in');
    // Someone else, elsewhere, is answered as usual.
    const other = await slash('/fact', 'when was minsk ii signed', 'U0CALM', 'C0CALM');
    expect(headerOf(other)).not.toBe('One moment, please');
  });

  it('makes one users.info call for 200 /daily subscribe attempts by one person', async () => {
    const messages = await Promise.all(
      Array.from({ length: 200 }, () => slash('/daily', 'subscribe 07:30', 'U0MEMBER', 'C0DAILY')),
    );
    expect(fake.calls('users.info').filter((c) => c.body.user === 'U0MEMBER')).toHaveLength(1);
    expect(messages.filter((m) => headerOf(m) === 'Cannot do that')).toHaveLength(10);
    expect(messages.filter((m) => headerOf(m) === 'One moment, please')).toHaveLength(190);
  });

  it('asks Slack once a minute who someone is, however often they manage daily posts', async () => {
    for (const text of ['subscribe 07:30 Europe/Kyiv', 'subscribe 08:00', 'unsubscribe']) {
      await slash('/daily', text, 'U0ADMIN', 'C0ADMIN');
    }
    expect(fake.calls('users.info').filter((c) => c.body.user === 'U0ADMIN')).toHaveLength(1);
  });
});
