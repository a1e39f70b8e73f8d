import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { renderBriefingForSlack } from '../../../src/adapters/slack/render.ts';
import {
  apology,
  type Briefing,
  type Core,
  createCore,
  createDailyScheduler,
  createDailyService,
  type DailyStore,
  DeliveryError,
  type DeliveryTarget,
} from '../../../src/core/index.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import { openDailyStore } from '../../../src/infra/store/open.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from '../../fakes/slack-requests.ts';
import {
  createRecordingLogger,
  createTestCore,
  headerOf,
  type ReceivedMessage,
} from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';
// 20:00 in Kyiv on 4 December 2024: a 07:30 subscription first posts the next morning.
const start = Date.parse('2024-12-04T18:00:00Z');
// Past it, a `/daily` answer goes through response_url; local SQLite answers far sooner.
const ackBudgetMs = 1000;

const admin = 'U0ADMIN';
const owner = 'U0OWNER';
const member = 'U0MEMBER';
const listed = 'U0LISTED';
// Admins and members not looked up by earlier tests: users.info answers are cached for a minute.
const slowAdmin = 'U0SLOWADMIN';
const unscoped = 'U0UNSCOPED';

describe('Slack /daily and daily posts (real Bolt, fake Slack, SQLite in a temp dir)', () => {
  let fake: FakeSlack;
  let core: Core;
  let store: DailyStore;
  let dataDir: string;
  let adapter: SlackAdapter;
  let eventsUrl: string;
  let records: Record<string, unknown>[];
  let responseCounter = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    fake.addUser({ id: admin, is_admin: true, tz: 'Europe/Kyiv' });
    fake.addUser({ id: owner, is_owner: true, is_primary_owner: true });
    fake.addUser({ id: member, tz: 'Europe/Berlin' });
    fake.addUser({ id: listed, tz: 'America/New_York' });
    fake.addUser({ id: slowAdmin, is_admin: true, tz: 'Europe/Kyiv' });
    fake.addUser({ id: unscoped });
    const knowledge = (await createTestCore()).knowledge;
    dataDir = await mkdtemp(path.join(tmpdir(), 'trucebrief-slack-daily-'));
    store = await openDailyStore({ dataDir });
    const daily = createDailyService({ store, knowledge, clock: createManualClock(start) });
    // /daily goes through the core like every command, so the daily service is the core's.
    core = createCore(knowledge, { daily });
    const recording = createRecordingLogger();
    records = recording.records;
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [listed],
      },
      core,
      recording.logger,
      { host: '127.0.0.1', dailyAckBudgetMs: ackBudgetMs },
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

  const daily = async (text: string, user: string, channel = 'C0DAILY') => {
    const id = `daily-${++responseCounter}`;
    const result = await postToApp(
      eventsUrl,
      slashCommandBody({
        command: '/daily',
        text,
        response_url: fake.responseUrl(id),
        user_id: user,
        user_name: user.toLowerCase(),
        channel_id: channel,
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    return { ...result, id, message: JSON.parse(result.text || '{}') as ReceivedMessage };
  };

  const usersInfoFor = (user: string) =>
    fake.calls('users.info').filter((call) => call.body.user === user);

  describe('/daily', () => {
    it('subscribes the channel when a workspace admin asks, in the acknowledgement', async () => {
      const { status, message } = await daily('subscribe 07:30 Europe/Kyiv', admin);
      expect(status).toBe(200);
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 07:30 (Europe/Kyiv)');
      expect(JSON.stringify(message.blocks)).toContain(
        'The first post goes out 5 December 2024 at 07:30 (Europe/Kyiv).',
      );
      expect(await store.getSubscription('slack', 'C0DAILY')).toMatchObject({
        time: '07:30',
        timeZone: 'Europe/Kyiv',
        workspaceId: 'T0FAKE',
        createdBy: admin,
        status: 'active',
      });
      const [lookup] = usersInfoFor(admin);
      expect(lookup?.headers.authorization).toBe('Bearer xoxb-test-token');
    });

    it('refuses someone who is neither an admin, an owner nor on the allow-list, and changes nothing', async () => {
      const { message } = await daily('subscribe 09:00 Europe/Berlin', member);
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Cannot do that');
      expect(JSON.stringify(message.blocks)).toContain(
        'Only people who can manage this channel can change its daily briefing',
      );
      expect(await store.getSubscription('slack', 'C0DAILY')).toMatchObject({ time: '07:30' });

      const stop = await daily('unsubscribe', member);
      expect(headerOf(stop.message)).toBe('Cannot do that');
      expect(await store.getSubscription('slack', 'C0DAILY')).toBeDefined();
    });

    it('lets someone on SLACK_DAILY_MANAGERS subscribe, in their own zone by default', async () => {
      const { message } = await daily('subscribe 06:45', listed, 'C0LISTED');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 06:45 (America/New_York)');
      expect(await store.getSubscription('slack', 'C0LISTED')).toMatchObject({
        timeZone: 'America/New_York',
        createdBy: listed,
      });
    });

    it('lets a workspace owner subscribe, in UTC when Slack knows no zone for them', async () => {
      const { message } = await daily('subscribe', owner, 'C0OWNER');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 08:00 (UTC)');
    });

    it('shows status to anyone, without asking Slack who they are', async () => {
      const before = fake.calls('users.info').length;
      const { message } = await daily('status', member);
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Daily briefing: active');
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('Posts daily at 07:30 (Europe/Kyiv).');
      expect(text).toContain('Next post: 5 December 2024 at 07:30 (Europe/Kyiv).');
      expect(fake.calls('users.info')).toHaveLength(before);
    });

    it('previews today’s post only to the asker', async () => {
      const before = fake.calls('users.info').length;
      const { message } = await daily('preview', member);
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Daily briefing: 4 December 2024');
      expect(fake.calls('users.info')).toHaveLength(before);
    });

    it('unsubscribes when an admin asks', async () => {
      const { message } = await daily('unsubscribe', admin);
      expect(headerOf(message)).toBe('Unsubscribed');
      expect(await store.getSubscription('slack', 'C0DAILY')).toBeUndefined();
      const again = await daily('unsubscribe', admin);
      expect(headerOf(again.message)).toBe('Not subscribed');
    });

    it('joins a public channel it is not in before subscribing it, and says so', async () => {
      fake.addChannel({ id: 'C0PUBLIC', is_member: false });
      const { message } = await daily('subscribe 07:30 Europe/Kyiv', admin, 'C0PUBLIC');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 07:30 (Europe/Kyiv)');
      expect(JSON.stringify(message.blocks)).toContain('The bot joined this channel to post here.');
      expect(fake.calls('conversations.join').map((call) => call.body.channel)).toEqual([
        'C0PUBLIC',
      ]);
      expect(await store.getSubscription('slack', 'C0PUBLIC')).toBeDefined();
    });

    it('refuses to subscribe a private channel it was not invited to, says how to invite it, and stores nothing', async () => {
      fake.addChannel({ id: 'G0PRIVATE', is_member: false, is_private: true });
      const joins = fake.calls('conversations.join').length;
      const { message } = await daily('subscribe 07:30', admin, 'G0PRIVATE');
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Cannot do that');
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('The bot is not in this channel');
      expect(text).toContain('/invite @');
      expect(text).toContain('then run /daily subscribe again');
      expect(await store.getSubscription('slack', 'G0PRIVATE')).toBeUndefined();
      expect(fake.calls('conversations.join')).toHaveLength(joins);

      // Once invited, the same command subscribes.
      fake.addChannel({ id: 'G0PRIVATE', is_member: true, is_private: true });
      const again = await daily('subscribe 07:30', admin, 'G0PRIVATE');
      expect(headerOf(again.message)).toBe('Subscribed: daily briefing at 07:30 (Europe/Kyiv)');
    });

    it('subscribes with a warning when Slack will not say whether the bot is in the channel', async () => {
      fake.script('conversations.info', { body: { ok: false, error: 'missing_scope' } });
      const { message } = await daily('subscribe 07:30', admin, 'C0NOSCOPE');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 07:30 (Europe/Kyiv)');
      expect(JSON.stringify(message.blocks)).toContain(
        'the first post will fail and the subscription will pause',
      );
      expect(records).toContainEqual(
        expect.objectContaining({ level: 'warn', channel: 'C0NOSCOPE', code: 'missing_scope' }),
      );
    });

    it('does not look at the channel for someone who may not subscribe', async () => {
      const before = fake.calls('conversations.info').length;
      const { message } = await daily('subscribe', member, 'C0PUBLIC2');
      expect(headerOf(message)).toBe('Cannot do that');
      expect(fake.calls('conversations.info')).toHaveLength(before);
    });

    it('acknowledges at once when Slack is slow to say who someone is, then answers through response_url', async () => {
      fake.script('users.info', {
        delayMs: ackBudgetMs + 300,
        body: { ok: true, user: { id: slowAdmin, is_admin: true, tz: 'Europe/Kyiv' } },
      });
      const { status, text, id } = await daily('subscribe 07:00', slowAdmin, 'C0SLOW');
      expect(status).toBe(200);
      // The empty acknowledgement shows nothing; the answer follows.
      expect(text).toBe('');
      const followUp = await fake.waitFor((r) => r.kind === 'response' && r.name === id);
      const message = followUp.body as ReceivedMessage;
      expect(message.response_type).toBe('ephemeral');
      expect(headerOf(message)).toBe('Subscribed: daily briefing at 07:00 (Europe/Kyiv)');
    });

    it('apologises, and logs why, when Slack cannot say whether someone is an admin', async () => {
      fake.script('users.info', { body: { ok: false, error: 'missing_scope' } });
      const { message } = await daily('subscribe', unscoped, 'C0SCOPE');
      expect(message).toMatchObject({ response_type: 'ephemeral', text: apology });
      expect(await store.getSubscription('slack', 'C0SCOPE')).toBeUndefined();
      expect(records).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'Slack command failed',
          command: 'daily',
          channel: 'C0SCOPE',
        }),
      );
    });
  });

  describe('the daily deliverer', () => {
    const target: DeliveryTarget = {
      platform: 'slack',
      channelId: 'C0POST',
      workspaceId: 'T0FAKE',
    };
    const briefing = (): Briefing => ({
      title: 'Daily briefing: 5 December 2024',
      summary: 'Today’s focus',
      blocks: [{ type: 'paragraph', text: 'Ceasefire lines & <monitoring>.' }],
      footer: 'Test knowledge · Knowledge as of 25 November 2026',
      visibility: 'public',
      outcome: 'daily',
    });
    const failureOf = async (promise: Promise<unknown>): Promise<DeliveryError> => {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError: ${error}`);
      return error;
    };
    const postsTo = (channel: string) =>
      fake.calls('chat.postMessage').filter((call) => call.body.channel === channel);

    it('posts the rendered briefing with chat.postMessage and returns its ts', async () => {
      expect(adapter.deliverer.platform).toBe('slack');
      expect(adapter.deliverer.rateLimit).toEqual({ perTargetIntervalMs: 1000 });
      const receipt = await adapter.deliverer.send(target, briefing());
      const [post] = postsTo('C0POST');
      expect(post?.headers.authorization).toBe('Bearer xoxb-test-token');
      expect(receipt.messageId).toMatch(/^1700000000\.\d{6}$/);
      const rendered = renderBriefingForSlack(briefing(), { public: true });
      expect(post?.body.text).toBe(rendered.text);
      expect(post?.body.blocks).toEqual(rendered.blocks);
    });

    it('marks a daily post with its day in metadata, and a repeat attempt that finds it posts nothing', async () => {
      const post = { subscriptionId: 'slack:C0MARK', localDate: '2024-12-05', attempt: 1 };
      const marked = { ...target, channelId: 'C0MARK', post };
      const looks = () => fake.calls('conversations.history').length;
      const before = looks();
      const first = await adapter.deliverer.send(marked, briefing());
      // The first attempt has nothing to look for.
      expect(looks()).toBe(before);
      expect(postsTo('C0MARK')[0]?.body.metadata).toEqual({
        event_type: 'trucebrief_daily',
        event_payload: { subscription: 'slack:C0MARK', date: '2024-12-05' },
      });

      const again = await adapter.deliverer.send(
        { ...marked, post: { ...post, attempt: 2 } },
        briefing(),
      );
      expect(looks()).toBe(before + 1);
      expect(again.messageId).toBe(first.messageId);
      expect(postsTo('C0MARK')).toHaveLength(1);

      // A repeat attempt at a day not posted yet looks, finds nothing, and posts.
      await adapter.deliverer.send(
        { ...marked, post: { ...post, localDate: '2024-12-06', attempt: 2 } },
        briefing(),
      );
      expect(postsTo('C0MARK')).toHaveLength(2);
    });

    it('turns a 429 into rate-limited with Retry-After in milliseconds, without retrying itself', async () => {
      fake.script('chat.postMessage', {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { ok: false, error: 'ratelimited' },
      });
      const before = postsTo('C0POST').length;
      const error = await failureOf(adapter.deliverer.send(target, briefing()));
      expect(error.failure).toEqual({ kind: 'rate-limited', retryAfterMs: 7000 });
      expect(postsTo('C0POST')).toHaveLength(before + 1);
    });

    it('turns `ratelimited` in a 200 body into rate-limited too', async () => {
      fake.script('chat.postMessage', {
        headers: { 'retry-after': '3' },
        body: { ok: false, error: 'ratelimited' },
      });
      const error = await failureOf(adapter.deliverer.send(target, briefing()));
      expect(error.failure).toEqual({ kind: 'rate-limited', retryAfterMs: 3000 });
    });

    it('turns not_in_channel into a permanent failure with the code as the reason', async () => {
      fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
      const error = await failureOf(adapter.deliverer.send(target, briefing()));
      expect(error.failure).toEqual({ kind: 'permanent', reason: 'not_in_channel' });
    });

    it('turns a 500 into a transient failure, once, for the scheduler to back off', async () => {
      fake.script('chat.postMessage', { status: 500, body: { ok: false, error: 'fatal_error' } });
      const before = postsTo('C0POST').length;
      const error = await failureOf(adapter.deliverer.send(target, briefing()));
      expect(error.failure).toEqual({ kind: 'transient', reason: 'HTTP 500' });
      expect(postsTo('C0POST')).toHaveLength(before + 1);
    });

    it('posts a subscription that is due exactly once through the scheduler', async () => {
      // Its own store, clock and service, so only this subscription is due and the /daily tests' time stays put.
      const clock = createManualClock(start);
      const morningStore = createSqliteStore({
        file: path.join(dataDir, 'scheduler', 'daily.sqlite'),
        clock: clock.now,
      });
      await morningStore.migrate();
      const service = createDailyService({ store: morningStore, knowledge: core.knowledge, clock });
      await morningStore.subscribe(
        {
          platform: 'slack',
          channelId: 'C0MORNING',
          workspaceId: 'T0FAKE',
          time: '08:00',
          timeZone: 'Europe/Kyiv',
        },
        clock.now(),
      );
      const { logger } = createRecordingLogger();
      const scheduler = createDailyScheduler({
        store: morningStore,
        clock,
        logger,
        deliverers: [adapter.deliverer],
        compose: service.compose,
        instanceId: 'slack-daily-test',
      });
      const postsBefore = fake.calls('chat.postMessage').length;
      try {
        await clock.set(Date.parse('2024-12-05T06:00:00Z')); // 08:00 in Kyiv
        const first = await scheduler.tick();
        expect(first.sent).toBe(1);
        expect(fake.calls('chat.postMessage')).toHaveLength(postsBefore + 1);
        const posts = postsTo('C0MORNING');
        expect(posts).toHaveLength(1);
        expect(headerOf(posts[0]?.body as ReceivedMessage)).toBe('Daily briefing: 5 December 2024');

        await clock.advance(60_000);
        const second = await scheduler.tick();
        expect(second.sent).toBe(0);
        expect(fake.calls('chat.postMessage')).toHaveLength(postsBefore + 1);

        const subscription = await morningStore.getSubscription('slack', 'C0MORNING');
        if (!subscription) throw new Error('expected the subscription');
        const delivery = await morningStore.getDelivery(subscription.id, '2024-12-05');
        expect(delivery).toMatchObject({ state: 'sent' });
        expect(delivery?.messageId).toMatch(/^1700000000\.\d{6}$/);
      } finally {
        await scheduler.stop();
        await morningStore.close();
      }
    });
  });
});
