/** A wall-clock reading in some zone. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one; fan-out converts thousands of times a minute.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

let knownZones: ReadonlyMap<string, string> | undefined;

/**
 * The IANA name for a zone, spelt properly ("europe/kyiv" → "Europe/Kyiv"), or undefined if Intl
 * does not know it. Names are kept as the user chose them: Node's ICU resolves Europe/Kyiv to the
 * old Europe/Kiev, and a Ukraine briefing should not rename Kyiv.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  // Intl also accepts offsets like "+03:00"; a subscription needs a real zone that follows DST.
  if (trimmed === '' || /^[+-]\d/.test(trimmed)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  knownZones ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
  );
  const known = knownZones.get(trimmed.toLowerCase());
  if (known) return known;
  if (resolved.toLowerCase() === trimmed.toLowerCase()) return resolved;
  // An alias ICU knows but does not list (Europe/Kyiv, Asia/Kolkata): capitalise each word.
  return trimmed.replace(
    /(^|[/_-])([a-z])/g,
    (_m, sep: string, ch: string) => sep + ch.toUpperCase(),
  );
}

// The last reading per zone: a scheduler pass asks every subscription in a zone about one instant.
const lastReadings = new Map<string, { readonly instant: number; readonly local: LocalDateTime }>();

/** The wall-clock reading at an instant in a zone. */
function toLocal(instant: number, timeZone: string): LocalDateTime {
  const last = lastReadings.get(timeZone);
  if (last?.instant === instant) return last.local;
  const local = readLocal(instant, timeZone);
  lastReadings.set(timeZone, { instant, local });
  return local;
}

// What the en-US formatter above prints, "12/5/2024, 08:00": format() and this pattern cost a
// third of formatToParts(), which the odd reading it does not match still goes through.
const usReading = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2})$/;

function readLocal(instant: number, timeZone: string): LocalDateTime {
  const formatter = formatterFor(timeZone);
  const match = usReading.exec(formatter.format(instant));
  if (match) {
    return {
      year: Number(match[3]),
      month: Number(match[1]),
      day: Number(match[2]),
      hour: Number(match[4]),
      minute: Number(match[5]),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The local calendar date, `YYYY-MM-DD`, at an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** `HH:MM` at an instant in a zone. */
export function localTime(instant: number, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/** Parses `HH:MM` (also `H:MM`, `HHMM`, `8`, `8am`, `7:30pm`) into a canonical `HH:MM`, or undefined. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = /^(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${pad(hour)}:${pad(minute)}`;
}

/** Shifts a `YYYY-MM-DD` date by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date; the rotation counts with it. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

function offsetAt(instant: number, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  return asUtc - (instant - (((instant % 60_000) + 60_000) % 60_000));
}

/**
 * The instant a local date and time happen in a zone. Follows Temporal's "compatible" rule:
 * a time skipped by a spring-forward gap moves later by the gap (02:30 → 03:30), so the post
 * still goes out; a time repeated by a fall-back overlap takes its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const key = `${timeZone} ${date} ${time}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = computeZonedInstant(date, time, timeZone);
  if (instants.size >= maxInstants) instants.clear();
  instants.set(key, instant);
  return instant;
}

// Posting times bunch up (many subscriptions at 08:00 in one zone) and a pass, a fan-out or the
// schema migration asks for the same few days, so each (zone, date, time) is converted once. The
// answer depends only on the arguments; the bound keeps a long-running process from growing.
const instants = new Map<string, number>();
const maxInstants = 100_000;

function computeZonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Offsets a day either side bracket any transition near this wall time (none is closer than that).
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wall === instant + offsetAt(instant, timeZone))
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  // In the gap: read the wall time with the offset in force before it, which lands past the gap.
  return wall - before;
}

/** The next instant at or after `from` when `time` happens in the zone (today's if still ahead). */
export function nextOccurrence(from: number, time: string, timeZone: string): number {
  const today = localDate(from, timeZone);
  const at = zonedInstant(today, time, timeZone);
  return at >= from ? at : zonedInstant(addDays(today, 1), time, timeZone);
}
