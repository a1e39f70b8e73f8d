import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeProblem } from './errors.ts';
import {
  type Entry,
  type EntryKind,
  type KnowledgeMeta,
  type KnowledgeSection,
  knowledgeFileSchemas,
  type Lexicon,
  type Source,
} from './schema.ts';

/** The validated, frozen knowledge base the core searches and composes from. */
export interface Knowledge {
  readonly meta: KnowledgeMeta;
  readonly entries: readonly Entry[];
  readonly byId: ReadonlyMap<string, Entry>;
  readonly sources: ReadonlyMap<string, Source>;
  /** How questions are read; empty when no file defines one. */
  readonly lexicon: Lexicon;
  /** The date of the latest dated fact: the knowledge covers events through it. */
  readonly coverageEnd: string;
}

/** A knowledge file's text, named as the report should name it. */
export interface KnowledgeFileText {
  readonly file: string;
  readonly text: string;
  /** The text's YAML as plain data, from a parse cache; when present, the text is parsed only to locate problems. */
  readonly parsed?: unknown;
}

/** Options for loading a knowledge directory. */
export interface LoadKnowledgeOptions {
  /**
   * A file that remembers each YAML text's parsed data by content hash. Parsing YAML is most of a
   * cold start-up; with the cache, start-up skips it for unchanged files. Validation always runs.
   */
  readonly parseCacheFile?: string;
}

const kindOfSection: Partial<Record<KnowledgeSection, EntryKind>> = {
  obstacles: 'obstacle',
  agreements: 'agreement',
  places: 'place',
  events: 'event',
  actors: 'actor',
};

const sectionNames = Object.keys(knowledgeFileSchemas) as KnowledgeSection[];

interface LocatedFile {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

interface ParsedFile {
  readonly file: string;
  readonly text: string;
  /** The YAML document with positions, built on first need: always for fresh text, only on problems for cached text. */
  located?: LocatedFile;
}

function locate(parsed: ParsedFile): LocatedFile {
  if (!parsed.located) {
    const lines = new LineCounter();
    const doc = parseDocument(parsed.text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    parsed.located = { doc, lines };
  }
  return parsed.located;
}

// Bump when the cached form changes, so old caches are ignored rather than misread.
const parseCacheVersion = 1;

interface ParseCache {
  readonly version: number;
  readonly files: Record<string, unknown>;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

async function readParseCache(file: string): Promise<Map<string, unknown>> {
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as ParseCache;
    if (cache.version !== parseCacheVersion || typeof cache.files !== 'object') return new Map();
    return new Map(Object.entries(cache.files));
  } catch {
    // No cache yet, or an unreadable one: parse the YAML as if there were none.
    return new Map();
  }
}

async function writeParseCache(file: string, files: Record<string, unknown>): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const cache: ParseCache = { version: parseCacheVersion, files };
    // Write then rename, so a concurrent reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(cache));
    await rename(temporary, file);
  } catch {
    // A read-only data directory only costs the next start-up its speed.
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

/**
 * Validates knowledge from file texts: syntax, schema, unique ids and aliases, and references.
 * `onParsed` hears each text's parsed data, for a parse cache.
 */
export function parseKnowledge(
  files: readonly KnowledgeFileText[],
  onParsed?: (file: string, root: unknown) => void,
): Knowledge {
  const problems: KnowledgeProblem[] = [];
  const causes: unknown[] = [];
  const entries: Entry[] = [];
  const sources = new Map<string, Source>();
  const origins = new Map<string, { file: ParsedFile; section: string; index: number }>();
  let meta: KnowledgeMeta | undefined;
  let lexicon: Lexicon | undefined;

  for (const { file, text, parsed: cached } of files) {
    const parsed: ParsedFile = { file, text };
    let root: unknown = cached;
    if (root === undefined) {
      const { doc, lines } = locate(parsed);
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
          problems.push({
            file,
            line,
            path: '',
            message: `YAML syntax: ${error.message.split('\n')[0]}`,
          });
        }
        continue;
      }
      root = doc.toJS();
      onParsed?.(file, root);
    }
    if (root === null || root === undefined) continue;
    if (typeof root !== 'object' || Array.isArray(root)) {
      problems.push({
        file,
        line: 1,
        path: '',
        message: `expected a map with one of: ${sectionNames.join(', ')}`,
      });
      continue;
    }
    for (const [section, value] of Object.entries(root)) {
      if (!isSection(section)) {
        problems.push({
          file,
          line: lineOf(parsed, [section]),
          path: section,
          message: `unknown section; expected one of: ${sectionNames.join(', ')}`,
        });
        continue;
      }
      const report = (issuesOf: z.ZodError, raw: unknown, prefix: readonly (string | number)[]) => {
        causes.push(issuesOf);
        for (const issue of issuesOf.issues) {
          const issuePath = [
            ...prefix,
            ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          ];
          if (issue.code === 'unrecognized_keys') {
            // Point at each unknown key itself, so a typo like `signedOn` is found at once.
            for (const key of issue.keys) {
              const keyPath = [...issuePath, key];
              problems.push({
                file,
                line: lineOf(parsed, keyPath),
                path: formatPath(keyPath),
                message: 'unknown field',
              });
            }
            continue;
          }
          const missing = valueAt(raw, issue.path) === undefined;
          problems.push({
            file,
            line: lineOf(parsed, issuePath),
            path: formatPath(issuePath),
            message: missing ? 'required field is missing' : issue.message,
          });
        }
      };
      if (section === 'meta') {
        const result = knowledgeFileSchemas.meta.safeParse(value);
        if (!result.success) {
          report(result.error, value, [section]);
        } else if (meta) {
          problems.push({
            file,
            line: lineOf(parsed, ['meta']),
            path: 'meta',
            message: 'meta is defined twice',
          });
        } else {
          meta = result.data;
        }
        continue;
      }
      if (section === 'lexicon') {
        const result = knowledgeFileSchemas.lexicon.safeParse(value);
        if (!result.success) {
          report(result.error, value, [section]);
        } else if (lexicon) {
          problems.push({
            file,
            line: lineOf(parsed, ['lexicon']),
            path: 'lexicon',
            message: 'lexicon is defined twice',
          });
        } else {
          lexicon = result.data;
        }
        continue;
      }
      if (!Array.isArray(value)) {
        problems.push({
          file,
          line: lineOf(parsed, [section]),
          path: section,
          message: 'expected a list of entries',
        });
        continue;
      }
      // Each item is checked on its own, so one bad entry does not hide the reference problems of the rest.
      const itemSchema = knowledgeFileSchemas[section].element as z.ZodType<
        Record<string, unknown> & { id: string }
      >;
      value.forEach((raw: unknown, index) => {
        const result = itemSchema.safeParse(raw);
        if (!result.success) {
          report(result.error, raw, [section, index]);
          return;
        }
        const item = result.data;
        const previous = origins.get(item.id);
        if (previous) {
          problems.push({
            file,
            line: lineOf(parsed, [section, index, 'id']),
            path: `${section}[${index}].id`,
            message: `duplicate id "${item.id}" (first defined at ${previous.file.file}:${lineOf(previous.file, [previous.section, previous.index, 'id'])})`,
          });
          return;
        }
        origins.set(item.id, { file: parsed, section, index });
        const kind = kindOfSection[section];
        if (kind) entries.push({ ...item, kind } as Entry);
        else sources.set(item.id, item as unknown as Source);
      });
    }
  }

  if (!meta && problems.length === 0) {
    problems.push({
      file: files[0]?.file ?? 'knowledge',
      line: 0,
      path: 'meta',
      message: 'no file defines meta (asOf, title, attribution)',
    });
  }

  const entryIds = new Set(entries.map((entry) => entry.id));
  const aliasOwners = new Map<string, string>();
  for (const entry of entries) {
    const origin = origins.get(entry.id);
    if (!origin) continue;
    const at = (field: readonly (string | number)[]) => ({
      file: origin.file.file,
      line: lineOf(origin.file, [origin.section, origin.index, ...field]),
      path: formatPath([origin.section, origin.index, ...field]),
    });
    const expectEntry = (id: string, field: readonly (string | number)[]) => {
      if (!entryIds.has(id)) problems.push({ ...at(field), message: `unknown entry id "${id}"` });
    };
    const expectSource = (id: string, field: readonly (string | number)[]) => {
      if (!sources.has(id)) problems.push({ ...at(field), message: `unknown source id "${id}"` });
    };
    entry.related.forEach((id, i) => {
      expectEntry(id, ['related', i]);
    });
    entry.sources.forEach((id, i) => {
      expectSource(id, ['sources', i]);
    });
    const factIds = new Set<string>();
    entry.facts.forEach((fact, i) => {
      expectSource(fact.source, ['facts', i, 'source']);
      if (factIds.has(fact.id)) {
        problems.push({
          ...at(['facts', i, 'id']),
          message: `duplicate fact id "${fact.id}" in this entry`,
        });
      }
      factIds.add(fact.id);
    });
    if (entry.kind === 'obstacle') expectEntry(entry.author, ['author']);
    if (entry.kind === 'agreement') {
      entry.obstacles.forEach((id, i) => {
        expectEntry(id, ['obstacles', i]);
      });
    }
    [entry.title, ...entry.aliases].forEach((name, i) => {
      const key = name.normalize('NFKC').toLocaleLowerCase('en');
      const owner = aliasOwners.get(key);
      if (owner && owner !== entry.id) {
        problems.push({
          ...at(i === 0 ? ['title'] : ['aliases', i - 1]),
          message: `"${name}" is already a name of "${owner}"`,
        });
      } else {
        aliasOwners.set(key, entry.id);
      }
    });
  }

  if (problems.length > 0 || !meta) {
    // In file and line order, as an editor would walk them.
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    throw new KnowledgeError(problems, { cause: causes.length === 1 ? causes[0] : causes });
  }

  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return deepFreeze({
    meta,
    entries,
    byId,
    sources,
    lexicon: lexicon ?? knowledgeFileSchemas.lexicon.parse({}),
    coverageEnd: latestFactDate(entries) ?? meta.asOf,
  });
}

function latestFactDate(entries: readonly Entry[]): string | undefined {
  let latest: string | undefined;
  for (const entry of entries) {
    for (const fact of entry.facts)
      if (fact.date && (!latest || fact.date > latest)) latest = fact.date;
  }
  return latest;
}

/** The raw value at a zod issue path, to tell a missing field from a malformed one. */
function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function isSection(name: string): name is KnowledgeSection {
  return Object.hasOwn(knowledgeFileSchemas, name);
}

/** `agreements[3].signed`, the way people read a path into a YAML file. */
function formatPath(parts: readonly (string | number)[]): string {
  return parts
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** The 1-based line of the deepest node on the path that exists (a missing field points at its parent). */
function lineOf(parsed: ParsedFile, parts: readonly (string | number)[]): number {
  const { doc, lines } = locate(parsed);
  let node: unknown = doc.contents;
  let offset = 0;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isNode(item.key) && String(item.key.toJSON()) === String(part),
      );
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!isNode(item)) break;
      node = item;
      if (item.range) offset = item.range[0];
    } else {
      break;
    }
  }
  if (offset === 0 && isNode(node) && node.range) offset = node.range[0];
  return lines.linePos(offset).line;
}

function deepFreeze<T>(value: T): T {
  if (value instanceof Map) {
    for (const item of value.values()) deepFreeze(item);
  } else if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
