import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import type { SlackMessage } from '../../../src/adapters/slack/render.ts';
import { createWebhookDeliverer } from '../../../src/adapters/webhook/deliverer.ts';
import {
  type Briefing,
  type BriefingPicture,
  createDailyScheduler,
  createDailyService,
  type DailyStore,
  type DailyWebhookConfig,
  DeliveryError,
  pictureOfKind,
  type RenderedPicture,
  syncWebhookSubscriptions,
  webhookChannelId,
} from '../../../src/core/index.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { type FakeWebhookServer, startFakeWebhookServer } from '../../fakes/fake-webhook.ts';
import { fixtureKnowledge } from '../../helpers/fixture-core.ts';
import { limitViolations, unescapedMentions } from '../slack/limits-check.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const briefing: Briefing = {
  title: 'Daily briefing: 5 December 2026',
  summary: 'Today: <Budapest> & *friends*.',
  blocks: [
    { type: 'heading', text: 'Focus' },
    { type: 'paragraph', text: 'x'.repeat(5000) },
    {
      type: 'facts',
      title: 'On this day',
      items: [{ when: '5 December 1994', text: 'Signed @everyone' }],
    },
    {
      type: 'citation',
      items: [{ title: 'Wiki', url: 'https://en.wikipedia.org/wiki/Budapest_Memorandum' }],
    },
  ],
  footer: 'Test · Knowledge as of 25 November 2026',
  visibility: 'public',
  outcome: 'daily',
};

describe('webhook delivery against a fake endpoint on loopback', () => {
  let fake: FakeWebhookServer;
  let slack: DailyWebhookConfig;
  let discord: DailyWebhookConfig;
  beforeEach(async () => {
    fake = await startFakeWebhookServer();
    slack = {
      kind: 'slack',
      url: `${fake.baseUrl}/services/T1/B1/s3cret`,
      time: '08:00',
      timeZone: 'Europe/Kyiv',
    };
    discord = {
      kind: 'discord',
      url: `${fake.baseUrl}/api/webhooks/1/t0ken`,
      time: '08:00',
      timeZone: 'Europe/Kyiv',
    };
  });
  afterEach(async () => {
    await fake.close();
  });

  const send = (webhook: DailyWebhookConfig) =>
    createWebhookDeliverer({ webhooks: [slack, discord] }).send(
      { platform: 'webhook', channelId: webhookChannelId(webhook), workspaceId: null },
      briefing,
    );
  const failureOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DeliveryError) return error.failure;
      throw error;
    }
    throw new Error('expected a DeliveryError');
  };

  it('posts to Slack (no message id) and to Discord (the message id, with wait=true)', async () => {
    expect(await send(slack)).toEqual({ messageId: null });
    const discordReceipt = await send(discord);
    expect(discordReceipt.messageId).toMatch(/^\d+$/);
    expect(fake.received.map((r) => [r.path, r.query])).toEqual([
      ['/services/T1/B1/s3cret', ''],
      ['/api/webhooks/1/t0ken', '?wait=true'],
    ]);
    expect(fake.received[1]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('posts what the Slack and Discord renderers make, escaped, within limits, without buttons', async () => {
    await send(slack);
    await send(discord);
    const [slackBody, discordBody] = fake.received.map((r) => r.body);
    expect(limitViolations(slackBody as SlackMessage)).toEqual([]);
    expect(unescapedMentions(slackBody as SlackMessage)).toEqual([]);
    expect(JSON.stringify(slackBody)).toContain('&lt;Budapest&gt; &amp;');
    expect(JSON.stringify(slackBody)).not.toContain('"actions"');
    discordMessagePayloadSchema.parse({ components: [], ...(discordBody as object) });
    expect(discordBody).not.toHaveProperty('components');
    expect(JSON.stringify(discordBody)).not.toContain('Signed @everyone');
  });

  it('maps 429 + Retry-After to rate-limited, 500 to transient, 404 to permanent', async () => {
    fake.script('/services/T1/B1/s3cret', { status: 429, headers: { 'retry-after': '3' } });
    expect(await failureOf(send(slack))).toEqual({ kind: 'rate-limited', retryAfterMs: 3000 });
    fake.script('/api/webhooks/1/t0ken', {
      status: 429,
      headers: { 'content-type': 'application/json' },
      body: '{"message":"You are being rate limited.","retry_after":1.5,"global":false}',
    });
    expect(await failureOf(send(discord))).toEqual({ kind: 'rate-limited', retryAfterMs: 1500 });
    fake.script('/services/T1/B1/s3cret', { status: 500, body: 'oops' });
    expect(await failureOf(send(slack))).toEqual({ kind: 'transient', reason: 'HTTP 500' });
    fake.script('/services/T1/B1/s3cret', { status: 404, body: 'channel_not_found' });
    expect(await failureOf(send(slack))).toEqual({
      kind: 'permanent',
      reason: 'webhook answered HTTP 404 channel_not_found',
    });
  });

  it('runs through the scheduler: 429 then success, 500 then success, and a deleted webhook pauses', async () => {
    const clock = createManualClock(Date.parse('2026-12-04T12:00:00Z'));
    const store: DailyStore = createSqliteStore({ file: ':memory:', clock: clock.now });
    await store.migrate();
    const gone: DailyWebhookConfig = { ...slack, url: `${fake.baseUrl}/services/T1/B2/gone` };
    const webhooks = [slack, discord, gone];
    expect(await syncWebhookSubscriptions(store, webhooks, clock.now())).toEqual({
      added: 3,
      removed: 0,
    });
    expect(await syncWebhookSubscriptions(store, webhooks, clock.now())).toEqual({
      added: 0,
      removed: 0,
    });
    const stored = JSON.stringify(await store.listSubscriptions());
    expect(stored).not.toContain('s3cret');

    fake.script('/services/T1/B1/s3cret', { status: 429, headers: { 'retry-after': '20' } });
    fake.script('/api/webhooks/1/t0ken', { status: 500 });
    fake.script('/services/T1/B2/gone', { status: 404, body: 'no_service' });
    const service = createDailyService({ store, knowledge: await fixtureKnowledge(), clock });
    const scheduler = createDailyScheduler({
      store,
      clock,
      logger: silent,
      deliverers: [createWebhookDeliverer({ webhooks })],
      compose: service.compose,
      instanceId: 'test',
      retry: { baseDelayMs: 10_000, maxDelayMs: 60_000, maxAttempts: 5 },
    });
    await clock.set(Date.parse('2026-12-05T06:00:00Z'));
    expect(await scheduler.tick()).toMatchObject({ due: 3, retried: 2, paused: 1 });
    await clock.advance(20_000);
    expect(await scheduler.tick()).toMatchObject({ sent: 2 });
    const [posted] = fake.received.filter((r) => r.path === '/services/T1/B1/s3cret').slice(-1);
    expect(JSON.stringify(posted?.body)).toContain('Daily briefing: 5 December 2026');
    expect(JSON.stringify(posted?.body)).toContain('Budapest Memorandum signed (32 years ago)');
    expect(await store.getSubscription('webhook', webhookChannelId(gone))).toMatchObject({
      status: 'paused',
      pausedReason: 'webhook answered HTTP 404 no_service',
    });
    // Dropping a webhook from the config removes its subscription.
    expect(await syncWebhookSubscriptions(store, [slack, discord], clock.now())).toEqual({
      added: 0,
      removed: 1,
    });
    await scheduler.stop();
    await store.close();
  });

  describe('a post with a picture', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    let withMap: Briefing;
    beforeEach(async () => {
      withMap = { ...briefing, picture: pictureOfKind('map', await fixtureKnowledge()) };
    });
    // A stand-in for the picture renderer: the adapters' own tests draw real PNGs.
    const renderPicture = async (picture: BriefingPicture): Promise<RenderedPicture> => ({
      png,
      width: 2,
      height: 1,
      fileName: `${picture.kind}.png`,
      alt: picture.alt,
    });
    const sendWith = (webhook: DailyWebhookConfig, options: { publicBaseUrl?: string } = {}) =>
      createWebhookDeliverer({ webhooks: [slack, discord], renderPicture, ...options }).send(
        { platform: 'webhook', channelId: webhookChannelId(webhook), workspaceId: null },
        withMap,
      );

    it('attaches the PNG to a Discord webhook post as multipart form data, shown in the embed', async () => {
      const receipt = await sendWith(discord);
      expect(receipt.messageId).toMatch(/^\d+$/);
      const [first, ...rest] = fake.received;
      expect(first?.files).toEqual([
        { field: 'files[0]', name: 'map.png', type: 'image/png', bytes: png },
      ]);
      const body = first?.body as { embeds: { image?: { url: string } }[] };
      expect(body.embeds[0]?.image).toEqual({ url: 'attachment://map.png' });
      expect(first?.body).toMatchObject({
        attachments: [
          { id: 0, filename: 'map.png', description: expect.stringContaining('Sevastopol') },
        ],
        allowed_mentions: { parse: [] },
      });
      // Follow-up messages, when the post is long, carry no file.
      for (const message of rest) expect(message.files).toBeUndefined();
    });

    it('shows it to a Slack webhook as an image block only when PUBLIC_BASE_URL is set', async () => {
      await sendWith(slack);
      expect(JSON.stringify(fake.received[0]?.body)).not.toContain('"image"');
      await sendWith(slack, { publicBaseUrl: 'https://bot.example.org/tb' });
      const body = fake.received[1]?.body as SlackMessage;
      expect(limitViolations(body)).toEqual([]);
      const image = body.blocks.find((block) => block.type === 'image');
      expect(image).toEqual({
        type: 'image',
        image_url: expect.stringMatching(
          /^https:\/\/bot\.example\.org\/tb\/pictures\/[0-9a-f]{16}\/map\.png$/,
        ),
        alt_text: withMap.picture?.alt,
        title: { type: 'plain_text', text: withMap.picture?.title, emoji: false },
      });
    });

    it('posts to Slack again as text alone when Slack cannot fetch the image', async () => {
      // What Slack answers when downloading an image block's URL fails.
      fake.script('/services/T1/B1/s3cret', { status: 400, body: 'invalid_blocks' });
      expect(await sendWith(slack, { publicBaseUrl: 'https://unreachable.example.org' })).toEqual({
        messageId: null,
      });
      const [refused, retried] = fake.received.map((r) => JSON.stringify(r.body));
      expect(refused).toContain('"image"');
      expect(retried).not.toContain('"image"');
      expect(retried).toContain('Daily briefing: 5 December 2026');
      // Any other refusal is the scheduler's to handle, once.
      fake.script('/services/T1/B1/s3cret', { status: 404, body: 'no_service' });
      await expect(sendWith(slack, { publicBaseUrl: 'https://bot.example.org' })).rejects.toThrow(
        'webhook answered HTTP 404 no_service',
      );
      expect(fake.received).toHaveLength(3);
    });
  });
});
