import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../src/core/daily/store.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import { createDailyScheduler, type DailyScheduler } from '../../../src/core/schedule/scheduler.ts';
import { localDate, zonedInstant } from '../../../src/core/schedule/time-zone.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFakeDeliverer } from './fake-deliverer.ts';

/*
 * The scheduler reads only subscriptions whose stored next-due instant has come. This checks it
 * posts exactly what the documented rules say, tick for tick, by asking the rules about every
 * subscription at every tick (the full scan the scheduler used to do) and comparing. Random
 * subscriptions, zones with daylight saving, odd offsets and 30-minute shifts, starts next to
 * the transitions, ticks from 15 seconds to a day and a half apart (downtime), time and zone
 * changes, pauses, resumes and restarts in between.
 */

const graceMs = 6 * 3_600_000;
const minute = 60_000;
const hour = 60 * minute;

/** The documented rules as the full scan applied them: the local day due at `now`, if any. */
function dueByTheRules(subscription: Subscription, now: number): string | undefined {
  const date = localDate(now, subscription.timeZone);
  const dueAt = zonedInstant(date, subscription.time, subscription.timeZone);
  if (now < dueAt || now - dueAt > graceMs) return undefined;
  if (dueAt < subscription.activeSince) return undefined;
  return date;
}

const starts = [
  '2024-03-09T12:00:00Z', // the day before New York springs forward
  '2024-03-30T12:00:00Z', // the day before Europe springs forward
  '2024-04-06T00:00:00Z', // Sydney and Lord Howe fall back on the 7th
  '2024-10-05T12:00:00Z', // Sydney springs forward on the 6th
  '2024-10-26T12:00:00Z', // Europe falls back on the 27th
  '2024-11-02T12:00:00Z', // New York falls back on the 3rd
  '2024-12-30T20:00:00Z', // the new year, everywhere
].map(Date.parse);
const zones = [
  'America/New_York',
  'Europe/Kyiv',
  'Europe/Berlin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'UTC',
];
const times = fc.oneof(
  fc.constantFrom('02:30', '01:30', '03:00', '00:00', '23:59', '08:00', '02:00', '02:15'),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
);
const subscriptionCount = 3;
const step = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      afterMs: fc.oneof(
        fc.constant(15_000),
        fc.integer({ min: 1, max: 59 }).map((m) => m * minute + 7_000),
        fc.integer({ min: 1, max: 7 }).map((h) => h * hour + 13 * minute),
        fc.integer({ min: 20, max: 36 }).map((h) => h * hour), // downtime
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      index: fc.nat(subscriptionCount - 1),
      time: fc.option(times, { nil: undefined }),
      timeZone: fc.option(fc.constantFrom(...zones), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), index: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
);
const scenario = fc.record({
  start: fc.constantFrom(...starts),
  subscriptions: fc.array(fc.record({ time: times, timeZone: fc.constantFrom(...zones) }), {
    minLength: subscriptionCount,
    maxLength: subscriptionCount,
  }),
  steps: fc.array(step, { minLength: 10, maxLength: 50 }),
});

describe('the next-due instant', () => {
  it('posts exactly what the rules say at every tick, around daylight saving, changes and downtime', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ start, subscriptions, steps }) => {
        const clock = createManualClock(start);
        const store = createSqliteStore({ file: ':memory:', clock: clock.now });
        await store.migrate();
        const slack = createFakeDeliverer('slack', clock.now);
        const instance = (): DailyScheduler =>
          createDailyScheduler({
            store,
            clock,
            logger: { debug() {}, info() {}, warn() {}, error() {} },
            deliverers: [slack],
            compose: async (subscription, date) => ({
              title: `${subscription.channelId} ${date}`,
              blocks: [],
              footer: '',
              visibility: 'public',
              outcome: 'daily',
            }),
            instanceId: 'test',
            graceMs,
          });
        try {
          const channel = (index: number) => `C${index}`;
          for (const [index, subscription] of subscriptions.entries()) {
            await store.subscribe(
              { platform: 'slack', channelId: channel(index), ...subscription },
              start,
            );
          }
          let scheduler = instance();
          const posted = new Set<string>();
          for (const action of steps) {
            const now = clock.now();
            switch (action.kind) {
              case 'tick': {
                await clock.advance(action.afterMs);
                const at = clock.now();
                const expected = (await store.listSubscriptions({ status: 'active' }))
                  .flatMap((subscription) => {
                    const date = dueByTheRules(subscription, at);
                    const title = `${subscription.channelId} ${date}`;
                    return date === undefined || posted.has(title) ? [] : [title];
                  })
                  .sort();
                const before = slack.sent.length;
                await scheduler.tick();
                const sent = slack.sent
                  .slice(before)
                  .map((post) => post.title)
                  .sort();
                expect({ at: new Date(at).toISOString(), sent }).toEqual({
                  at: new Date(at).toISOString(),
                  sent: expected,
                });
                for (const title of sent) posted.add(title);
                break;
              }
              case 'change': {
                // `/daily subscribe` with a new time or zone; on a paused one it also resumes.
                const current = await store.getSubscription('slack', channel(action.index));
                if (!current) break;
                await store.subscribe(
                  {
                    platform: 'slack',
                    channelId: current.channelId,
                    time: action.time ?? current.time,
                    timeZone: action.timeZone ?? current.timeZone,
                  },
                  now,
                );
                break;
              }
              case 'pause':
                await store.pause(`slack:${channel(action.index)}`, 'not_in_channel', now);
                break;
              case 'restart':
                await scheduler.stop();
                scheduler = instance();
                break;
            }
          }
          await scheduler.stop();
        } finally {
          await store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
