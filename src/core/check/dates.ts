import { monthOf } from '../lookup/months.ts';
import type { Sentence } from './text.ts';

/** A date a message states: a year, a month of a year or a day, and the words that say it. */
export interface StatedDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  /** Word indices in the sentence, first and last. */
  readonly from: number;
  readonly to: number;
}

const yearPattern = /^(1[89]\d\d|20\d\d)(r|h|roku|rotsi|hodu|ho|hod)?$/;

function dayOf(folded: string | undefined): number | undefined {
  const match = folded ? /^(\d{1,2})(st|nd|rd|th|ho|go)?$/.exec(folded) : null;
  const day = match ? Number(match[1]) : 0;
  return day >= 1 && day <= 31 ? day : undefined;
}

/** The dates a sentence states, each with a year; months or days without a year are not claims. */
export function datesIn(sentence: Sentence, text: string): StatedDate[] {
  const dates: StatedDate[] = [];
  const gap = (a: number, b: number): string => {
    const left = sentence[a];
    const right = sentence[b];
    return left && right ? text.slice(left.end, right.start) : '';
  };
  for (let i = 0; i < sentence.length; i++) {
    const year = yearPattern.exec(sentence[i]?.token.folded ?? '');
    if (!year) continue;
    const y = Number(year[1]);
    const before1 = sentence[i - 1]?.token.folded;
    const before2 = sentence[i - 2]?.token.folded;
    // 2015-02-12
    const after1 = sentence[i + 1]?.token.folded;
    const after2 = sentence[i + 2]?.token.folded;
    if (
      after1 &&
      after2 &&
      /^\d\d$/.test(after1) &&
      /^\d\d$/.test(after2) &&
      gap(i, i + 1) === '-' &&
      gap(i + 1, i + 2) === '-'
    ) {
      const month = Number(after1);
      const day = Number(after2);
      if (month >= 1 && month <= 12 && dayOf(after2)) {
        dates.push({ year: y, month, day, from: i, to: i + 2 });
        i += 2;
        continue;
      }
    }
    // 12.02.2015, 12/02/2015
    if (
      before1 &&
      before2 &&
      /^\d{1,2}$/.test(before1) &&
      /^[./]$/.test(gap(i - 1, i)) &&
      /^[./]$/.test(gap(i - 2, i - 1))
    ) {
      const month = Number(before1);
      const day = dayOf(before2);
      if (day && month >= 1 && month <= 12) {
        dates.push({ year: y, month, day, from: i - 2, to: i });
        continue;
      }
    }
    const month1 = before1 ? monthOf(before1) : undefined;
    if (month1) {
      // 12 February 2015, 12 лютого 2015
      const day = dayOf(before2);
      if (day) dates.push({ year: y, month: month1, day, from: i - 2, to: i });
      else dates.push({ year: y, month: month1, from: i - 1, to: i });
      continue;
    }
    // February 12, 2015
    const month2 = before2 ? monthOf(before2) : undefined;
    const day = dayOf(before1);
    if (month2 && day) {
      dates.push({ year: y, month: month2, day, from: i - 2, to: i });
      continue;
    }
    dates.push({ year: y, from: i, to: i });
  }
  return dates;
}

/** "2015", "2015-02" or "2015-02-12": a stated date written as the knowledge writes its dates. */
export function isoOf(date: StatedDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (date.month === undefined) return String(date.year);
  return date.day === undefined
    ? `${date.year}-${pad(date.month)}`
    : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The first and last day an ISO date of any precision covers. */
function span(iso: string): [string, string] {
  const [year, month, day] = iso.split('-');
  if (day) return [iso, iso];
  if (month) return [`${year}-${month}-01`, `${year}-${month}-31`];
  return [`${year}-01-01`, `${year}-12-31`];
}

/**
 * Whether a stated date agrees with the record's (a day, or a span from `from` to `to`): they
 * agree when they overlap at the precision each is given in, so "2015" agrees with 12 February 2015
 * and "February 2015" with the days 12 to 15 of it.
 */
export function datesAgree(stated: string, from: string, to?: string): boolean {
  const [start, end] = span(stated);
  const recordStart = span(from)[0];
  const recordEnd = span(to ?? from)[1];
  return start <= recordEnd && recordStart <= end;
}
