/**
 * The one query cleaner: what a user typed, made safe to read and to quote back. Control characters
 * and bidirectional overrides (which can make quoted text read backwards) go, whitespace collapses,
 * and the length is capped so a pasted essay is read by its start.
 */
const maxCleanQueryLength = 500;

// C0/C1 controls, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Cleans a query; never throws. */
export function cleanQuery(text: string): string {
  return text.replace(unsafe, ' ').replace(/\s+/g, ' ').trim().slice(0, maxCleanQueryLength);
}
