import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import {
  type Briefing,
  type Clock,
  createDailyScheduler,
  type DailyDeliverer,
  type DailyStore,
  type SendSlots,
} from '../../../src/core/index.ts';
import { createManualClock, type ManualClock } from '../../../src/core/schedule/clock.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFixtureCore, createMemoryLogger } from '../../adapters/discord/harness.ts';
import { ids } from '../../adapters/discord/interactions.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { createFakeSlack } from '../../fakes/fake-slack.ts';
import { databaseUrl, openPostgresSchema } from '../../infra/store/postgres-harness.ts';

/*
 * The faults issue 13 found, scripted: two scheduler instances share one store (SQLite, and
 * PostgreSQL when DATABASE_URL is set) and post through the real discord.js and Bolt clients to
 * the fakes on 127.0.0.1. Time is virtual: the store's clock is a manual clock the test moves,
 * and each instance's own clock is a view of it (one of them 150 s ahead in the skew scenario).
 * Every scenario ends by counting what the fake platform holds: exactly one post per channel for
 * the day, each one recorded in the store.
 */

const day = '2026-12-05';
/** 08:00:30 UTC: the subscriptions (08:00 UTC) are due. */
const dueAt = Date.parse(`${day}T08:00:30Z`);
const subscribedAt = Date.parse('2026-12-04T18:00:00Z');
const leaseMs = 120_000; // the scheduler's default, spelled out because the scenarios turn on it
const briefing = (title: string): Briefing => ({
  title,
  blocks: [{ type: 'paragraph', text: 'Ceasefire lines and monitoring.' }],
  footer: 'test',
  visibility: 'public',
  outcome: 'daily',
});

/** One database, any number of connections to it, all on the world's clock. */
interface World {
  readonly clock: ManualClock;
  connect(): Promise<DailyStore & SendSlots>;
  cleanup(): Promise<void>;
}

type Backend = (clock: ManualClock) => Promise<World>;

const sqlite: Backend = async (clock) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-faults-'));
  const file = path.join(dir, 'daily.sqlite');
  const stores: (DailyStore & SendSlots)[] = [];
  return {
    clock,
    connect: async () => {
      const store = createSqliteStore({ file, clock: clock.now });
      await store.migrate();
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

const postgres: Backend = async (clock) => {
  const db = await openPostgresSchema();
  const stores: (DailyStore & SendSlots)[] = [];
  return {
    clock,
    connect: async () => {
      // The test's clock stands in for the server's: the store, not the instance, keeps time.
      const store = await db.open(clock.now);
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await db.drop();
    },
  };
};

/** A fake platform and, per instance, the real adapter's deliverer pointed at it. */
interface Rig {
  readonly platform: 'discord' | 'slack';
  channel(index: number): string;
  /** A new adapter (its own client, as a separate process has) and its deliverer. */
  instance(): Promise<DailyDeliverer>;
  /** The next `count` posts are accepted but answered only at `release()`. */
  holdNext(count: number): void;
  /** The next `count` posts are accepted but answered after `delayMs` of real time. */
  slowNext(count: number, delayMs: number): void;
  release(): void;
  /** Messages in the channel; the message ids of the day's posts, in order. */
  postsIn(channel: string): readonly string[];
  /** Posts accepted in every channel. */
  accepted(): number;
  close(): Promise<void>;
}

interface RigOptions {
  /** The client's request timeout; short in the timeout scenario. */
  readonly timeoutMs?: number;
}

/** Discord's rig can also answer with the bot's global 429. */
interface DiscordRig extends Rig {
  /** The next channel post anywhere gets a global 429 with this Retry-After. */
  globalRateLimitNext(retryAfterSeconds: number): void;
}

async function discordRig(options: RigOptions = {}): Promise<DiscordRig> {
  const fake = await createFakeDiscord({ applicationId: ids.application });
  const core = await createFixtureCore();
  const adapters: { stop(): Promise<void> }[] = [];
  const anyChannel = /^\/channels\/[^/]+\/messages$/;
  return {
    platform: 'discord',
    channel: (index) => `3200000000000${String(index).padStart(5, '0')}`,
    instance: async () => {
      const adapter = createDiscordAdapter(
        { token: 'test-token', applicationId: ids.application, apiUrl: fake.apiUrl },
        core,
        createMemoryLogger(),
        options.timeoutMs ? { restTimeoutMs: options.timeoutMs } : {},
      );
      await adapter.start();
      adapters.push(adapter);
      if (!adapter.deliverer) throw new Error('the Discord adapter has no deliverer');
      return adapter.deliverer;
    },
    holdNext: (count) => fake.slowNext({ method: 'POST', path: anyChannel, times: count }),
    slowNext: (count, delayMs) =>
      fake.slowNext({ method: 'POST', path: anyChannel, times: count, delayMs }),
    globalRateLimitNext: (retryAfterSeconds) =>
      fake.rateLimitNext({ method: 'POST', path: anyChannel, retryAfterSeconds, global: true }),
    release: () => fake.releaseHeld(),
    postsIn: (channel) => fake.channelMessages(channel).map((message) => message.id),
    accepted: () => fake.posted.length,
    close: async () => {
      fake.releaseHeld();
      for (const adapter of adapters) await adapter.stop();
      await fake.close();
    },
  };
}

async function slackRig(options: RigOptions = {}): Promise<Rig> {
  const fake = await createFakeSlack();
  const core = await createFixtureCore();
  const adapters: { stop(): Promise<void> }[] = [];
  return {
    platform: 'slack',
    channel: (index) => `C0FAULT${String(index).padStart(3, '0')}`,
    instance: async () => {
      const adapter = createSlackAdapter(
        {
          botToken: 'xoxb-test-token',
          signingSecret: 'test-signing-secret-0123456789abcdef',
          apiUrl: fake.apiUrl,
          port: 0,
          dailyManagers: [],
        },
        core,
        createMemoryLogger(),
        { host: '127.0.0.1', ...(options.timeoutMs ? { webApiTimeoutMs: options.timeoutMs } : {}) },
      );
      await adapter.start();
      adapters.push(adapter);
      return adapter.deliverer;
    },
    holdNext: (count) =>
      fake.script('chat.postMessage', ...Array.from({ length: count }, () => ({ hold: true }))),
    slowNext: (count, delayMs) =>
      fake.script('chat.postMessage', ...Array.from({ length: count }, () => ({ delayMs }))),
    release: () => fake.releaseHeld(),
    postsIn: (channel) => fake.messages(channel).map((message) => message.ts),
    accepted: () => fake.messages().length,
    close: async () => {
      fake.releaseHeld();
      for (const adapter of adapters) await adapter.stop();
      await fake.close();
    },
  };
}

/**
 * Waits in real time until `ready` holds, moving virtual time only by Discord's pacing (20 ms a
 * post), so requests in flight stay in flight for an instant of the store's time.
 */
async function until(clock: ManualClock, ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await clock.advance(20);
    await pause(5);
  }
}

/** Resolves with what `promise` gives, moving virtual time as `until` does meanwhile. */
async function settle<T>(clock: ManualClock, promise: Promise<T>, what: string): Promise<T> {
  let result: { value: T } | undefined;
  const watched = promise.then((value) => {
    result = { value };
  });
  await until(clock, () => result !== undefined, what);
  await watched;
  if (!result) throw new Error(`${what}: no result`);
  return result.value;
}

/**
 * Moves virtual time in 100 ms steps, letting real I/O land between them, until `done`. A step
 * is small next to the lease, so a request in flight for a few real milliseconds never spans one.
 */
async function drive(
  clock: ManualClock,
  done: () => Promise<boolean>,
  limitMs: number,
  onStep: () => void = () => {},
): Promise<void> {
  const end = clock.now() + limitMs;
  for (let step = 0; ; step++) {
    if (step % 20 === 0 && (await done())) return;
    if (clock.now() > end) throw new Error('the fan-out did not finish in virtual time');
    await clock.advance(100);
    onStep();
    await pause(1);
  }
}

const backends: readonly [string, Backend, boolean][] = [
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, Boolean(databaseUrl)],
];

for (const [backendName, backend, available] of backends) {
  describe.skipIf(!available)(`daily posts under faults: two instances on ${backendName}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      vi.useRealTimers();
    });

    /** Subscribes `count` channels, all due at 08:00 UTC, and opens the probe connection. */
    const setUp = async (rig: Rig, count: number, start = dueAt) => {
      const clock = createManualClock(subscribedAt);
      const world = await backend(clock);
      cleanups.push(
        () => rig.close(),
        () => world.cleanup(),
      );
      const probe = await world.connect();
      const channels = Array.from({ length: count }, (_, i) => rig.channel(i));
      for (const channelId of channels) {
        await probe.subscribe(
          { platform: rig.platform, channelId, time: '08:00', timeZone: 'UTC' },
          clock.now(),
        );
      }
      await clock.set(start);
      const instances: { stop(): Promise<void> }[] = [];
      cleanups.push(async () => {
        for (const scheduler of instances) await scheduler.stop();
      });
      /**
       * A scheduler instance on its own connection, adapter and (optionally skewed) clock;
       * `shared` books its sends in the store's send slots, as main.ts does.
       */
      const instance = async (name: string, skewMs = 0, shared = false) => {
        const store = await world.connect();
        const own: Clock = {
          now: () => clock.now() + skewMs,
          sleep: (ms, signal) => clock.sleep(ms, signal),
        };
        const logger = createMemoryLogger();
        const scheduler = createDailyScheduler({
          store,
          clock: own,
          logger,
          deliverers: [await rig.instance()],
          compose: async (subscription, date) => briefing(`${subscription.channelId} ${date}`),
          instanceId: name,
          leaseMs,
          ...(shared ? { sendSlots: store } : {}),
        });
        instances.push(scheduler);
        return { store, scheduler, logger };
      };
      const allSent = async () => {
        for (const channelId of channels) {
          const row = await probe.getDelivery(`${rig.platform}:${channelId}`, day);
          if (row?.state !== 'sent') return false;
        }
        return true;
      };
      /** Exactly one post per channel, and the store records that post's id: none twice, none lost. */
      const expectExactlyOnce = async () => {
        const counts = channels.map((channelId) => rig.postsIn(channelId).length);
        expect(counts).toEqual(channels.map(() => 1));
        for (const channelId of channels) {
          const row = await probe.getDelivery(`${rig.platform}:${channelId}`, day);
          expect(row).toMatchObject({ state: 'sent', messageId: rig.postsIn(channelId)[0] });
        }
      };
      return { clock, instance, allSent, expectExactlyOnce };
    };

    it('a global 429 with retry-after 150 s: the throttled instance holds no claim while it waits', async () => {
      // discord.js keeps Discord's global limit by Date.now(); it follows the virtual clock here,
      // as it would follow real time in production.
      vi.useFakeTimers({ toFake: ['Date'] });
      const rig = await discordRig();
      const world = await setUp(rig, 24);
      vi.setSystemTime(world.clock.now());
      const a = await world.instance('a');
      const b = await world.instance('b');
      // a's first post is told to stop everything for 150 s, longer than the 120 s lease.
      rig.globalRateLimitNext(150);
      a.scheduler.start();
      // Once the 429 is in, a few more paced slots let a's other workers reach their wait.
      let polls = 0;
      const throttled = () =>
        a.logger.records.some((r) => r.message === 'daily post will be retried') && ++polls > 10;
      await until(world.clock, throttled, 'a has been told to wait 150 s');
      // a's workers now wait out the 429; b starts and posts what a is not holding.
      b.scheduler.start();
      await drive(world.clock, world.allSent, 20 * 60_000, () =>
        vi.setSystemTime(world.clock.now()),
      );
      const retry = a.logger.records.find((r) => r.message === 'daily post will be retried');
      expect(Number(retry?.context?.retryInMs)).toBeGreaterThanOrEqual(150_000);
      expect(rig.accepted()).toBe(24);
      await world.expectExactlyOnce();
    });

    it('a global 429 with retry-after 150 s on shared send slots: the other instance waits it out too', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const rig = await discordRig();
      const world = await setUp(rig, 24);
      vi.setSystemTime(world.clock.now());
      const a = await world.instance('a', 0, true);
      const b = await world.instance('b', 0, true);
      rig.globalRateLimitNext(150);
      a.scheduler.start();
      await until(
        world.clock,
        () => a.logger.records.some((r) => r.message === 'daily post will be retried'),
        'a has been told to wait 150 s',
      );
      const told = world.clock.now();
      const acceptedBefore = rig.accepted();
      // b starts inside the block and finds it in the shared slots: for the rest of the 150 s,
      // neither instance sends anything (each would be one more 429 for the bot's token).
      b.scheduler.start();
      while (world.clock.now() < told + 140_000) {
        await world.clock.advance(500);
        vi.setSystemTime(world.clock.now());
        await pause(1);
      }
      expect(rig.accepted()).toBe(acceptedBefore);
      await drive(world.clock, world.allSent, 20 * 60_000, () =>
        vi.setSystemTime(world.clock.now()),
      );
      expect(rig.accepted()).toBe(24);
      await world.expectExactlyOnce();
    });

    for (const makeRig of [discordRig, slackRig]) {
      it(`150 s clock skew (${makeRig === discordRig ? 'Discord' : 'Slack'}): the instance ahead posts nothing before it is due on the store's clock`, async () => {
        const rig = await makeRig();
        // 90 s before the posts are due on the store's clock; 60 s after by the instance's own.
        const world = await setUp(rig, 12, dueAt - 90_000);
        const ahead = await world.instance('ahead', 150_000);
        const pass = await settle(world.clock, ahead.scheduler.tick(), 'the pass has ended');
        expect(pass).toMatchObject({ due: 0, sent: 0 });
        expect(rig.accepted()).toBe(0);
      });

      it(`150 s clock skew (${makeRig === discordRig ? 'Discord' : 'Slack'}): the instance ahead does not take over a live lease`, async () => {
        const rig = await makeRig();
        const world = await setUp(rig, 12);
        const a = await world.instance('a');
        const ahead = await world.instance('ahead', 150_000);
        // a's eight workers post; the platform accepts and has not answered yet.
        rig.holdNext(8);
        const passA = a.scheduler.tick();
        await until(
          world.clock,
          () => rig.accepted() === 8,
          'the first instance has eight posts in flight',
        );
        // By its own clock, a's leases ran out 30 s ago; by the store's they have two minutes left.
        await settle(world.clock, ahead.scheduler.tick(), 'the instance ahead has made a pass');
        rig.release();
        await settle(world.clock, passA, 'the first instance has finished its pass');
        a.scheduler.start();
        ahead.scheduler.start();
        await drive(world.clock, world.allSent, 10 * 60_000);
        await world.expectExactlyOnce();
      });

      it(`timeouts after acceptance (${makeRig === discordRig ? 'Discord' : 'Slack'}): a post the platform took but answered too late is not sent again`, async () => {
        const rig = await makeRig({ timeoutMs: 150 });
        const world = await setUp(rig, 6);
        const a = await world.instance('a');
        const b = await world.instance('b');
        // Every first post is accepted at once and answered after the client has given up.
        rig.slowNext(6, 500);
        a.scheduler.start();
        b.scheduler.start();
        await drive(world.clock, world.allSent, 20 * 60_000);
        await world.expectExactlyOnce();
      });

      it(`kill -9 mid fan-out (${makeRig === discordRig ? 'Discord' : 'Slack'}): posts accepted but never recorded are not repeated`, async () => {
        const rig = await makeRig();
        const world = await setUp(rig, 12);
        const doomed = await world.instance('doomed');
        const survivor = await world.instance('survivor');
        rig.holdNext(8);
        const pass = doomed.scheduler.tick();
        await until(
          world.clock,
          () => rig.accepted() === 8,
          'the doomed instance has eight posts in flight',
        );
        // kill -9: its connection to the store is gone, so nothing it sent is ever recorded.
        await doomed.store.close();
        rig.release();
        await settle(world.clock, pass, 'the doomed pass has ended');
        // Eight workers per platform: a kill -9 leaves at most eight posts unrecorded.
        expect(rig.accepted()).toBe(8);
        survivor.scheduler.start();
        // The survivor takes the eight over once their leases run out, and posts the other four.
        await drive(world.clock, world.allSent, 10 * 60_000);
        await world.expectExactlyOnce();
      });
    }
  });
}
