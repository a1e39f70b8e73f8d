import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { LookupIndexData } from '../lookup/index-builder.ts';
import type { Knowledge } from './validate.ts';

// The start-up snapshot: the validated knowledge and its built lookup index, as V8 serialises them
// (shared objects stay shared, so the index's entries are the knowledge's own). Validating the
// knowledge and building the index are most of a start-up; a restart with the same knowledge and
// the same code reads both back in a few milliseconds instead. The key covers every knowledge text
// and the code that built them, so a change to either is never served from an old snapshot: the
// knowledge is loaded as usual and the snapshot rewritten once its index is built.

// Bump when the snapshot's layout changes, so an old file is ignored rather than misread.
const snapshotVersion = 2;

/** Where the snapshot goes, and what identifies the code that makes it (see `codeStamp`). */
export interface SnapshotOptions {
  readonly file: string;
  readonly codeKey: string;
}

/** A snapshot's key: its layout, the code's key and every knowledge file's name and text. */
export function snapshotKey(
  codeKey: string,
  texts: readonly { readonly file: string; readonly text: string }[],
): string {
  const hash = createHash('sha256').update(`${snapshotVersion}\0${codeKey}\0`);
  for (const { file, text } of texts) hash.update(`${file}\0${text}\0`);
  return hash.digest('base64url');
}

/** The knowledge and index stored under `key`; undefined when there is none, or another key's. */
export async function readSnapshot(
  file: string,
  key: string,
): Promise<{ readonly knowledge: Knowledge; readonly index: LookupIndexData } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  // The key leads the file, so a stale snapshot is told apart without deserialising it.
  const header = Buffer.from(`${key}\n`);
  if (bytes.length <= header.length || !bytes.subarray(0, header.length).equals(header)) {
    return undefined;
  }
  try {
    const stored: unknown = deserialize(bytes.subarray(header.length));
    const knowledge: unknown = Reflect.get(Object(stored), 'knowledge');
    const index: unknown = Reflect.get(Object(stored), 'index');
    if (typeof knowledge !== 'object' || knowledge === null) return undefined;
    if (typeof index !== 'object' || index === null) return undefined;
    return { knowledge: knowledge as Knowledge, index: index as LookupIndexData };
  } catch {
    // A truncated or foreign file: load the knowledge as if there were none.
    return undefined;
  }
}

/**
 * Stores the knowledge and its index under `key`. Never throws: a data directory that cannot be
 * written only costs the next start-up its speed. Synchronous, since it runs once the index is
 * built (by the warm-up a second after start-up, or by the first question), and a short-lived
 * run, a console piped one command, would otherwise exit before an asynchronous write finished.
 */
export function writeSnapshot(
  file: string,
  key: string,
  knowledge: Knowledge,
  index: LookupIndexData,
): void {
  try {
    // One serialisation of both, so the index's entries stay the knowledge's entries.
    const { indexCache: _, ...plain } = knowledge;
    const bytes = Buffer.concat([Buffer.from(`${key}\n`), serialize({ knowledge: plain, index })]);
    mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch {
    // Nothing to do: the next start-up validates and builds as usual.
  }
}
