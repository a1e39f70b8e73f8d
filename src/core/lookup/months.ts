import { normalize } from './normalize.ts';

// Months as people write them, folded the way the knowledge's words are (Cyrillic into Latin).
// Ukrainian and Russian by the start of the word, since they inflect ("лютого", "февраля").
const monthWords: readonly (readonly string[])[] = [
  ['january', 'jan', 'січ', 'январ'],
  ['february', 'feb', 'лют', 'феврал'],
  ['march', 'mar', 'берез', 'март'],
  ['april', 'apr', 'квіт', 'апрел'],
  ['may', 'трав', '=май', '=мая', '=мае'],
  ['june', 'jun', 'черв', 'июн'],
  ['july', 'jul', 'лип', 'июл'],
  ['august', 'aug', 'серп', 'август'],
  ['september', 'sep', 'sept', 'верес', 'сентябр'],
  ['october', 'oct', 'жовт', 'октябр'],
  ['november', 'nov', 'листоп', 'ноябр'],
  ['december', 'dec', 'груд', 'декабр'],
];

/** Folded month word or prefix → month number; Latin words match whole, Cyrillic by their start. */
const exactMonths = new Map<string, number>();
const monthPrefixes: [string, number][] = [];
monthWords.forEach((words, i) => {
  for (const word of words) {
    const exact = word.startsWith('=') || /^[a-z]+$/.test(word);
    const folded = normalize(word.replace(/^=/, ''));
    if (exact) exactMonths.set(folded, i + 1);
    else monthPrefixes.push([folded, i + 1]);
  }
});

/** The month (1 to 12) a folded word names, in English, Ukrainian or Russian; undefined for none. */
export function monthOf(folded: string): number | undefined {
  const exact = exactMonths.get(folded);
  if (exact) return exact;
  for (const [prefix, month] of monthPrefixes) if (folded.startsWith(prefix)) return month;
  return undefined;
}
