import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { StoreError } from '../../../src/core/daily/store.ts';
import { createCore } from '../../../src/core/index.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from '../../fakes/slack-requests.ts';
import { createRecordingLogger, createTestCore } from './helpers.ts';

const signingSecret = 'test-signing-secret-request-ids';

describe('Slack request ids in the logs (real Bolt, fake Slack)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let records: Record<string, unknown>[];
  let eventsUrl: string;

  beforeAll(async () => {
    fake = await createFakeSlack();
    const recording = createRecordingLogger();
    records = recording.records;
    const knowledge = (await createTestCore()).knowledge;
    // A store that is down: /daily fails in the core, and the adapter's catch logs it.
    const storeDown = () => Promise.reject(new StoreError('store unreachable'));
    const core = createCore(knowledge, {
      logger: recording.logger,
      daily: { handle: storeDown, compose: storeDown },
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
      recording.logger,
      { host: '127.0.0.1', dailyAckBudgetMs: 1000 },
    );
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  const send = (command: string, text: string, triggerId: string) =>
    postToApp(
      eventsUrl,
      slashCommandBody({
        command,
        text,
        trigger_id: triggerId,
        response_url: fake.responseUrl(triggerId.replaceAll('.', '-')),
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );

  it('logs one line for an answered command, carrying Slack’s trigger id', async () => {
    const result = await send('/agreement', 'budapest', '111.222.answered');
    expect(result.status).toBe(200);
    const lines = records.filter((r) => r.requestId === '111.222.answered');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'command answered',
        platform: 'slack',
        command: 'agreement',
        outcome: 'answered',
        ms: expect.any(Number),
      }),
    ]);
  });

  it('ties a failed command’s error line to the same id, with the error’s stack', async () => {
    const result = await send('/daily', 'status', '333.444.failed');
    expect(result.status).toBe(200);
    const lines = records.filter((r) => r.requestId === '333.444.failed');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'Slack command failed',
        command: 'daily',
        error: expect.objectContaining({
          name: 'StoreError',
          stack: expect.stringContaining('StoreError'),
        }),
      }),
    ]);
  });
});
