/**
 * Orders two strings by their UTF-16 code units: how ISO dates and ids sort under any locale.
 * Not `String#localeCompare`, whose first call builds an ICU collator (about 9 ms here) that the
 * bot's first answer would wait for. Titles people read keep `localeCompare`.
 */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
