/**
 * The one query cleaner: what a user typed, made safe to read and to quote back. Control characters
 * and bidirectional overrides (which can make quoted text read backwards) go, whitespace collapses,
 * and the length is capped so a pasted essay is read by its start.
 */
const maxCleanQueryLength = 500;

// C0/C1 controls, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

// The same characters except the line feed and tab, which briefings use for layout.
const unsafeInText =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * Drops control characters and bidirectional controls from text bound for a platform. Every
 * renderer's escaping calls it, so text that did not come through `cleanQuery` (a Slack user name,
 * a channel name, knowledge) cannot smuggle a NUL or an override into a message either.
 */
export function dropUnsafeCharacters(text: string): string {
  return text.replace(unsafeInText, '');
}

/** Cleans a query; never throws. */
export function cleanQuery(text: string): string {
  return text.replace(unsafe, ' ').replace(/\s+/g, ' ').trim().slice(0, maxCleanQueryLength);
}
