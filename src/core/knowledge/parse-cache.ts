import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The parse cache remembers each YAML text's parsed data by content hash. Parsing YAML is most of
// a cold start-up; with the cache, start-up skips it for unchanged files. Validation still runs
// (only the start-up snapshot, snapshot.ts, skips it, for knowledge validated before).

// Bump when the cached form changes, so old caches are ignored rather than misread.
const parseCacheVersion = 1;

/** A text's key in the cache. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The cached parsed data by text hash; empty when there is no cache or it cannot be read. */
export async function readParseCache(file: string): Promise<Map<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // No cache yet, or an unreadable one: parse the YAML as if there were none.
    return new Map();
  }
  if (typeof json !== 'object' || json === null) return new Map();
  const version: unknown = Reflect.get(json, 'version');
  const files: unknown = Reflect.get(json, 'files');
  if (version !== parseCacheVersion || typeof files !== 'object' || files === null)
    return new Map();
  return new Map(Object.entries(files));
}

/** Replaces the cache; a read-only data directory only costs the next start-up its speed. */
export async function writeParseCache(file: string, files: Record<string, unknown>): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ version: parseCacheVersion, files }));
    await rename(temporary, file);
  } catch {
    // Nothing to do: the next start-up parses the YAML again.
  }
}
