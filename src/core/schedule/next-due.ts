import { addDays, localDate, zonedInstant } from './time-zone.ts';

/*
 * Each subscription stores the instant it next needs the scheduler (`next_due_at`, indexed), so a
 * pass reads only the subscriptions at or past it instead of converting every zone every tick.
 *
 * The rule every writer keeps: the stored instant is never later than the next post the
 * scheduler's rules (docs/daily.md) would make. Earlier is always safe: the pass looks, finds the
 * post not due (or the day settled), and stores a later instant. That is why the store, which
 * knows nothing of the grace window, may store a slot that has already passed, and why the
 * subscription's claims and leases, not this instant, keep a day's post to exactly one.
 */

/** What decides a subscription's posting instants. */
export interface PostingTime {
  /** Local `HH:MM`. */
  readonly time: string;
  /** IANA zone. */
  readonly timeZone: string;
}

/**
 * The first posting instant on local date `fromDate` or a later one that is not before
 * `notBefore`. Daylight saving is zonedInstant's: a skipped time moves later by the gap, a
 * repeated one is taken at its first occurrence.
 */
function nextDueAt(
  posting: PostingTime,
  fromDate: string,
  notBefore = Number.NEGATIVE_INFINITY,
): number {
  const at = (date: string) => zonedInstant(date, posting.time, posting.timeZone);
  let date = fromDate;
  let due = at(date);
  if (due >= notBefore) return due;
  // Jump to the day `notBefore` falls on (it may be days ahead), then at most one more day.
  const floorDate = localDate(notBefore, posting.timeZone);
  if (floorDate > date) {
    date = floorDate;
    due = at(date);
  }
  return due >= notBefore ? due : at(addDays(date, 1));
}

/** A subscription created or resumed at `since`: its first post is the first slot at or after then. */
export function dueWhenStarted(posting: PostingTime, since: number): number {
  return nextDueAt(posting, localDate(since, posting.timeZone), since);
}

/**
 * An active subscription whose time or zone changed at `now`: today's slot in its zone, even if it
 * has passed, so the scheduler decides by its own grace window whether today is still caught up.
 */
export function dueWhenChanged(posting: PostingTime, now: number): number {
  return nextDueAt(posting, localDate(now, posting.timeZone));
}

/** Local day `date` is settled (sent, or given up): the next day's slot. */
export function dueAfterDay(posting: PostingTime, date: string): number {
  return nextDueAt(posting, addDays(date, 1));
}

/** Looked at `now` and found not due: today's slot if it is still ahead, else tomorrow's. */
export function dueAfterLook(posting: PostingTime, now: number): number {
  return nextDueAt(posting, localDate(now, posting.timeZone), now + 1);
}

/**
 * An existing subscription when the instant is first stored (schema migration 3): today's slot, or
 * tomorrow's when today's post is already settled, and never one before the subscription's
 * current active spell began (which the scheduler would not post either).
 */
export function dueForExisting(
  posting: PostingTime & {
    readonly activeSince: number;
    /** The latest local date with a sent or failed delivery, if any. */
    readonly lastSettledDate: string | undefined;
  },
  now: number,
): number {
  const today = localDate(now, posting.timeZone);
  const from = posting.lastSettledDate === today ? addDays(today, 1) : today;
  return nextDueAt(posting, from, posting.activeSince);
}
