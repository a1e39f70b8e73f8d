import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyStore } from '../../../src/core/index.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import { createDailyScheduler } from '../../../src/core/schedule/scheduler.ts';
import { databaseUrl, openPostgresSchema } from '../../infra/store/postgres-harness.ts';
import { createFakeDeliverer } from './fake-deliverer.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe.skipIf(!databaseUrl)('two schedulers sharing one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof openPostgresSchema>>;
  let a: DailyStore;
  let b: DailyStore;
  const clock = createManualClock(Date.parse('2024-12-04T18:00:00Z'));
  beforeAll(async () => {
    db = await openPostgresSchema();
    // The test's clock stands in for the server's, so a day plays out in virtual time.
    a = await db.open(clock.now);
    b = await db.open(clock.now);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('never post the same (subscription, local day) twice, and together post them all', async () => {
    const zones = ['Europe/Kyiv', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
    for (let i = 0; i < 60; i++) {
      await a.subscribe(
        {
          platform: 'discord',
          channelId: `ch${i}`,
          time: '08:00',
          timeZone: zones[i % 4] ?? 'UTC',
        },
        clock.now(),
      );
    }
    const make = (store: DailyStore, instanceId: string) => {
      const deliverer = createFakeDeliverer('discord', () => clock.now());
      const scheduler = createDailyScheduler({
        store,
        clock,
        logger: silent,
        deliverers: [deliverer],
        compose: async (s, date) => ({
          title: `${s.channelId} ${date}`,
          blocks: [],
          footer: '',
          visibility: 'public',
          outcome: 'daily',
        }),
        instanceId,
        concurrency: 8,
      });
      return { deliverer, scheduler };
    };
    const one = make(a, 'one');
    const two = make(b, 'two');
    // Step through a whole day, both instances ticking at the same moments.
    for (let t = 0; t < 48; t++) {
      await clock.advance(30 * 60_000);
      await Promise.all([one.scheduler.tick(), two.scheduler.tick()]);
    }
    const titles = [...one.deliverer.sent, ...two.deliverer.sent].map((p) => p.title);
    // 24 hours from 18:00 UTC covers each zone's 08:00 once (Tokyo's on the 5th, the others too).
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(60);
    expect(one.deliverer.sent.length).toBeGreaterThan(0);
    expect(two.deliverer.sent.length).toBeGreaterThan(0);
  });
});
