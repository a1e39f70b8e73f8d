import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueAfterDay,
  dueAfterLook,
  dueForExisting,
  dueWhenChanged,
  dueWhenStarted,
} from '../../../src/core/schedule/next-due.ts';
import { nextOccurrence } from '../../../src/core/schedule/time-zone.ts';

const utc = (iso: string) => Date.parse(iso);
const newYork = (time: string) => ({ time, timeZone: 'America/New_York' });

describe('next-due instants', () => {
  it('moves a time skipped by spring-forward later by the gap, and takes a repeated one first', () => {
    // 10 March 2024: 02:00–03:00 does not exist in New York; 3 November: 01:00–02:00 happens twice.
    expect(dueAfterDay(newYork('02:30'), '2024-03-09')).toBe(utc('2024-03-10T07:30:00Z'));
    expect(dueAfterDay(newYork('02:30'), '2024-03-10')).toBe(utc('2024-03-11T06:30:00Z'));
    expect(dueAfterDay(newYork('01:30'), '2024-11-02')).toBe(utc('2024-11-03T05:30:00Z'));
  });

  it('starts a subscription at its first time at or after the moment it began', () => {
    const kyiv = { time: '08:00', timeZone: 'Europe/Kyiv' };
    expect(dueWhenStarted(kyiv, utc('2024-12-05T06:00:00Z'))).toBe(utc('2024-12-05T06:00:00Z'));
    expect(dueWhenStarted(kyiv, utc('2024-12-05T06:00:01Z'))).toBe(utc('2024-12-06T06:00:00Z'));
    // A change keeps today's time even when it has passed: the grace window decides.
    expect(dueWhenChanged(kyiv, utc('2024-12-05T10:00:00Z'))).toBe(utc('2024-12-05T06:00:00Z'));
  });

  it('fills in an existing subscription from what it has already posted', () => {
    const now = utc('2024-12-05T13:00:00Z'); // 15:00 in Kyiv
    const kyiv = { time: '08:00', timeZone: 'Europe/Kyiv', activeSince: 0 };
    expect(dueForExisting({ ...kyiv, lastSettledDate: '2024-12-05' }, now)).toBe(
      utc('2024-12-06T06:00:00Z'),
    );
    expect(dueForExisting({ ...kyiv, lastSettledDate: '2024-12-04' }, now)).toBe(
      utc('2024-12-05T06:00:00Z'),
    );
    expect(dueForExisting({ ...kyiv, lastSettledDate: undefined }, now)).toBe(
      utc('2024-12-05T06:00:00Z'),
    );
    // Active only since 11:00 today: today's 08:00 would not be posted, so tomorrow's.
    const resumed = {
      ...kyiv,
      activeSince: utc('2024-12-05T09:00:00Z'),
      lastSettledDate: undefined,
    };
    expect(dueForExisting(resumed, now)).toBe(utc('2024-12-06T06:00:00Z'));
  });

  const zones = ['Europe/Kyiv', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
  const posting = fc.record({
    time: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    timeZone: fc.constantFrom(...zones),
  });
  const instant = fc.integer({
    min: utc('2024-01-01T00:00:00Z'),
    max: utc('2026-12-31T00:00:00Z'),
  });

  it('after a look, always points past the moment looked at, within about a day', () => {
    fc.assert(
      fc.property(posting, instant, (p, now) => {
        const next = dueAfterLook(p, now);
        expect(next).toBeGreaterThan(now);
        expect(next - now).toBeLessThanOrEqual(26 * 3_600_000);
      }),
    );
  });

  it('starts where the time-zone math says the next occurrence is', () => {
    fc.assert(
      fc.property(posting, instant, (p, since) => {
        expect(dueWhenStarted(p, since)).toBe(nextOccurrence(since, p.time, p.timeZone));
      }),
    );
  });
});
