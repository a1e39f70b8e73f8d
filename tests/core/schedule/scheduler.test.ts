import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../../src/core/briefing/model.ts';
import type { DailyStore, SubscriptionInput } from '../../../src/core/daily/store.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { Metrics } from '../../../src/core/metrics.ts';
import { createManualClock, type ManualClock } from '../../../src/core/schedule/clock.ts';
import {
  createDailyScheduler,
  type SchedulerConfig,
} from '../../../src/core/schedule/scheduler.ts';
import { handleShutdownSignals } from '../../../src/core/schedule/shutdown.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFakeDeliverer, type FakeDeliverer } from './fake-deliverer.ts';

const utc = (iso: string) => Date.parse(iso);
const minute = 60_000;

/** Collects log records so tests can assert what operators would see. */
function createMemoryLogger(): Logger & {
  records: { level: string; message: string; context?: object }[];
} {
  const records: { level: string; message: string; context?: object }[] = [];
  const at = (level: string) => (message: string, context?: object) => {
    records.push({ level, message, ...(context ? { context } : {}) });
  };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const briefingFor = (title: string): Briefing => ({
  title,
  blocks: [],
  footer: 'test',
  visibility: 'public',
  outcome: 'daily',
});

const sub = (channelId: string, time = '08:00', timeZone = 'Europe/Kyiv'): SubscriptionInput => ({
  platform: 'slack',
  channelId,
  time,
  timeZone,
});

describe('daily scheduler', () => {
  let store: DailyStore;
  let clock: ManualClock;
  let slack: FakeDeliverer;
  let logger: ReturnType<typeof createMemoryLogger>;

  const scheduler = (overrides: Partial<SchedulerConfig> = {}) =>
    createDailyScheduler({
      store,
      clock,
      logger,
      deliverers: [slack],
      compose: async (subscription, date) => briefingFor(`${subscription.channelId} ${date}`),
      instanceId: 'test',
      ...overrides,
    });

  beforeEach(async () => {
    // The store keeps the test's time: due times and leases are read from it.
    store = createSqliteStore({ file: ':memory:', clock: () => clock.now() });
    await store.migrate();
    // Subscribed the evening before, so the first morning is due.
    clock = createManualClock(utc('2024-12-04T18:00:00Z'));
    slack = createFakeDeliverer('slack', () => clock.now());
    logger = createMemoryLogger();
  });
  afterEach(async () => {
    await store.close();
  });

  it('posts at the local time, once, and again the next local day', async () => {
    await store.subscribe(sub('C1'), clock.now());
    const s = scheduler();
    await clock.set(utc('2024-12-05T05:59:00Z')); // 07:59 in Kyiv
    expect((await s.tick()).sent).toBe(0);
    await clock.set(utc('2024-12-05T06:00:00Z'));
    expect((await s.tick()).sent).toBe(1);
    await clock.advance(minute);
    expect((await s.tick()).sent).toBe(0);
    await clock.set(utc('2024-12-06T06:00:30Z'));
    expect((await s.tick()).sent).toBe(1);
    expect(slack.sent.map((p) => p.title)).toEqual(['C1 2024-12-05', 'C1 2024-12-06']);
    expect(await store.getDelivery('slack:C1', '2024-12-05')).toMatchObject({
      state: 'sent',
      messageId: 'm1',
    });
  });

  it('after a restart in the middle of the day neither reposts nor skips', async () => {
    await store.subscribe(sub('C1', '08:00'), clock.now());
    await store.subscribe(sub('C2', '09:00'), clock.now());
    await clock.set(utc('2024-12-05T06:05:00Z'));
    const before = scheduler({ instanceId: 'before' });
    expect((await before.tick()).sent).toBe(1);
    await before.stop();
    // Down from 08:05 to 10:30 local; C2's 09:00 post is caught up, C1's is not repeated.
    await clock.set(utc('2024-12-05T08:30:00Z'));
    const after = scheduler({ instanceId: 'after' });
    expect((await after.tick()).sent).toBe(1);
    expect(slack.sent.map((p) => p.title)).toEqual(['C1 2024-12-05', 'C2 2024-12-05']);
  });

  it('after a post, looks at the subscription again only at its next local day’s time', async () => {
    await store.subscribe(sub('C1'), clock.now());
    await store.subscribe(sub('C2', '09:00'), clock.now());
    const s = scheduler();
    await clock.set(utc('2024-12-05T06:00:00Z'));
    expect(await s.tick()).toMatchObject({ due: 1, sent: 1 });
    expect((await store.getSubscription('slack', 'C1'))?.nextDueAt).toBe(
      utc('2024-12-06T06:00:00Z'),
    );
    // Nothing is due until C2's 09:00; a fresh instance finds no day to check again either.
    await clock.advance(15_000);
    expect(await store.dueSubscriptions(clock.now())).toEqual([]);
    expect(await scheduler({ instanceId: 'fresh' }).tick()).toMatchObject({ due: 0, skipped: 0 });
  });

  it('catches up an active subscription moved to an earlier time today, and never posts a day twice', async () => {
    await store.subscribe(sub('C1', '08:00'), clock.now());
    const s = scheduler();
    await clock.set(utc('2024-12-05T05:30:00Z')); // 07:30 in Kyiv: moved to 07:00
    await store.subscribe(sub('C1', '07:00'), clock.now());
    expect((await s.tick()).sent).toBe(1);
    // Moved again, to 09:00, and to another zone whose date is the same: today is done.
    await store.subscribe(sub('C1', '09:00'), clock.now());
    await clock.set(utc('2024-12-05T07:00:00Z'));
    expect((await s.tick()).sent).toBe(0);
    await store.subscribe(sub('C1', '09:00', 'Europe/Berlin'), clock.now());
    await clock.set(utc('2024-12-05T08:00:00Z'));
    expect((await s.tick()).sent).toBe(0);
    await clock.set(utc('2024-12-06T08:00:00Z'));
    expect((await s.tick()).sent).toBe(1);
    expect(slack.sent.map((p) => p.title)).toEqual(['C1 2024-12-05', 'C1 2024-12-06']);
  });

  it('resumes a paused subscription from its next time, without a post for the time it missed', async () => {
    await store.subscribe(sub('C1', '08:00'), clock.now());
    await store.pause('slack:C1', 'not_in_channel', clock.now());
    const s = scheduler();
    await clock.set(utc('2024-12-05T06:00:00Z'));
    expect((await s.tick()).due).toBe(0);
    await clock.set(utc('2024-12-05T07:00:00Z')); // 09:00 local
    await store.subscribe(sub('C1', '08:00'), clock.now());
    expect((await s.tick()).due).toBe(0);
    await clock.set(utc('2024-12-06T06:00:00Z'));
    expect((await s.tick()).sent).toBe(1);
  });

  it('skips a post missed by more than the grace window, and never posts a past day', async () => {
    await store.subscribe(sub('C1', '08:00'), clock.now());
    await clock.set(utc('2024-12-05T12:01:00Z')); // 14:01 local: 6 h 1 min late
    const s = scheduler();
    expect((await s.tick()).due).toBe(0);
    // Looked at once, then left until tomorrow's time.
    expect((await store.getSubscription('slack', 'C1'))?.nextDueAt).toBe(
      utc('2024-12-06T06:00:00Z'),
    );
    await clock.set(utc('2024-12-06T06:00:00Z'));
    await s.tick();
    expect(slack.sent.map((p) => p.title)).toEqual(['C1 2024-12-06']);
  });

  it('does not post at once when someone subscribes after today’s time', async () => {
    await clock.set(utc('2024-12-05T07:00:00Z')); // 09:00 local
    await store.subscribe(sub('C1', '08:00'), clock.now());
    const s = scheduler();
    expect((await s.tick()).due).toBe(0);
    await clock.set(utc('2024-12-06T06:00:00Z'));
    expect((await s.tick()).sent).toBe(1);
  });

  it('posts a 02:30 subscription on the day 02:30 is skipped, once, and once on fall-back day', async () => {
    const january = utc('2024-01-01T00:00:00Z');
    await store.subscribe(sub('NY', '02:30', 'America/New_York'), january);
    await store.subscribe(sub('NY2', '01:30', 'America/New_York'), january);
    clock = createManualClock(january);
    const s = scheduler();
    const postsTo = (channel: string) =>
      slack.sent.filter((p) => p.channelId === channel).map((p) => new Date(p.at).toISOString());
    await clock.set(utc('2024-03-10T07:29:00Z'));
    await s.tick();
    expect(postsTo('NY')).toEqual([]);
    await clock.set(utc('2024-03-10T07:30:00Z')); // 03:30 EDT, just past the gap
    await s.tick();
    await clock.set(utc('2024-03-10T09:30:00Z'));
    await s.tick();
    expect(postsTo('NY')).toEqual(['2024-03-10T07:30:00.000Z']);
    // Fall back: 01:30 happens twice on 3 November; one post, at the first.
    await clock.set(utc('2024-11-03T05:30:00Z'));
    await s.tick();
    await clock.set(utc('2024-11-03T06:30:00Z'));
    await s.tick();
    expect(postsTo('NY2').filter((at) => at.startsWith('2024-11-03'))).toEqual([
      '2024-11-03T05:30:00.000Z',
    ]);
  });

  it('respects Retry-After on a 429 and retries only then', async () => {
    await store.subscribe(sub('C1'), clock.now());
    slack.script('C1', { kind: 'rate-limited', retryAfterMs: 30_000 });
    const s = scheduler();
    await clock.set(utc('2024-12-05T06:00:00Z'));
    expect((await s.tick()).retried).toBe(1);
    await clock.advance(29_000);
    expect((await s.tick()).sent).toBe(0);
    await clock.advance(1_000);
    expect((await s.tick()).sent).toBe(1);
    expect(slack.attempts).toEqual(['C1', 'C1']);
  });

  it('reports each post attempt and each 429 to the Metrics port', async () => {
    const reported: string[] = [];
    const metrics: Metrics = {
      commandHandled: () => {},
      lookup: () => {},
      dailyPost: (platform, outcome) => reported.push(`${platform} ${outcome}`),
      rateLimited: (platform) => reported.push(`${platform} 429`),
    };
    await store.subscribe(sub('C1'), clock.now());
    slack.script('C1', { kind: 'rate-limited', retryAfterMs: 30_000 });
    const s = scheduler({ metrics });
    await clock.set(utc('2024-12-05T06:00:00Z'));
    await s.tick();
    await clock.advance(30_000);
    await s.tick();
    expect(reported).toEqual(['slack 429', 'slack retried', 'slack sent']);
  });

  it('retries a 500 with growing backoff and gives up for the day after the last attempt', async () => {
    await store.subscribe(sub('C1'), clock.now());
    const failure = { kind: 'transient', reason: 'HTTP 500' } as const;
    slack.script('C1', failure, failure, failure);
    const s = scheduler({ retry: { baseDelayMs: 10_000, maxDelayMs: 60_000, maxAttempts: 3 } });
    await clock.set(utc('2024-12-05T06:00:00Z'));
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await s.tick();
      const row = await store.getDelivery('slack:C1', '2024-12-05');
      if (row?.state === 'retry' && row.nextAttemptAt !== null) {
        waits.push(row.nextAttemptAt - clock.now());
        await clock.set(row.nextAttemptAt);
      }
    }
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    expect(await store.getDelivery('slack:C1', '2024-12-05')).toMatchObject({
      state: 'failed',
      attempts: 3,
    });
    expect(logger.records.some((r) => r.message === 'daily post given up for today')).toBe(true);
    // The subscription stays active: tomorrow is another try.
    expect((await store.getSubscription('slack', 'C1'))?.status).toBe('active');
  });

  it('pauses a channel the bot was removed from, without delaying the others', async () => {
    await store.subscribe(sub('GONE'), clock.now());
    await store.subscribe(sub('C2'), clock.now());
    slack.script('GONE', { kind: 'permanent', reason: 'not_in_channel' });
    const s = scheduler();
    await clock.set(utc('2024-12-05T06:00:00Z'));
    const report = await s.tick();
    expect(report).toMatchObject({ sent: 1, paused: 1 });
    expect(await store.getSubscription('slack', 'GONE')).toMatchObject({
      status: 'paused',
      pausedReason: 'not_in_channel',
    });
    expect(
      logger.records.find(
        (r) => r.message === 'daily posts paused: the platform refused the channel',
      )?.context,
    ).toMatchObject({ subscription: 'slack:GONE', reason: 'not_in_channel' });
    await clock.set(utc('2024-12-06T06:00:00Z'));
    await s.tick();
    expect(slack.attempts.filter((c) => c === 'GONE')).toHaveLength(1);
  });

  it('on stop, finishes the send in flight and releases the claims still waiting', async () => {
    for (const id of ['A', 'B', 'C']) await store.subscribe(sub(id), clock.now());
    slack = createFakeDeliverer('slack', () => clock.now(), { perSecond: 1 });
    let finish = () => {};
    let started = () => {};
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const hold = new Promise<void>((resolve) => {
      finish = resolve;
      started();
    });
    // Whichever channel the instance sends first is held in flight (each instance starts the
    // fan-out at its own point of the list).
    for (const id of ['A', 'B', 'C']) slack.script(id, { hold });
    const s = scheduler({ concurrency: 3 });
    await clock.set(utc('2024-12-05T06:00:00Z'));
    const pass = s.tick();
    await inFlight;
    await new Promise((resolve) => setImmediate(resolve));
    // One is sending; the other two are queued behind the 1-a-second limit.
    const stopped = s.stop();
    finish();
    await stopped;
    expect(await pass).toMatchObject({ sent: 1, released: 2 });
    const states = await Promise.all(
      ['A', 'B', 'C'].map(
        async (id) => (await store.getDelivery(`slack:${id}`, '2024-12-05'))?.state,
      ),
    );
    expect(states.filter((state) => state === 'sent')).toHaveLength(1);
    const released = ['A', 'B', 'C'][states.findIndex((state) => state !== 'sent')];
    // Released rows go to the next instance at once, with the attempt uncounted.
    const next = await store.claimDelivery({
      subscriptionId: `slack:${released}`,
      localDate: '2024-12-05',
      instanceId: 'next',
      leaseMs: 60_000,
    });
    expect(next.outcome === 'claimed' && next.claim.attempt).toBe(1);
  });

  it('runs the SIGTERM path: stop the scheduler, close the store, exit 0', async () => {
    await store.subscribe(sub('C1'), clock.now());
    await clock.set(utc('2024-12-05T06:00:00Z'));
    const s = scheduler({ tickMs: 15_000 });
    s.start();
    await clock.advance(0);
    expect(slack.sent).toHaveLength(1);
    const signals = new EventEmitter();
    const steps: string[] = [];
    const exited = new Promise<number>((resolve) => {
      handleShutdownSignals({
        signals,
        clock,
        logger,
        exit: resolve,
        steps: [
          {
            name: 'scheduler',
            run: async () => {
              await s.stop();
              steps.push('scheduler');
            },
          },
          {
            name: 'store',
            run: async () => {
              await store.close();
              steps.push('store');
            },
          },
        ],
      });
    });
    signals.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(steps).toEqual(['scheduler', 'store']);
    expect(logger.records.some((r) => r.message === 'shutting down')).toBe(true);
    store = createSqliteStore({ file: ':memory:' }); // afterEach closes a store
  });
});
