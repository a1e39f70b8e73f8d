import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { eventCallback, nowSeconds, postToApp } from '../../fakes/slack-requests.ts';
import { databaseUrl, openPostgresSchema } from '../../infra/store/postgres-harness.ts';
import { createRecordingLogger, createTestCore } from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';

/** Two stores over one database, one per bot instance, and how to clean up after them. */
interface SharedStores {
  readonly stores: readonly [SqlStore, SqlStore];
  cleanup(): Promise<void>;
}

function describeEventRetries(name: string, open: () => Promise<SharedStores>): void {
  describe(`Slack event redeliveries across two instances on ${name} (real Bolt, fake Slack)`, () => {
    let fake: FakeSlack;
    let shared: SharedStores;
    let instances: SlackAdapter[];
    let urls: string[];
    let records: Record<string, unknown>[];

    beforeAll(async () => {
      fake = await createFakeSlack();
      shared = await open();
      const core = await createTestCore();
      const recording = createRecordingLogger();
      records = recording.records;
      instances = shared.stores.map((store) =>
        createSlackAdapter(
          {
            botToken: 'xoxb-test-token',
            signingSecret,
            apiUrl: fake.apiUrl,
            port: 0,
            dailyManagers: [],
          },
          core,
          recording.logger,
          { host: '127.0.0.1', events: store },
        ),
      );
      for (const instance of instances) await instance.start();
      urls = instances.map((instance) => `http://127.0.0.1:${instance.port}/slack/events`);
    });

    afterAll(async () => {
      for (const instance of instances ?? []) await instance.stop();
      await shared?.cleanup();
      await fake?.close();
    });

    const mention = (ts: string) =>
      JSON.stringify(
        eventCallback({
          type: 'app_mention',
          user: 'U0ASKER',
          text: '<@U0BOT> minsk 2',
          ts,
          channel: 'C0CHANNEL',
          event_ts: ts,
        }),
      );
    let deliveries = 0;
    // Slack signs each delivery when it sends it, so a redelivery carries its own timestamp and
    // signature; the same signature twice would be a replay, which the request gate refuses.
    const deliver = (url: string, body: string, retry?: number) =>
      postToApp(url, body, {
        signingSecret,
        contentType: 'application/json',
        timestamp: nowSeconds() - ++deliveries,
        ...(retry === undefined
          ? {}
          : {
              headers: {
                'x-slack-retry-num': String(retry),
                'x-slack-retry-reason': 'http_timeout',
              },
            }),
      });
    const repliesIn = (thread: string) =>
      fake.calls('chat.postMessage').filter((call) => call.body.thread_ts === thread);
    /** Lets any late listener run before counting what reached Slack. */
    const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

    it('answers an event delivered three times, with retry headers, to either instance, once', async () => {
      const body = mention('1700000001.000100');
      const [a = '', b = ''] = urls;
      expect((await deliver(a, body)).status).toBe(200);
      expect((await deliver(b, body, 1)).status).toBe(200);
      expect((await deliver(a, body, 2)).status).toBe(200);
      await fake.waitFor(
        (r) => r.name === 'chat.postMessage' && r.body.thread_ts === '1700000001.000100',
      );
      await settled();
      expect(repliesIn('1700000001.000100')).toHaveLength(1);
      // Bolt acknowledges an event before its middleware runs, so the log line may come later.
      await expect
        .poll(
          () =>
            records.filter((r) => r.message === 'Slack event already handled; repeat dropped')
              .length,
        )
        .toBe(2);
    });

    it('answers an event delivered three times without retry headers once', async () => {
      const body = mention('1700000002.000100');
      const results = await Promise.all([
        deliver(urls[0] ?? '', body),
        deliver(urls[1] ?? '', body),
        deliver(urls[0] ?? '', body),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      await fake.waitFor(
        (r) => r.name === 'chat.postMessage' && r.body.thread_ts === '1700000002.000100',
      );
      await settled();
      expect(repliesIn('1700000002.000100')).toHaveLength(1);
    });

    it('still answers distinct events from the same person', async () => {
      await deliver(urls[0] ?? '', mention('1700000003.000100'));
      await deliver(urls[1] ?? '', mention('1700000003.000200'));
      await fake.waitFor((r) => r.body.thread_ts === '1700000003.000100');
      await fake.waitFor((r) => r.body.thread_ts === '1700000003.000200');
    });
  });
}

describeEventRetries('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-slack-events-'));
  const file = path.join(dir, 'shared.sqlite');
  const open = async () => {
    const store = createSqliteStore({ file });
    await store.migrate();
    return store;
  };
  const stores = [await open(), await open()] as const;
  return {
    stores,
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  describeEventRetries('PostgreSQL', async () => {
    const db = await openPostgresSchema();
    const stores = [await db.open(), await db.open()] as const;
    return {
      stores,
      cleanup: async () => {
        for (const store of stores) await store.close();
        await db.drop();
      },
    };
  });
});
