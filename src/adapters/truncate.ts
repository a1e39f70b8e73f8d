/** How every renderer marks text it had to cut. */
export const ellipsis = '…';

/** What a platform adds to the generic cut: where it may not cut, and how the kept part ends. */
export interface TruncateRules {
  /** The largest safe end at or before `end` (not inside an escape, a link, an entity). */
  readonly safeEnd?: (text: string, end: number) => number;
  /** Tidies the kept part before the ellipsis (a lone escaping backslash, a broadcast word). */
  readonly tidy?: (kept: string) => string;
}

/**
 * Shortens text to at most `max` UTF-16 code units, ending with an ellipsis when cut; never
 * splits a surrogate pair. The one truncation every renderer uses; each platform brings its rules
 * (Slack: entities, links and broadcast words; Discord: escaping backslashes).
 */
export function truncate(text: string, max: number, rules: TruncateRules = {}): string {
  if (text.length <= max) return text;
  if (max < ellipsis.length) return '';
  let end = max - ellipsis.length;
  if (rules.safeEnd) end = rules.safeEnd(text, end);
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const kept = text.slice(0, end);
  return `${rules.tidy ? rules.tidy(kept) : kept}${ellipsis}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
