import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyStore, SendSlots, SubscriptionInput } from '../../../src/core/index.ts';
import {
  createSharedRateLimiter,
  type RateLimiter,
} from '../../../src/core/schedule/rate-limiter.ts';

/**
 * Opens a fresh, migrated store on the given clock (the store's own time, which every delivery
 * time is read from); `second` opens another connection to the same database.
 */
export interface StoreHarness {
  readonly store: DailyStore & SendSlots;
  second(): Promise<DailyStore & SendSlots>;
  cleanup(): Promise<void>;
}

const t0 = Date.UTC(2024, 11, 5, 6, 0);
const kyiv: SubscriptionInput = {
  platform: 'slack',
  channelId: 'C0001',
  workspaceId: 'T0001',
  time: '08:00',
  timeZone: 'Europe/Kyiv',
  createdBy: 'U0001',
};

/** The behaviour every DailyStore must have; sqlite.test.ts and postgres.test.ts run it. */
export function describeStoreContract(
  name: string,
  open: (clock: () => number) => Promise<StoreHarness>,
): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness;
    let store: DailyStore & SendSlots;
    let time = t0;
    beforeEach(async () => {
      time = t0;
      harness = await open(() => time);
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    /** Claims at `now` on the store's clock. */
    const claim = (localDate: string, now: number, instanceId = 'a') => {
      time = now;
      return store.claimDelivery({
        subscriptionId: 'slack:C0001',
        localDate,
        instanceId,
        leaseMs: 60_000,
      });
    };

    it('runs migrations twice without harm', async () => {
      await store.migrate();
      await store.migrate();
      expect(await store.listSubscriptions()).toEqual([]);
    });

    it('subscribes, reads back, updates the time and unsubscribes', async () => {
      const created = await store.subscribe(kyiv, t0);
      expect(created).toMatchObject({
        id: 'slack:C0001',
        platform: 'slack',
        channelId: 'C0001',
        workspaceId: 'T0001',
        time: '08:00',
        timeZone: 'Europe/Kyiv',
        status: 'active',
        pausedReason: null,
        createdBy: 'U0001',
        activeSince: t0,
        createdAt: t0,
      });
      const updated = await store.subscribe({ ...kyiv, time: '07:30' }, t0 + 1000);
      expect(updated.time).toBe('07:30');
      expect(updated.createdAt).toBe(t0);
      expect(updated.activeSince).toBe(t0);
      expect(await store.getSubscription('slack', 'C0001')).toEqual(updated);
      expect(await store.unsubscribe('slack', 'C0001')).toBe(true);
      expect(await store.unsubscribe('slack', 'C0001')).toBe(false);
      expect(await store.getSubscription('slack', 'C0001')).toBeUndefined();
    });

    it('pauses with a reason, lists by status, and resumes on resubscribe', async () => {
      await store.subscribe(kyiv, t0);
      await store.subscribe({ ...kyiv, platform: 'discord', channelId: '42' }, t0);
      await store.pause('slack:C0001', 'channel_not_found', t0 + 5);
      const paused = await store.listSubscriptions({ status: 'paused' });
      expect(paused.map((s) => [s.id, s.pausedReason])).toEqual([
        ['slack:C0001', 'channel_not_found'],
      ]);
      expect((await store.listSubscriptions({ status: 'active' })).map((s) => s.id)).toEqual([
        'discord:42',
      ]);
      expect((await store.listSubscriptions({ platform: 'slack' })).map((s) => s.id)).toEqual([
        'slack:C0001',
      ]);
      const resumed = await store.subscribe(kyiv, t0 + 10);
      expect(resumed).toMatchObject({ status: 'active', pausedReason: null, activeSince: t0 + 10 });
    });

    it('stores when a subscription is next due: created, changed while active, and resumed', async () => {
      // t0 is 08:00 in Kyiv: a subscription made at that very instant is due at once.
      expect((await store.subscribe(kyiv, t0)).nextDueAt).toBe(t0);
      // Made a minute later, today's 08:00 has passed: tomorrow's.
      const late = await store.subscribe({ ...kyiv, channelId: 'C0002' }, t0 + 60_000);
      expect(late.nextDueAt).toBe(t0 + 86_400_000);
      // An active one moved to 07:30 keeps today's (passed) slot: the scheduler judges the catch-up.
      const moved = await store.subscribe({ ...kyiv, time: '07:30' }, t0 + 120_000);
      expect(moved.nextDueAt).toBe(Date.UTC(2024, 11, 5, 5, 30));
      // A zone change counts in the new zone: 08:00 in New York is 13:00 UTC, still ahead today.
      const zoned = await store.subscribe({ ...kyiv, timeZone: 'America/New_York' }, t0 + 180_000);
      expect(zoned.nextDueAt).toBe(Date.UTC(2024, 11, 5, 13, 0));
      // Resumed after today's time: the first post is tomorrow's, as for a new subscription.
      await store.pause('slack:C0001', 'not_in_channel', t0 + 240_000);
      const resumed = await store.subscribe(
        { ...kyiv, timeZone: 'America/New_York' },
        Date.UTC(2024, 11, 5, 14, 0),
      );
      expect(resumed.nextDueAt).toBe(Date.UTC(2024, 11, 6, 13, 0));
      expect(await store.getSubscription('slack', 'C0001')).toEqual(resumed);
    });

    it('lists the active subscriptions due by a given instant, earliest first', async () => {
      const at = (channelId: string, time: string) =>
        store.subscribe({ ...kyiv, channelId, time }, Date.UTC(2024, 11, 4, 22, 0));
      await at('C9', '08:00'); // 06:00 UTC on the 5th
      await at('C1', '09:00'); // 07:00
      await at('C2', '08:00'); // 06:00
      await at('C3', '07:00'); // 05:00, then paused
      await store.pause('slack:C3', 'channel_not_found', t0);
      expect(await store.dueSubscriptions(Date.UTC(2024, 11, 5, 5, 59))).toEqual([]);
      const due = await store.dueSubscriptions(Date.UTC(2024, 11, 5, 6, 0));
      expect(due.map((s) => s.id)).toEqual(['slack:C2', 'slack:C9']);
      const later = await store.dueSubscriptions(Date.UTC(2024, 11, 5, 7, 0));
      expect(later.map((s) => s.id)).toEqual(['slack:C2', 'slack:C9', 'slack:C1']);
    });

    it('reschedules only subscriptions whose time and zone are still the ones it was computed from', async () => {
      await store.subscribe(kyiv, t0);
      await store.subscribe({ ...kyiv, channelId: 'C0002' }, t0);
      const tomorrow = t0 + 86_400_000;
      // Read at 08:00 Kyiv; meanwhile C0002 moved to 09:00, so its stale change is dropped.
      const changed = await store.subscribe({ ...kyiv, channelId: 'C0002', time: '09:00' }, t0);
      await store.reschedule([
        {
          subscriptionId: 'slack:C0001',
          time: '08:00',
          timeZone: 'Europe/Kyiv',
          nextDueAt: tomorrow,
        },
        {
          subscriptionId: 'slack:C0002',
          time: '08:00',
          timeZone: 'Europe/Kyiv',
          nextDueAt: tomorrow,
        },
        {
          subscriptionId: 'slack:GONE',
          time: '08:00',
          timeZone: 'Europe/Kyiv',
          nextDueAt: tomorrow,
        },
      ]);
      await store.reschedule([]);
      expect((await store.getSubscription('slack', 'C0001'))?.nextDueAt).toBe(tomorrow);
      expect((await store.getSubscription('slack', 'C0002'))?.nextDueAt).toBe(changed.nextDueAt);
    });

    it('reschedules a whole day of subscriptions at once', async () => {
      const count = 1_500;
      for (let i = 0; i < count; i++) {
        await store.subscribe({ ...kyiv, channelId: `B${i}` }, t0 - 3_600_000);
      }
      expect(await store.dueSubscriptions(t0)).toHaveLength(count);
      await store.reschedule(
        Array.from({ length: count }, (_, i) => ({
          subscriptionId: `slack:B${i}`,
          time: '08:00',
          timeZone: 'Europe/Kyiv',
          nextDueAt: t0 + 86_400_000 + i,
        })),
      );
      expect(await store.dueSubscriptions(t0 + 86_400_000 - 1)).toEqual([]);
      const next = await store.dueSubscriptions(t0 + 86_400_000 + count);
      expect(next.map((s) => s.nextDueAt)).toEqual(
        Array.from({ length: count }, (_, i) => t0 + 86_400_000 + i),
      );
    });

    it('claims a day once, records the message id, and settles it', async () => {
      await store.subscribe(kyiv, t0);
      const first = await claim('2024-12-05', t0);
      expect(first.outcome).toBe('claimed');
      expect(await claim('2024-12-05', t0 + 1, 'b')).toEqual({ outcome: 'busy' });
      if (first.outcome !== 'claimed') return;
      expect(first.claim.attempt).toBe(1);
      time = t0 + 2;
      expect(await store.completeDelivery(first.claim, { messageId: '1733.01' })).toBe(true);
      expect(await claim('2024-12-05', t0 + 10 * 60_000, 'b')).toEqual({ outcome: 'settled' });
      expect(await store.getDelivery('slack:C0001', '2024-12-05')).toMatchObject({
        state: 'sent',
        messageId: '1733.01',
        sentAt: t0 + 2,
        attempts: 1,
      });
      // Another day is a new delivery.
      expect((await claim('2024-12-06', t0 + 86_400_000)).outcome).toBe('claimed');
    });

    it('hands a retry to any instance only once it is due', async () => {
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      time = t0 + 1;
      expect(await store.retryDelivery(first.claim, { retryInMs: 29_999, error: 'HTTP 500' })).toBe(
        true,
      );
      expect(await claim('2024-12-05', t0 + 29_999, 'b')).toEqual({ outcome: 'busy' });
      const second = await claim('2024-12-05', t0 + 30_000, 'b');
      expect(second.outcome === 'claimed' && second.claim.attempt).toBe(2);
      // The first claim is stale now: its writes are refused.
      time = t0 + 30_001;
      expect(await store.completeDelivery(first.claim, { messageId: 'x' })).toBe(false);
      expect(await store.confirmDelivery(first.claim, 60_000)).toBe(false);
    });

    it('lets another instance take over a claim whose lease ran out (a crashed holder)', async () => {
      const first = await claim('2024-12-05', t0);
      expect(first.outcome).toBe('claimed');
      expect(await claim('2024-12-05', t0 + 59_999, 'b')).toEqual({ outcome: 'busy' });
      const takeover = await claim('2024-12-05', t0 + 60_000, 'b');
      expect(takeover.outcome).toBe('claimed');
    });

    it('releases an unsent claim without counting the attempt', async () => {
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      time = t0 + 5;
      expect(await store.releaseDelivery(first.claim)).toBe(true);
      const again = await claim('2024-12-05', t0 + 5, 'b');
      expect(again.outcome === 'claimed' && again.claim.attempt).toBe(1);
    });

    it('records a failure, and reports the latest delivery and the last post before a day', async () => {
      await store.subscribe(kyiv, t0);
      const day1 = await claim('2024-12-03', t0);
      if (day1.outcome !== 'claimed') throw new Error('expected a claim');
      await store.completeDelivery(day1.claim, { messageId: 'm1' });
      const day2 = await claim('2024-12-04', t0);
      if (day2.outcome !== 'claimed') throw new Error('expected a claim');
      await store.failDelivery(day2.claim, { error: 'HTTP 500 five times' });
      expect(await claim('2024-12-04', t0 + 3_600_000)).toEqual({ outcome: 'settled' });
      expect(await store.latestDelivery('slack:C0001')).toMatchObject({
        localDate: '2024-12-04',
        state: 'failed',
        error: 'HTTP 500 five times',
      });
      expect(await store.lastSentBefore('slack:C0001', '2024-12-05')).toBe('2024-12-03');
      expect(await store.lastSentBefore('slack:C0001', '2024-12-03')).toBeUndefined();
    });

    it('keeps delivery history across unsubscribe, so a day is never posted twice', async () => {
      await store.subscribe(kyiv, t0);
      const day = await claim('2024-12-05', t0);
      if (day.outcome !== 'claimed') throw new Error('expected a claim');
      await store.completeDelivery(day.claim, { messageId: 'm1' });
      await store.unsubscribe('slack', 'C0001');
      await store.subscribe(kyiv, t0 + 1000);
      expect(await claim('2024-12-05', t0 + 2000)).toEqual({ outcome: 'settled' });
    });

    it('reads every delivery time from its own clock, not the caller’s', async () => {
      expect(await store.now()).toBe(t0);
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      expect((await store.getDelivery('slack:C0001', '2024-12-05'))?.leaseUntil).toBe(t0 + 60_000);
      time = t0 + 5_000;
      await store.retryDelivery(first.claim, { retryInMs: 30_000, error: 'HTTP 500' });
      expect(await store.getDelivery('slack:C0001', '2024-12-05')).toMatchObject({
        state: 'retry',
        nextAttemptAt: t0 + 35_000,
        updatedAt: t0 + 5_000,
      });
    });

    it('confirms a live claim before sending and renews its lease, so no one takes it over', async () => {
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      time = t0 + 50_000;
      expect(await store.confirmDelivery(first.claim, 60_000)).toBe(true);
      // The original lease would have run out at t0 + 60 s; the renewed one holds to t0 + 110 s.
      expect(await claim('2024-12-05', t0 + 100_000, 'b')).toEqual({ outcome: 'busy' });
      expect((await claim('2024-12-05', t0 + 110_000, 'b')).outcome).toBe('claimed');
    });

    it('refuses to confirm a claim another instance took over, so the stale send is dropped', async () => {
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      const takeover = await claim('2024-12-05', t0 + 60_000, 'b');
      expect(takeover.outcome).toBe('claimed');
      expect(await store.confirmDelivery(first.claim, 60_000)).toBe(false);
      if (takeover.outcome !== 'claimed') return;
      expect(await store.confirmDelivery(takeover.claim, 60_000)).toBe(true);
    });

    it('still confirms a claim whose lease ran out unnoticed, as long as no one took it over', async () => {
      const first = await claim('2024-12-05', t0);
      if (first.outcome !== 'claimed') throw new Error('expected a claim');
      time = t0 + 90_000;
      expect(await store.confirmDelivery(first.claim, 60_000)).toBe(true);
      expect(await claim('2024-12-05', t0 + 100_000, 'b')).toEqual({ outcome: 'busy' });
    });

    it('gives exactly one claim to many racing connections', async () => {
      const other = await harness.second();
      try {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? store : other).claimDelivery({
              subscriptionId: 'slack:C0001',
              localDate: '2024-12-05',
              instanceId: `i${i}`,
              leaseMs: 60_000,
            }),
          ),
        );
        expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    describe('send slots shared by two instances', () => {
      /**
       * Two rate limiters, each on its own connection as two instances would be. Their clock's
       * sleep records each wait and returns at once, and the store's clock stands still: the
       * waits are then exactly the slots the store booked, relative to one instant.
       */
      const twoInstances = async (limit: { perSecond?: number; perTargetIntervalMs?: number }) => {
        const other = await harness.second();
        const waits: number[] = [];
        const clock = {
          now: () => time,
          sleep: async (ms: number) => {
            waits.push(ms);
          },
        };
        const limiters: RateLimiter[] = [store, other].map((slots) =>
          createSharedRateLimiter('daily:discord', limit, slots, clock),
        );
        return { limiters, waits, close: () => other.close() };
      };

      it('books every send of both instances in its own slot of the global budget', async () => {
        const { limiters, waits, close } = await twoInstances({ perSecond: 50 });
        try {
          await Promise.all(
            Array.from({ length: 60 }, (_, i) => limiters[i % 2]?.acquire(`channel-${i}`)),
          );
          // 60 sends at 50 a second, booked at once by two instances: 20 ms apart, none shared.
          // The first slot is now and needs no sleep.
          const slots = [0, ...waits].sort((a, b) => a - b);
          expect(slots).toEqual(Array.from({ length: 60 }, (_, i) => i * 20));
        } finally {
          await close();
        }
      });

      it("spaces two instances' posts to one channel by the channel's interval", async () => {
        const { limiters, waits, close } = await twoInstances({ perTargetIntervalMs: 1000 });
        try {
          await Promise.all([
            limiters[0]?.acquire('C0001'),
            limiters[1]?.acquire('C0001'),
            limiters[0]?.acquire('C0001'),
            limiters[1]?.acquire('C0002'),
          ]);
          // Three posts to C0001 at 0, 1 and 2 s; C0002 is another bucket, free at once.
          expect([...waits].sort((a, b) => a - b)).toEqual([1000, 2000]);
        } finally {
          await close();
        }
      });

      it("holds back every instance after one instance's 429", async () => {
        const { limiters, waits, close } = await twoInstances({ perSecond: 50 });
        try {
          await limiters[0]?.block(150_000);
          await limiters[1]?.acquire('channel-1');
          expect(waits).toEqual([150_000]);
          await limiters[1]?.block(200_000, 'channel-2');
          await limiters[0]?.acquire('channel-2');
          await limiters[0]?.acquire('channel-3');
          // channel-2 waits out its own 429; channel-3 only the global slots after the first one.
          expect(waits.slice(1)).toEqual([200_000, 150_040]);
        } finally {
          await close();
        }
      });
    });
  });
}
