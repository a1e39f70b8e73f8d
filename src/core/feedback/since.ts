import { formatDate } from '../briefing/dates.ts';

/** A point in time people named: `7d`, `2w`, `24h`, `2025-06-01`, `yesterday`. */
export interface Since {
  /** Epoch ms. */
  readonly at: number;
  /** How to say it back: "the last 7 days", "1 June 2025". */
  readonly label: string;
}

const day = 86_400_000;
const units: Readonly<Record<string, { ms: number; word: string }>> = {
  h: { ms: 3_600_000, word: 'hour' },
  d: { ms: day, word: 'day' },
  w: { ms: 7 * day, word: 'week' },
  m: { ms: 30 * day, word: 'month' },
};

/**
 * Reads a "since" as people type it, relative to `now` (epoch ms), dates at 00:00 UTC; undefined
 * when it is none of the forms. Ranges past ten years are refused as typos.
 */
export function parseSince(text: string, now: number): Since | undefined {
  const typed = text.trim().toLowerCase();
  if (typed === 'yesterday' || typed === 'today') {
    const start = Math.floor(now / day) * day - (typed === 'yesterday' ? day : 0);
    return { at: start, label: typed };
  }
  if (typed === 'week' || typed === 'month') return parseSince(`1${typed[0]}`, now);
  const relative = /^(\d{1,4})\s*([hdwm])$/.exec(typed);
  if (relative) {
    const count = Number(relative[1]);
    const unit = units[relative[2] ?? ''];
    if (!unit || count === 0 || count * unit.ms > 3650 * day) return undefined;
    return {
      at: now - count * unit.ms,
      label: `the last ${count === 1 ? unit.word : `${count} ${unit.word}s`}`,
    };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(typed)) {
    const at = Date.parse(`${typed}T00:00:00Z`);
    if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== typed) return undefined;
    return { at, label: `${formatDate(typed)}` };
  }
  return undefined;
}
