import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import {
  createRecordingLogger,
  createTestCore,
  headerOf,
  type ReceivedMessage,
} from './helpers.ts';

describe('Slack adapter in Socket Mode (real Bolt, fake Slack)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    fake = await createFakeSlack();
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        appToken: 'xapp-test-token',
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      await createTestCore(),
      createRecordingLogger().logger,
    );
    await adapter.start();
    await fake.socketConnected();
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('opens the connection with the app token through apps.connections.open, and listens on no port', () => {
    const open = fake.requests.find((r) => r.name === 'apps.connections.open');
    expect(open?.headers.authorization).toBe('Bearer xapp-test-token');
    expect(adapter.mode).toBe('socket');
    expect(adapter.port).toBeUndefined();
  });

  it('answers a slash command envelope in its acknowledgement', async () => {
    const ack = await fake.sendEnvelope({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'gIkuvaNzQIHg97ATvDxqgjtO',
        team_id: 'T0FAKE',
        team_domain: 'example',
        channel_id: 'C0CHANNEL',
        channel_name: 'truce-watch',
        user_id: 'U0ASKER',
        user_name: 'asker',
        command: '/agreement',
        text: 'budapest',
        api_app_id: 'A0FAKE',
        response_url: fake.responseUrl('socket-cmd'),
        trigger_id: '13345224609.738474920.8088930838d88f008e0',
      },
    });
    const message = ack.payload as ReceivedMessage;
    expect(message.response_type).toBe('in_channel');
    expect(headerOf(message)).toBe('Budapest Memorandum');
  });

  it('answers a mention event in its thread', async () => {
    const ack = await fake.sendEnvelope({
      type: 'events_api',
      accepts_response_payload: false,
      payload: {
        token: 'gIkuvaNzQIHg97ATvDxqgjtO',
        team_id: 'T0FAKE',
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: 'Ev0SOCKET',
        event_time: 1700000000,
        authorizations: [{ team_id: 'T0FAKE', user_id: 'U0BOT', is_bot: true }],
        event: {
          type: 'app_mention',
          user: 'U0ASKER',
          text: '<@U0BOT> /agreement budapest',
          ts: '1700000000.000700',
          channel: 'C0CHANNEL',
          event_ts: '1700000000.000700',
        },
      },
    });
    expect(ack.envelope_id).toBeTruthy();
    // A mention outside a thread starts one under the mentioning message.
    const posted = await fake.waitFor(
      (r) => r.name === 'chat.postMessage' && r.body.thread_ts === '1700000000.000700',
    );
    expect(headerOf(posted.body as ReceivedMessage)).toBe('Budapest Memorandum');
  });
});
