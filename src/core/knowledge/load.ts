import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError, type KnowledgeProblem } from './errors.ts';
import { hashText, readParseCache, writeParseCache } from './parse-cache.ts';
import { readSnapshot, type SnapshotOptions, snapshotKey, writeSnapshot } from './snapshot.ts';
import type { Knowledge, KnowledgeFileText } from './validate.ts';

export type { Knowledge } from './validate.ts';

/** Options for loading a knowledge directory. */
export interface LoadKnowledgeOptions {
  /**
   * A file that remembers each YAML text's parsed data by content hash (see parse-cache.ts).
   * Parsing YAML is most of a cold start-up; validation still runs.
   */
  readonly parseCacheFile?: string;
  /**
   * A start-up snapshot of the validated knowledge and its lookup index (see snapshot.ts): read
   * instead of validating when its key matches, and written once the index is built when not.
   */
  readonly snapshot?: SnapshotOptions;
}

// Knowledge files are hand-written text; anything larger is a mistake, or an attack on start-up.
const maxFileBytes = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one knowledge file, or says in one line why it cannot: only regular files are read (a
 * FIFO named `x.yaml` would block start-up forever, a directory or device is no file), a symlink
 * must lead to one, the size is capped and the text must be valid UTF-8 (not silently replaced).
 */
async function readKnowledgeFile(
  full: string,
): Promise<KnowledgeFileText | { readonly problem: KnowledgeProblem }> {
  const file = path.relative(process.cwd(), full) || full;
  const problem = (message: string) => ({ problem: { file, line: 0, path: '', message } });
  let size: number;
  try {
    const info = await stat(full);
    if (!info.isFile()) return problem('not a regular file: only regular files are read');
    size = info.size;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return problem('a symbolic link loop');
    if (code === 'ENOENT') return problem('a symbolic link to nothing');
    return problem(`cannot be read (${code ?? 'unknown error'})`);
  }
  if (size > maxFileBytes) return problem(`larger than ${maxFileBytes / 1024 / 1024} MiB`);
  try {
    const bytes = await readFile(full);
    if (bytes.length > maxFileBytes)
      return problem(`larger than ${maxFileBytes / 1024 / 1024} MiB`);
    return { file, text: utf8.decode(bytes) };
  } catch (cause) {
    if (cause instanceof TypeError) return problem('not valid UTF-8 text');
    return problem(`cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** Reads every `*.yaml` file in a directory and validates it; throws KnowledgeError with every problem. */
export async function loadKnowledgeDir(
  dir: string,
  options: LoadKnowledgeOptions = {},
): Promise<Knowledge> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (cause) {
    throw new KnowledgeError(
      [{ file: dir, line: 0, path: '', message: 'cannot read the knowledge directory' }],
      { cause },
    );
  }
  const read = await Promise.all(names.map((name) => readKnowledgeFile(path.join(dir, name))));
  const problems = read.flatMap((file) => ('problem' in file ? [file.problem] : []));
  if (problems.length > 0) throw new KnowledgeError(problems);
  const texts = read.flatMap((file) => ('text' in file ? [file] : []));
  const { snapshot } = options;
  if (!snapshot) return parseTexts(texts, options.parseCacheFile);
  const key = snapshotKey(snapshot.codeKey, texts);
  const stored = await readSnapshot(snapshot.file, key);
  if (stored) return { ...stored.knowledge, indexCache: { data: stored.index } };
  const knowledge = await parseTexts(texts, options.parseCacheFile);
  return {
    ...knowledge,
    indexCache: { save: (index) => writeSnapshot(snapshot.file, key, knowledge, index) },
  };
}

/**
 * Parses and validates the texts, through the parse cache when there is one. The validator (and
 * the YAML parser under it) is imported here, when first needed, so a start-up served from the
 * snapshot never compiles either.
 */
async function parseTexts(
  texts: readonly KnowledgeFileText[],
  parseCacheFile: string | undefined,
): Promise<Knowledge> {
  const { parseKnowledge } = await import('./validate.ts');
  if (!parseCacheFile) return parseKnowledge(texts);
  const cache = await readParseCache(parseCacheFile);
  const hashes = texts.map(({ text }) => hashText(text));
  const files = texts.map((file, i): KnowledgeFileText => {
    const hash = hashes[i] ?? '';
    return cache.has(hash) ? { ...file, parsed: cache.get(hash) } : file;
  });
  const fresh = new Map<string, unknown>();
  const knowledge = parseKnowledge(files, (file, root) => fresh.set(file, root));
  if (fresh.size > 0) {
    const entries: Record<string, unknown> = {};
    files.forEach((file, i) => {
      entries[hashes[i] ?? ''] = fresh.has(file.file) ? fresh.get(file.file) : file.parsed;
    });
    await writeParseCache(parseCacheFile, entries);
  }
  return knowledge;
}
