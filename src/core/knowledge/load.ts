import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError } from './errors.ts';
import { hashText, readParseCache, writeParseCache } from './parse-cache.ts';
import { type Knowledge, type KnowledgeFileText, parseKnowledge } from './validate.ts';

export type { Knowledge } from './validate.ts';

/** Options for loading a knowledge directory. */
export interface LoadKnowledgeOptions {
  /**
   * A file that remembers each YAML text's parsed data by content hash (see parse-cache.ts).
   * Parsing YAML is most of a cold start-up; validation always runs.
   */
  readonly parseCacheFile?: string;
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
  const texts = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name);
      return {
        file: path.relative(process.cwd(), full) || full,
        text: await readFile(full, 'utf8'),
      };
    }),
  );
  if (!options.parseCacheFile) return parseKnowledge(texts);

  const cache = await readParseCache(options.parseCacheFile);
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
    await writeParseCache(options.parseCacheFile, entries);
  }
  return knowledge;
}
