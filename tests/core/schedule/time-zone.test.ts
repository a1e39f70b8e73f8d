import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  localDate,
  localTime,
  nextOccurrence,
  parseTimeOfDay,
  zonedInstant,
} from '../../../src/core/schedule/time-zone.ts';

const utc = (iso: string) => Date.parse(iso);

describe('time-zone math', () => {
  it('validates and canonicalises IANA zone names', () => {
    expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('+03:00')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });

  it('parses times of day people type', () => {
    expect(parseTimeOfDay('08:00')).toBe('08:00');
    expect(parseTimeOfDay('7:30')).toBe('07:30');
    expect(parseTimeOfDay('0730')).toBe('07:30');
    expect(parseTimeOfDay('8')).toBe('08:00');
    expect(parseTimeOfDay('7:30pm')).toBe('19:30');
    expect(parseTimeOfDay('12am')).toBe('00:00');
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('8:75')).toBeUndefined();
    expect(parseTimeOfDay('soon')).toBeUndefined();
  });

  it('converts an ordinary local time to the instant', () => {
    expect(zonedInstant('2024-12-05', '08:00', 'Europe/Kyiv')).toBe(utc('2024-12-05T06:00:00Z'));
    expect(zonedInstant('2024-07-05', '08:00', 'Europe/Kyiv')).toBe(utc('2024-07-05T05:00:00Z'));
    expect(localDate(utc('2024-12-05T22:30:00Z'), 'Europe/Kyiv')).toBe('2024-12-06');
    expect(localTime(utc('2024-12-05T22:30:00Z'), 'Europe/Kyiv')).toBe('00:30');
  });

  it('moves a time skipped by spring-forward later by the gap, so the post still happens', () => {
    // New York skips 02:00-03:00 on 10 March 2024; 02:30 becomes 03:30 EDT.
    expect(zonedInstant('2024-03-10', '02:30', 'America/New_York')).toBe(
      utc('2024-03-10T07:30:00Z'),
    );
    // Kyiv skips 03:00-04:00 on 31 March 2024.
    expect(zonedInstant('2024-03-31', '03:30', 'Europe/Kyiv')).toBe(utc('2024-03-31T01:30:00Z'));
  });

  it('takes the first of a time repeated by fall-back', () => {
    // 01:30 happens twice in New York on 3 November 2024: first in EDT (UTC-4).
    expect(zonedInstant('2024-11-03', '01:30', 'America/New_York')).toBe(
      utc('2024-11-03T05:30:00Z'),
    );
  });

  it('finds the next occurrence today or tomorrow', () => {
    const at = utc('2024-12-05T07:00:00Z'); // 09:00 in Kyiv
    expect(nextOccurrence(at, '08:00', 'Europe/Kyiv')).toBe(utc('2024-12-06T06:00:00Z'));
    expect(nextOccurrence(at, '10:00', 'Europe/Kyiv')).toBe(utc('2024-12-05T08:00:00Z'));
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('lands every local time on its own local date and on or after the wall time', () => {
    const zones = ['Europe/Kyiv', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, offset, hour, minute) => {
          const date = addDays('2024-01-01', offset);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = zonedInstant(date, time, zone);
          expect(localDate(instant, zone)).toBe(date);
          // Equal, or later by at most a DST gap (Lord Howe's is 30 minutes).
          expect(localTime(instant, zone) >= time).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the local date and time Intl gives, in every zone it knows', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, instant) => {
          const parts = Object.fromEntries(
            new Intl.DateTimeFormat('en-GB', {
              timeZone: zone,
              hourCycle: 'h23',
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
            })
              .formatToParts(instant)
              .map((part) => [part.type, part.value]),
          );
          expect(localDate(instant, zone)).toBe(`${parts.year}-${parts.month}-${parts.day}`);
          expect(localTime(instant, zone)).toBe(`${parts.hour}:${parts.minute}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
