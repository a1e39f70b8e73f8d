import type { z } from 'zod';
import type { LookupIndexCache } from '../lookup/index-builder.ts';
import { KnowledgeError, type KnowledgeProblem } from './errors.ts';
import {
  actorSchema,
  agreementSchema,
  type Entry,
  eventSchema,
  type KnowledgeMeta,
  type KnowledgeSection,
  knowledgeFileSchemas,
  type Lexicon,
  lexiconSchema,
  metaSchema,
  obstacleSchema,
  placeSchema,
  type Source,
  sourceSchema,
} from './schema.ts';
import { formatPath, lineOf, locate, type ParsedFile, valueAt } from './yaml-location.ts';

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
  /**
   * The lookup index built for this knowledge when a start-up snapshot holds it, or where to store
   * it once built (see snapshot.ts); absent when the loader keeps no snapshot.
   */
  readonly indexCache?: LookupIndexCache;
}

/** A knowledge file's text, named as the report should name it. */
export interface KnowledgeFileText {
  readonly file: string;
  readonly text: string;
  /** The text's YAML as plain data, from a parse cache; when present, the text is parsed only to locate problems. */
  readonly parsed?: unknown;
}

const sectionNames = Object.keys(knowledgeFileSchemas);

/** One list item, validated: an entry of some kind, or a source. */
type Item = { readonly entry: Entry } | { readonly source: Source };

type ItemResult =
  | { readonly ok: true; readonly id: string; readonly item: Item }
  | { readonly ok: false; readonly error: z.ZodError };

/** How each list section's items are validated, and what they become. */
const itemParsers: Record<
  Exclude<KnowledgeSection, 'meta' | 'lexicon'>,
  (raw: unknown) => ItemResult
> = {
  obstacles: (raw) =>
    entryOf(obstacleSchema.safeParse(raw), (data) => ({ ...data, kind: 'obstacle' })),
  agreements: (raw) =>
    entryOf(agreementSchema.safeParse(raw), (data) => ({ ...data, kind: 'agreement' })),
  places: (raw) => entryOf(placeSchema.safeParse(raw), (data) => ({ ...data, kind: 'place' })),
  events: (raw) => entryOf(eventSchema.safeParse(raw), (data) => ({ ...data, kind: 'event' })),
  actors: (raw) => entryOf(actorSchema.safeParse(raw), (data) => ({ ...data, kind: 'actor' })),
  sources: (raw) => {
    const result = sourceSchema.safeParse(raw);
    return result.success
      ? { ok: true, id: result.data.id, item: { source: result.data } }
      : { ok: false, error: result.error };
  },
};

function entryOf<T>(result: z.ZodSafeParseResult<T>, toEntry: (data: T) => Entry): ItemResult {
  if (!result.success) return { ok: false, error: result.error };
  const entry = toEntry(result.data);
  return { ok: true, id: entry.id, item: { entry } };
}

function isListSection(name: string): name is Exclude<KnowledgeSection, 'meta' | 'lexicon'> {
  return name !== 'meta' && name !== 'lexicon' && Object.hasOwn(itemParsers, name);
}

/** Where an item was defined, for problems found later (duplicates, references). */
interface Origin {
  readonly file: ParsedFile;
  readonly section: string;
  readonly index: number;
}

/** What validation gathers across files before the cross-file checks. */
interface Collected {
  readonly problems: KnowledgeProblem[];
  readonly causes: unknown[];
  readonly entries: Entry[];
  readonly sources: Map<string, Source>;
  readonly origins: Map<string, Origin>;
  meta?: KnowledgeMeta;
  lexicon?: Lexicon;
}

/**
 * Validates knowledge from file texts: syntax, schema, unique ids and aliases, and references.
 * Every problem is reported together; `onParsed` hears each text's parsed data, for a parse cache.
 */
export function parseKnowledge(
  files: readonly KnowledgeFileText[],
  onParsed?: (file: string, root: unknown) => void,
): Knowledge {
  const collected: Collected = {
    problems: [],
    causes: [],
    entries: [],
    sources: new Map(),
    origins: new Map(),
  };
  for (const file of files) collectFile(file, collected, onParsed);
  const { problems, causes, entries, sources, meta, lexicon } = collected;
  if (!meta && problems.length === 0) {
    problems.push({
      file: files[0]?.file ?? 'knowledge',
      line: 0,
      path: 'meta',
      message: 'no file defines meta (asOf, title, attribution)',
    });
  }
  checkReferences(collected);
  checkNames(collected);
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
    lexicon: lexicon ?? lexiconSchema.parse({}),
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

/** One file: its YAML (fresh or cached), then each top-level section. */
function collectFile(
  { file, text, parsed: cached }: KnowledgeFileText,
  collected: Collected,
  onParsed?: (file: string, root: unknown) => void,
): void {
  const parsed: ParsedFile = { file, text };
  let root: unknown = cached;
  if (root === undefined) {
    const { doc, lines } = locate(parsed);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
        collected.problems.push({
          file,
          line,
          path: '',
          message: `YAML syntax: ${error.message.split('\n')[0]}`,
        });
      }
      return;
    }
    try {
      root = doc.toJS();
    } catch (error) {
      // The yaml library refuses documents whose aliases would expand without bound ("billion laughs").
      collected.problems.push({
        file,
        line: 1,
        path: '',
        message: `YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      });
      collected.causes.push(error);
      return;
    }
    onParsed?.(file, root);
  }
  if (root === null || root === undefined) return;
  if (typeof root !== 'object' || Array.isArray(root)) {
    collected.problems.push({
      file,
      line: 1,
      path: '',
      message: `expected a map with one of: ${sectionNames.join(', ')}`,
    });
    return;
  }
  for (const [section, value] of Object.entries(root)) {
    collectSection(parsed, section, value, collected);
  }
}

function collectSection(
  parsed: ParsedFile,
  section: string,
  value: unknown,
  collected: Collected,
): void {
  const { problems } = collected;
  if (section === 'meta') {
    collectSingle(parsed, section, metaSchema, value, collected, (meta) => {
      collected.meta = meta;
    });
    return;
  }
  if (section === 'lexicon') {
    collectSingle(parsed, section, lexiconSchema, value, collected, (lexicon) => {
      collected.lexicon = lexicon;
    });
    return;
  }
  if (!isListSection(section)) {
    problems.push({
      file: parsed.file,
      line: lineOf(parsed, [section]),
      path: section,
      message: `unknown section; expected one of: ${sectionNames.join(', ')}`,
    });
    return;
  }
  if (!Array.isArray(value)) {
    problems.push({
      file: parsed.file,
      line: lineOf(parsed, [section]),
      path: section,
      message: 'expected a list of entries',
    });
    return;
  }
  // Each item is checked on its own, so one bad entry does not hide the reference problems of the rest.
  const parseItem = itemParsers[section];
  value.forEach((raw: unknown, index) => {
    const result = parseItem(raw);
    if (!result.ok) {
      reportIssues(parsed, result.error, raw, [section, index], collected);
      return;
    }
    const previous = collected.origins.get(result.id);
    if (previous) {
      problems.push({
        file: parsed.file,
        line: lineOf(parsed, [section, index, 'id']),
        path: `${section}[${index}].id`,
        message: `duplicate id "${result.id}" (first defined at ${previous.file.file}:${lineOf(previous.file, [previous.section, previous.index, 'id'])})`,
      });
      return;
    }
    collected.origins.set(result.id, { file: parsed, section, index });
    if ('entry' in result.item) collected.entries.push(result.item.entry);
    else collected.sources.set(result.id, result.item.source);
  });
}

/** A section defined once (`meta`, `lexicon`): validated, and a second definition reported. */
function collectSingle<T>(
  parsed: ParsedFile,
  section: 'meta' | 'lexicon',
  schema: z.ZodType<T>,
  value: unknown,
  collected: Collected,
  store: (data: T) => void,
): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    reportIssues(parsed, result.error, value, [section], collected);
  } else if (collected[section]) {
    collected.problems.push({
      file: parsed.file,
      line: lineOf(parsed, [section]),
      path: section,
      message: `${section} is defined twice`,
    });
  } else {
    store(result.data);
  }
}

/** A zod error as problems at their lines; the error is kept as a cause. */
function reportIssues(
  parsed: ParsedFile,
  error: z.ZodError,
  raw: unknown,
  prefix: readonly (string | number)[],
  collected: Collected,
): void {
  collected.causes.push(error);
  for (const issue of error.issues) {
    const issuePath = [
      ...prefix,
      ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    ];
    if (issue.code === 'unrecognized_keys') {
      // Point at each unknown key itself, so a typo like `signedOn` is found at once.
      for (const key of issue.keys) {
        const keyPath = [...issuePath, key];
        collected.problems.push({
          file: parsed.file,
          line: lineOf(parsed, keyPath),
          path: formatPath(keyPath),
          message: 'unknown field',
        });
      }
      continue;
    }
    const missing = valueAt(raw, issue.path) === undefined;
    collected.problems.push({
      file: parsed.file,
      line: lineOf(parsed, issuePath),
      path: formatPath(issuePath),
      message: missing ? 'required field is missing' : issue.message,
    });
  }
}

/** Reports a problem at a field of the entry, where its file defines it. */
function problemAt(origin: Origin, field: readonly (string | number)[], message: string) {
  return {
    file: origin.file.file,
    line: lineOf(origin.file, [origin.section, origin.index, ...field]),
    path: formatPath([origin.section, origin.index, ...field]),
    message,
  };
}

/** Every id an entry names exists: related entries, sources, authors, obstacles; fact ids are unique. */
function checkReferences({ entries, sources, origins, problems }: Collected): void {
  const entryIds = new Set(entries.map((entry) => entry.id));
  for (const entry of entries) {
    const origin = origins.get(entry.id);
    if (!origin) continue;
    const expectEntry = (id: string, field: readonly (string | number)[]) => {
      if (!entryIds.has(id)) problems.push(problemAt(origin, field, `unknown entry id "${id}"`));
    };
    const expectSource = (id: string, field: readonly (string | number)[]) => {
      if (!sources.has(id)) problems.push(problemAt(origin, field, `unknown source id "${id}"`));
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
        problems.push(
          problemAt(origin, ['facts', i, 'id'], `duplicate fact id "${fact.id}" in this entry`),
        );
      }
      factIds.add(fact.id);
    });
    if (entry.kind === 'obstacle') expectEntry(entry.author, ['author']);
    if (entry.kind === 'agreement') {
      entry.obstacles.forEach((id, i) => {
        expectEntry(id, ['obstacles', i]);
      });
    }
  }
}

/** No name (title or alias) belongs to two entries, compared as people type them. */
function checkNames({ entries, origins, problems }: Collected): void {
  const owners = new Map<string, string>();
  for (const entry of entries) {
    const origin = origins.get(entry.id);
    if (!origin) continue;
    [entry.title, ...entry.aliases].forEach((name, i) => {
      const key = name.normalize('NFKC').toLocaleLowerCase('en');
      const owner = owners.get(key);
      if (owner && owner !== entry.id) {
        problems.push(
          problemAt(
            origin,
            i === 0 ? ['title'] : ['aliases', i - 1],
            `"${name}" is already a name of "${owner}"`,
          ),
        );
      } else {
        owners.set(key, entry.id);
      }
    });
  }
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
