import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import {
  type Briefing,
  type Core,
  claimedUnitCodes,
  createCore,
  type DeliveryTarget,
  loadKnowledgeDir,
  pictureOfKind,
} from '../../../src/core/index.ts';
import { createPictureRenderer } from '../../../src/pictures/renderer.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { buttonsOf, createRecordingLogger, type ReceivedMessage } from './helpers.ts';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function start(core: Core): Promise<{ fake: FakeSlack; adapter: SlackAdapter }> {
  const fake = await createFakeSlack();
  const adapter = createSlackAdapter(
    {
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: fake.apiUrl,
      port: 0,
      dailyManagers: [],
    },
    core,
    createRecordingLogger().logger,
  );
  await adapter.start();
  await fake.socketConnected();
  return { fake, adapter };
}

function slash(fake: FakeSlack, command: string, text: string) {
  return fake.sendEnvelope({
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
      command,
      text,
      api_app_id: 'A0FAKE',
      response_url: fake.responseUrl('pictures'),
      trigger_id: '13345224609.738474920.8088930838d88f008e0',
    },
  });
}

/** The three calls of files.uploadV2, in order, as the fake Slack saw them. */
async function expectUpload(fake: FakeSlack, fileName: string, channel: string): Promise<void> {
  const complete = await fake.waitFor((r) => r.name === 'files.completeUploadExternal');
  const [asked] = fake.calls('files.getUploadURLExternal');
  expect(asked?.body).toMatchObject({ filename: fileName, alt_text: expect.stringMatching(/\S/) });
  expect(Number(asked?.body.length)).toBeGreaterThan(1000);
  const upload = fake.requests.find((r) => r.kind === 'upload');
  expect([...(upload?.bytes?.slice(0, 8) ?? [])]).toEqual(pngSignature);
  expect(upload?.bytes?.length).toBe(Number(asked?.body.length));
  expect(complete.body).toMatchObject({ channel_id: channel });
  expect(complete.body.files).toEqual([expect.objectContaining({ id: upload?.name })]);
  const order = fake.requests
    .filter((r) => r.kind === 'upload' || r.name.startsWith('files.'))
    .map((r) => (r.kind === 'upload' ? 'upload' : r.name));
  expect(order).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
}

describe('pictures on Slack (real Bolt in Socket Mode, fake Slack)', () => {
  let core: Core;

  beforeAll(async () => {
    const knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '../../../knowledge'));
    core = createCore(knowledge, {
      pictures: await createPictureRenderer({ requiredUnits: claimedUnitCodes }),
    });
  });

  describe('a public answer', () => {
    let fake: FakeSlack;
    let adapter: SlackAdapter;
    beforeAll(async () => ({ fake, adapter } = await start(core)));
    afterAll(async () => {
      await adapter?.stop();
      await fake?.close();
    });

    it('is acknowledged in the channel, then its chart is uploaded there with files.uploadV2', async () => {
      const ack = await slash(fake, '/timeline', '');
      expect((ack.payload as ReceivedMessage).response_type).toBe('in_channel');
      await expectUpload(fake, 'timeline.png', 'C0CHANNEL');
    });
  });

  describe('a private answer', () => {
    let fake: FakeSlack;
    let adapter: SlackAdapter;
    // A core that answers privately, as /fact does: the adapter's private path with a picture.
    const privately = (): Core => ({
      ...core,
      handle: async (request, context) => ({
        ...(await core.handle(request, context)),
        visibility: 'ephemeral',
      }),
    });
    beforeAll(async () => ({ fake, adapter } = await start(privately())));
    afterAll(async () => {
      await adapter?.stop();
      await fake?.close();
    });

    it('uploads nothing and offers "Post map"; the button posts the map to the channel', async () => {
      const ack = await slash(fake, '/brief', 'crimea');
      const message = ack.payload as ReceivedMessage;
      expect(message.response_type).toBe('ephemeral');
      const button = buttonsOf(message).find((b) => b.actionId === 'trucebrief.picture');
      expect(button?.label).toBe('Post map');
      expect(fake.calls('files.getUploadURLExternal')).toHaveLength(0);
      await fake.sendEnvelope({
        type: 'interactive',
        accepts_response_payload: false,
        payload: {
          type: 'block_actions',
          team: { id: 'T0FAKE', domain: 'example' },
          user: { id: 'U0ASKER', username: 'asker', name: 'asker', team_id: 'T0FAKE' },
          api_app_id: 'A0FAKE',
          token: 'gIkuvaNzQIHg97ATvDxqgjtO',
          container: {
            type: 'message',
            message_ts: '1700000000.000300',
            channel_id: 'C0CHANNEL',
            is_ephemeral: true,
          },
          trigger_id: '13345224609.738474920.8088930838d88f008e0',
          channel: { id: 'C0CHANNEL', name: 'truce-watch' },
          response_url: fake.responseUrl('picture-button'),
          actions: [
            {
              type: 'button',
              action_id: 'trucebrief.picture',
              block_id: 'picture',
              text: { type: 'plain_text', text: 'Post map', emoji: false },
              value: button?.value,
              action_ts: '1700000001.000100',
            },
          ],
        },
      });
      await expectUpload(fake, 'map.png', 'C0CHANNEL');
    });
  });

  describe('a daily post', () => {
    let fake: FakeSlack;
    let adapter: SlackAdapter;
    beforeAll(async () => ({ fake, adapter } = await start(core)));
    afterAll(async () => {
      await adapter?.stop();
      await fake?.close();
    });

    const daily = (): Briefing => ({
      title: 'Daily briefing: 5 December 2026',
      blocks: [{ type: 'paragraph', text: 'Map: the six units both constitutions claim.' }],
      footer: 'test',
      visibility: 'public',
      outcome: 'daily',
      picture: pictureOfKind('map', core.knowledge),
    });
    const target = (channel: string, attempt: number): DeliveryTarget => ({
      platform: 'slack',
      channelId: channel,
      workspaceId: 'T0FAKE',
      post: { subscriptionId: `slack:${channel}`, localDate: '2026-12-05', attempt },
    });
    const uploads = () => fake.calls('files.completeUploadExternal');

    it('is posted, then its map is uploaded into the post’s thread with files.uploadV2', async () => {
      const receipt = await adapter.deliverer.send(target('C0DAILYMAP', 1), daily());
      expect(fake.messages('C0DAILYMAP')).toHaveLength(1);
      await expectUpload(fake, 'map.png', 'C0DAILYMAP');
      expect(uploads()[0]?.body).toMatchObject({ thread_ts: receipt.messageId });
      // The post still says in text what the map shows.
      expect(JSON.stringify(fake.calls('chat.postMessage')[0]?.body)).toContain('six units');
    });

    it('is neither posted nor uploaded again by a repeat attempt that finds the post', async () => {
      const first = await adapter.deliverer.send(target('C0DAILYMAP', 2), daily());
      expect(first.messageId).toBe(fake.messages('C0DAILYMAP')[0]?.ts);
      expect(fake.messages('C0DAILYMAP')).toHaveLength(1);
      expect(uploads()).toHaveLength(1);
    });

    it('is posted with its picture by a repeat attempt when the first never reached Slack', async () => {
      fake.script('chat.postMessage', { status: 500, body: { ok: false, error: 'fatal_error' } });
      await expect(adapter.deliverer.send(target('C0DAILYRETRY', 1), daily())).rejects.toThrow();
      expect(uploads()).toHaveLength(1);
      const receipt = await adapter.deliverer.send(target('C0DAILYRETRY', 2), daily());
      expect(fake.messages('C0DAILYRETRY')).toHaveLength(1);
      await fake.waitFor(() => uploads().length === 2);
      expect(uploads()[1]?.body).toMatchObject({
        channel_id: 'C0DAILYRETRY',
        thread_ts: receipt.messageId,
      });
    });

    it('still counts as delivered when the upload fails: the text carries the map', async () => {
      fake.script('files.getUploadURLExternal', { body: { ok: false, error: 'missing_scope' } });
      const receipt = await adapter.deliverer.send(target('C0DAILYNOSCOPE', 1), daily());
      expect(receipt.messageId).toBe(fake.messages('C0DAILYNOSCOPE')[0]?.ts);
      expect(uploads()).toHaveLength(2);
    });
  });
});
