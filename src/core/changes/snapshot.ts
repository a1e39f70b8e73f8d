import { hash } from 'node:crypto';
import type { Knowledge } from '../knowledge/load.ts';
import type { Entry, Fact } from '../knowledge/schema.ts';

/** One fact as a version remembers it: enough to say what it was once it is gone. */
export interface FactSnapshot {
  /** A hash of every field the fact states, so any edit to it shows as a change. */
  readonly hash: string;
  readonly statement: string;
  readonly date?: string | undefined;
  readonly source: string;
}

/** One entry as a version remembers it. */
export interface EntrySnapshot {
  readonly title: string;
  /** A hash of the entry's own fields, its facts and review date left out (each fact is compared alone). */
  readonly hash: string;
  readonly sources: readonly string[];
  readonly facts: Readonly<Record<string, FactSnapshot>>;
}

/** A source as a version remembers it, so a change can cite a source that was since removed. */
export interface SourceSnapshot {
  readonly title: string;
  readonly url: string;
}

/** What one load of the knowledge held, as compared with the next load. */
export interface KnowledgeSnapshot {
  /** A hash of the whole snapshot: the same knowledge always gives the same hash. */
  readonly hash: string;
  readonly entries: Readonly<Record<string, EntrySnapshot>>;
  readonly sources: Readonly<Record<string, SourceSnapshot>>;
}

/** What happened to an entry or a fact between two versions. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** One difference between two versions: an entry (no `factId`) or one of its facts. */
export interface KnowledgeDiff {
  readonly kind: ChangeKind;
  readonly entryId: string;
  readonly factId?: string;
  readonly title: string;
  /** The fact's statement (its last one, when removed); absent for an entry. */
  readonly statement?: string;
  readonly factDate?: string;
  readonly source?: SourceSnapshot;
}

// One-shot hashing: a knowledge load hashes every entry and fact, and a hash object each is most of
// the cost at start-up.
const digest = (value: unknown): string =>
  hash('sha256', JSON.stringify(value), 'hex').slice(0, 32);

function factSnapshot(fact: Fact): FactSnapshot {
  return {
    hash: digest(fact),
    statement: fact.statement,
    ...(fact.date ? { date: fact.date } : {}),
    source: fact.source,
  };
}

function entrySnapshot(entry: Entry): EntrySnapshot {
  // A bumped review date alone says the entry was checked, not that it says anything new.
  const { facts, reviewed: _reviewed, ...own } = entry;
  return {
    title: entry.title,
    hash: digest(own),
    sources: entry.sources,
    facts: Object.fromEntries(facts.map((fact) => [fact.id, factSnapshot(fact)])),
  };
}

/** Takes what the knowledge holds now, in a form a later load can be compared with. */
export function snapshotKnowledge(knowledge: Knowledge): KnowledgeSnapshot {
  const entries = Object.fromEntries(
    [...knowledge.entries]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((entry) => [entry.id, entrySnapshot(entry)]),
  );
  const sources = Object.fromEntries(
    [...knowledge.sources.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((source) => [source.id, { title: source.title, url: source.url }]),
  );
  return { hash: digest({ entries, sources }), entries, sources };
}

/**
 * Every entry and fact added, changed or removed from `before` to `after`. An entry added or
 * removed is one change, not one per fact; an entry whose own fields changed is one change, and
 * each of its facts that changed is one more.
 */
export function diffSnapshots(
  before: KnowledgeSnapshot,
  after: KnowledgeSnapshot,
): readonly KnowledgeDiff[] {
  const diffs: KnowledgeDiff[] = [];
  const sourceOf = (id: string | undefined, snapshot: KnowledgeSnapshot) =>
    id === undefined ? undefined : snapshot.sources[id];
  const entryDiff = (
    kind: ChangeKind,
    id: string,
    entry: EntrySnapshot,
    in_: KnowledgeSnapshot,
  ) => {
    const source = sourceOf(entry.sources[0], in_);
    diffs.push({ kind, entryId: id, title: entry.title, ...(source ? { source } : {}) });
  };
  const factDiff = (
    kind: ChangeKind,
    entryId: string,
    title: string,
    factId: string,
    fact: FactSnapshot,
    in_: KnowledgeSnapshot,
  ) => {
    const source = sourceOf(fact.source, in_);
    diffs.push({
      kind,
      entryId,
      factId,
      title,
      statement: fact.statement,
      ...(fact.date ? { factDate: fact.date } : {}),
      ...(source ? { source } : {}),
    });
  };

  for (const [id, entry] of Object.entries(after.entries)) {
    const old = before.entries[id];
    if (!old) {
      entryDiff('added', id, entry, after);
      continue;
    }
    if (old.hash !== entry.hash) entryDiff('changed', id, entry, after);
    for (const [factId, fact] of Object.entries(entry.facts)) {
      const was = old.facts[factId];
      if (!was) factDiff('added', id, entry.title, factId, fact, after);
      else if (was.hash !== fact.hash) factDiff('changed', id, entry.title, factId, fact, after);
    }
    for (const [factId, fact] of Object.entries(old.facts)) {
      if (!entry.facts[factId]) factDiff('removed', id, entry.title, factId, fact, before);
    }
  }
  for (const [id, entry] of Object.entries(before.entries)) {
    if (!after.entries[id]) entryDiff('removed', id, entry, before);
  }
  return diffs;
}
