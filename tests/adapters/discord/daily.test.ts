import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import type { DailyStore } from '../../../src/core/index.ts';
import {
  type Briefing,
  type Core,
  createDailyScheduler,
  createDailyService,
  type DailyDeliverer,
  type DailyService,
  DeliveryError,
  type DeliveryFailure,
  type DeliveryTarget,
  type PlatformAdapter,
} from '../../../src/core/index.ts';
import { createManualClock, type ManualClock } from '../../../src/core/schedule/clock.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import type { ChannelMessage } from '../../fakes/fake-discord.ts';
import { createFixtureCore, createMemoryLogger, type Harness, startHarness } from './harness.ts';
import { ids } from './interactions.ts';

interface Button {
  label: string;
  custom_id: string;
}

interface MessageBody {
  flags?: number;
  embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
  components?: Array<{ type: number; components: Button[] }>;
  allowed_mentions?: { parse: string[] };
}

// The fake records JSON as received; this reader gives it the shape Discord documents.
function bodyOf(message: ChannelMessage | undefined): MessageBody {
  return (message?.body ?? {}) as MessageBody;
}

function buttonsOf(message: MessageBody): Button[] {
  return (message.components ?? []).flatMap((row) => row.components);
}

/** What Discord would check: the message JSON within every limit, with no mentions allowed. */
function expectValidMessage(message: MessageBody): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  discordMessagePayloadSchema.parse({ components: [], embeds: [], ...message });
}

function delivererOf(adapter: PlatformAdapter): DailyDeliverer {
  if (!adapter.deliverer) throw new Error('the Discord adapter has no deliverer');
  return adapter.deliverer;
}

/** Sends and returns the failure the deliverer reported; fails the test if it succeeded. */
async function failureOf(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${error}`);
  return error.failure;
}

let nextChannel = 0;
/** A fresh channel snowflake per test, so the fake's records never mix. */
function channelId(): string {
  nextChannel += 1;
  return `3100000000000${String(nextChannel).padStart(5, '0')}`;
}

function target(channel: string): DeliveryTarget {
  return { platform: 'discord', channelId: channel, workspaceId: ids.guild };
}

const channelPath = (channel: string) => new RegExp(`^/channels/${channel}/messages$`);

/** A briefing several Discord messages long: numbered paragraphs, then a button. */
function longBriefing(paragraphs: number): Briefing {
  return {
    title: 'Daily briefing: a long day',
    blocks: [
      ...Array.from({ length: paragraphs }, (_, i) => ({
        type: 'paragraph' as const,
        text: `Paragraph ${i + 1}. ${'Ceasefire terms and their history. '.repeat(25)}`,
      })),
      {
        type: 'actions',
        items: [
          { type: 'run', label: 'Minsk II', request: { command: 'agreement', query: 'minsk ii' } },
        ],
      },
    ],
    footer: 'Knowledge as of 25 November 2026',
    visibility: 'public',
    outcome: 'daily',
  };
}

describe('Discord daily posts: the deliverer', () => {
  let harness: Harness;
  let deliverer: DailyDeliverer;
  let dir: string;
  let store: DailyStore;
  let daily: DailyService;

  beforeAll(async () => {
    harness = await startHarness();
    deliverer = delivererOf(harness.adapter);
    dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-discord-daily-'));
    store = createSqliteStore({ file: path.join(dir, 'daily.sqlite') });
    await store.migrate();
    daily = createDailyService({
      store,
      knowledge: harness.core.knowledge,
      clock: createManualClock(Date.parse('2026-12-04T18:00:00Z')),
    });
  });
  afterAll(async () => {
    await harness.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is the platform "discord", paced at Discord’s 50 requests a second', () => {
    expect(deliverer.platform).toBe('discord');
    expect(deliverer.rateLimit).toEqual({ perSecond: 50 });
  });

  it('posts the daily briefing to the channel as the bot, within the limits, pinging no one', async () => {
    const channel = channelId();
    const subscription = await store.subscribe(
      {
        platform: 'discord',
        channelId: channel,
        workspaceId: ids.guild,
        time: '08:00',
        timeZone: 'UTC',
      },
      Date.parse('2026-12-04T18:00:00Z'),
    );
    const briefing = await daily.compose(subscription, '2026-12-05');

    const receipt = await deliverer.send(target(channel), briefing);

    const [message, ...more] = harness.discord.channelMessages(channel);
    expect(more).toEqual([]);
    expect(receipt.messageId).toBe(message?.id);
    const request = harness.discord.requests.find(
      (r) => r.path === `/channels/${channel}/messages`,
    );
    expect(request?.method).toBe('POST');
    expect(request?.authorization).toBe('Bot test-token');
    const body = bodyOf(message);
    expectValidMessage(body);
    expect(body.flags).toBeUndefined();
    expect(body.embeds?.[0]?.title).toBe(briefing.title);
    expect(body.embeds?.at(-1)?.footer?.text).toContain('Covers events through');
    // The daily post's "related" entries are lookup buttons, and one reports a problem with the
    // focus entry; the adapter answers both.
    for (const button of buttonsOf(body)) expect(button.custom_id).toMatch(/^tb:(run|report):/);
  });

  it('drops the private flag and share buttons: a channel post is already for everyone', async () => {
    const channel = channelId();
    const briefing: Briefing = {
      title: 'Minsk II',
      summary: 'Signed 12 February 2015.',
      blocks: [
        {
          type: 'actions',
          items: [
            {
              type: 'share',
              label: 'Share in channel',
              request: { command: 'fact', query: 'minsk' },
            },
            { type: 'run', label: 'Minsk I', request: { command: 'agreement', query: 'minsk i' } },
          ],
        },
      ],
      footer: 'test',
      visibility: 'ephemeral',
      outcome: 'found',
    };

    await deliverer.send(target(channel), briefing);

    const body = bodyOf(harness.discord.channelMessages(channel)[0]);
    expect(body.flags).toBeUndefined();
    expect(buttonsOf(body).map((button) => button.label)).toEqual(['Minsk I']);
  });

  it('sends a long briefing as several messages in order, buttons on the last, and returns the first id', async () => {
    const channel = channelId();
    const receipt = await deliverer.send(target(channel), longBriefing(20));

    const messages = harness.discord.channelMessages(channel);
    expect(messages.length).toBeGreaterThan(1);
    expect(receipt.messageId).toBe(messages[0]?.id);
    const bodies = messages.map(bodyOf);
    for (const body of bodies) expectValidMessage(body);
    expect(bodies[0]?.embeds?.[0]?.title).toBe('Daily briefing: a long day');
    expect(bodies.slice(0, -1).flatMap(buttonsOf)).toEqual([]);
    expect(buttonsOf(bodies.at(-1) ?? {}).map((button) => button.label)).toEqual(['Minsk II']);
    const text = bodies.flatMap((body) => body.embeds ?? []).map((embed) => embed.description);
    const order = Array.from({ length: 20 }, (_, i) =>
      text.findIndex((description) => description?.includes(`Paragraph ${i + 1}.`)),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('gives each message of a daily post a nonce with enforce_nonce, so a repeat gets the first message back', async () => {
    const channel = channelId();
    const post = { subscriptionId: `discord:${channel}`, localDate: '2026-12-05', attempt: 1 };
    const first = await deliverer.send({ ...target(channel), post }, longBriefing(20));
    const posted = harness.discord.channelMessages(channel);
    expect(posted.length).toBeGreaterThan(1);
    const bodies = posted.map(
      (message) => message.body as { nonce?: string; enforce_nonce?: boolean },
    );
    for (const body of bodies) {
      expect(body.enforce_nonce).toBe(true);
      expect(body.nonce?.length).toBeLessThanOrEqual(25);
    }
    expect(new Set(bodies.map((body) => body.nonce)).size).toBe(bodies.length);

    // The next attempt at the same day (after a timeout, or a crash before it was recorded).
    const again = await deliverer.send(
      { ...target(channel), post: { ...post, attempt: 2 } },
      longBriefing(20),
    );
    expect(again.messageId).toBe(first.messageId);
    expect(harness.discord.channelMessages(channel)).toHaveLength(posted.length);

    // Another day is another post.
    await deliverer.send(
      { ...target(channel), post: { ...post, localDate: '2026-12-06' } },
      longBriefing(1),
    );
    expect(harness.discord.channelMessages(channel)).toHaveLength(posted.length + 1);
  });

  it('waits out a 429 on a follow-up, so a long post arrives whole', async () => {
    const channel = channelId();
    // Installed once the first message has arrived, so it is the second that is throttled.
    void harness.discord
      .waitForRequest((r) => r.path === `/channels/${channel}/messages`)
      .then(() =>
        harness.discord.rateLimitNext({
          method: 'POST',
          path: channelPath(channel),
          retryAfterSeconds: 1,
        }),
      );

    const receipt = await deliverer.send(target(channel), longBriefing(20));

    const messages = harness.discord.channelMessages(channel);
    const attempts = harness.discord.requests.filter(
      (r) => r.path === `/channels/${channel}/messages`,
    );
    expect(attempts.length).toBe(messages.length + 1);
    expect(receipt.messageId).toBe(messages[0]?.id);
    expect(
      messages
        .map(bodyOf)
        .flatMap(buttonsOf)
        .map((b) => b.label),
    ).toEqual(['Minsk II']);
  });

  it('when a follow-up is refused, still reports the post (it is in the channel) and logs what is missing', async () => {
    const channel = channelId();
    void harness.discord
      .waitForRequest((r) => r.path === `/channels/${channel}/messages`)
      .then(() =>
        harness.discord.failNext({
          method: 'POST',
          path: channelPath(channel),
          status: 403,
          body: { message: 'Missing Permissions', code: 50013 },
        }),
      );

    const receipt = await deliverer.send(target(channel), longBriefing(20));

    const messages = harness.discord.channelMessages(channel);
    expect(messages.length).toBe(1);
    expect(receipt.messageId).toBe(messages[0]?.id);
    const warning = harness.logger.records.find((r) =>
      r.message.startsWith('discord daily post incomplete'),
    );
    expect(warning?.level).toBe('warn');
    expect(warning?.context).toMatchObject({ channelId: channel, messageId: messages[0]?.id });
  });

  it('reports a 429 at once as rate-limited with Discord’s wait, without waiting or retrying', async () => {
    const channel = channelId();
    harness.discord.rateLimitNext({
      method: 'POST',
      path: channelPath(channel),
      retryAfterSeconds: 3,
    });
    const started = Date.now();

    const failure = await failureOf(deliverer.send(target(channel), longBriefing(1)));

    expect(Date.now() - started).toBeLessThan(2000);
    expect(failure.kind).toBe('rate-limited');
    if (failure.kind !== 'rate-limited') return;
    // Retry-After, plus at most @discordjs/rest's 50 ms safety margin.
    expect(failure.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(failure.retryAfterMs).toBeLessThanOrEqual(3100);
    expect(failure.global).toBeUndefined();
    expect(
      harness.discord.requests.filter((r) => r.path === `/channels/${channel}/messages`),
    ).toHaveLength(1);
    expect(harness.discord.channelMessages(channel)).toEqual([]);
  });

  it.each([
    [403, 50001, 'Missing Access', 'Missing Access (50001)'],
    [403, 50013, 'Missing Permissions', 'Missing Permissions (50013)'],
    [404, 10003, 'Unknown Channel', 'Unknown Channel (10003)'],
    [404, 10004, 'Unknown Guild', 'Unknown Guild (10004)'],
    [403, 50007, 'Cannot send messages to this user', 'Cannot send messages to this user (50007)'],
  ])('reports HTTP %i with code %i as permanent: "%s"', async (status, code, message, reason) => {
    const channel = channelId();
    harness.discord.failNext({
      method: 'POST',
      path: channelPath(channel),
      status,
      body: { message, code },
    });

    const failure = await failureOf(deliverer.send(target(channel), longBriefing(1)));

    expect(failure).toEqual({ kind: 'permanent', reason });
  });

  it('reports any other 403 or 404 as permanent, with what Discord said', async () => {
    const channel = channelId();
    harness.discord.failNext({
      method: 'POST',
      path: channelPath(channel),
      status: 404,
      body: { message: '404: Not Found', code: 0 },
    });

    const failure = await failureOf(deliverer.send(target(channel), longBriefing(1)));

    expect(failure).toEqual({ kind: 'permanent', reason: '404: Not Found (HTTP 404, code 0)' });
  });

  it('retries a 500 once in the REST client, then reports it as transient', async () => {
    const channel = channelId();
    harness.discord.failNext({
      method: 'POST',
      path: channelPath(channel),
      status: 500,
      body: { message: 'Internal Server Error', code: 0 },
      times: 2,
    });

    const failure = await failureOf(deliverer.send(target(channel), longBriefing(1)));

    expect(failure).toEqual({ kind: 'transient', reason: 'Discord answered HTTP 500' });
    expect(
      harness.discord.requests.filter((r) => r.path === `/channels/${channel}/messages`),
    ).toHaveLength(2);
  });

  it('reports a dropped connection as transient', async () => {
    const channel = channelId();
    harness.discord.failNext({
      method: 'POST',
      path: channelPath(channel),
      status: 0,
      body: { message: '', code: 0 },
    });

    const failure = await failureOf(deliverer.send(target(channel), longBriefing(1)));

    expect(failure.kind).toBe('transient');
    expect(failure.kind === 'transient' && failure.reason).toBe(
      'could not reach Discord: other side closed',
    );
    expect(harness.discord.channelMessages(channel)).toEqual([]);
  });
});

describe('Discord daily posts: a global 429', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('is rate-limited and global, so the scheduler holds back every Discord channel', async () => {
    const channel = channelId();
    harness.discord.rateLimitNext({
      method: 'POST',
      path: channelPath(channel),
      retryAfterSeconds: 1,
      global: true,
    });

    const failure = await failureOf(
      delivererOf(harness.adapter).send(target(channel), longBriefing(1)),
    );

    expect(failure).toMatchObject({ kind: 'rate-limited', global: true });
  });
});

describe('Discord daily posts: before start and after stop', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createFixtureCore();
  });

  it('fails as transient, saying the adapter is not connected, and contacts no one', async () => {
    const adapter = createDiscordAdapter(
      // Port 9 (discard) on loopback: nothing is listening, and nothing should be asked.
      { token: 'test-token', applicationId: ids.application, apiUrl: 'http://127.0.0.1:9/api' },
      core,
      createMemoryLogger(),
    );
    const failure = await failureOf(
      delivererOf(adapter).send(target(channelId()), longBriefing(1)),
    );
    expect(failure).toEqual({
      kind: 'transient',
      reason: 'the Discord adapter is not connected (not started yet, or stopped)',
    });
  });

  it('fails as transient once the adapter has stopped', async () => {
    const harness = await startHarness({ core });
    await harness.close();
    const failure = await failureOf(
      delivererOf(harness.adapter).send(target(channelId()), longBriefing(1)),
    );
    expect(failure.kind).toBe('transient');
  });
});

describe('Discord daily posts: end to end through the scheduler', () => {
  let harness: Harness;
  let dir: string;
  let store: DailyStore;
  let clock: ManualClock;
  let daily: DailyService;

  const scheduler = () =>
    createDailyScheduler({
      store,
      clock,
      logger: harness.logger,
      deliverers: [delivererOf(harness.adapter)],
      compose: daily.compose,
      instanceId: 'test',
    });

  const subscribe = (channel: string) =>
    store.subscribe(
      {
        platform: 'discord',
        channelId: channel,
        workspaceId: ids.guild,
        time: '08:00',
        timeZone: 'Europe/Kyiv',
      },
      clock.now(),
    );

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-discord-daily-'));
    store = createSqliteStore({ file: path.join(dir, 'daily.sqlite'), clock: () => clock.now() });
    await store.migrate();
    // Subscribed the evening before, so the first morning is due.
    clock = createManualClock(Date.parse('2026-12-04T18:00:00Z'));
    daily = createDailyService({ store, knowledge: harness.core.knowledge, clock });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts once to a Discord channel when it is due, records the message id, and not again', async () => {
    const channel = channelId();
    const subscription = await subscribe(channel);
    await clock.set(Date.parse('2026-12-05T06:00:30Z')); // 08:00 in Kyiv
    const s = scheduler();

    expect(await s.tick()).toMatchObject({ due: 1, sent: 1 });
    expect(await s.tick()).toMatchObject({ sent: 0 });

    const messages = harness.discord.channelMessages(channel);
    expect(messages).toHaveLength(1);
    const body = bodyOf(messages[0]);
    expectValidMessage(body);
    expect(body.embeds?.[0]?.title).toBe('Daily briefing: 5 December 2026');
    const delivery = await store.getDelivery(subscription.id, '2026-12-05');
    expect(delivery).toMatchObject({ state: 'sent', messageId: messages[0]?.id });
    await s.stop();
  });

  it('pauses a channel that answers 50001, and /daily status says why', async () => {
    const channel = channelId();
    await subscribe(channel);
    harness.discord.failNext({
      method: 'POST',
      path: channelPath(channel),
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    await clock.set(Date.parse('2026-12-05T06:00:30Z'));
    const s = scheduler();

    expect(await s.tick()).toMatchObject({ due: 1, paused: 1, sent: 0 });
    expect(await s.tick()).toMatchObject({ due: 0 });
    await s.stop();

    expect(harness.discord.channelMessages(channel)).toEqual([]);
    const status = await daily.handle(
      {
        command: 'daily',
        query: 'status',
        user: { id: ids.user },
        channel: { id: channel },
        platform: 'discord',
      },
      { canManage: false, workspaceId: ids.guild },
    );
    expect(status.title).toBe('Daily briefing: paused');
    expect(JSON.stringify(status)).toContain('Paused: Missing Access (50001)');
  });
});
