import { createHash } from 'node:crypto';
import type { Knowledge } from '../knowledge/load.ts';
import { diffSnapshots, type KnowledgeDiff, snapshotKnowledge } from './snapshot.ts';
import type { KnowledgeChange, KnowledgeHistoryStore } from './store.ts';

/** What recording a load came to. */
export interface RecordedLoad {
  /** The first version this store has seen: nothing to compare with, so no changes. */
  readonly first: boolean;
  /** Changes since the version before; empty when the knowledge is as it was. */
  readonly changes: readonly KnowledgeDiff[];
}

/** How many recent changes the log keeps in memory for `/brief changes`. */
const recentLimit = 200;

/**
 * The knowledge's history as the bot serves it: `record` is the one function start-up and every
 * reload (SIGHUP, the file watch) call with the knowledge just loaded; `recent` answers
 * `/brief changes` from memory, so the command never waits on the store.
 */
export interface ChangeLog {
  record(knowledge: Knowledge): Promise<RecordedLoad>;
  /** The latest changes, newest first, as of the last `record` or `refresh`. */
  recent(): readonly KnowledgeChange[];
  /** Reads the latest changes from the store again (another instance may have recorded some). */
  refresh(): Promise<void>;
}

/** Records a loaded knowledge as a version when it differs from the last one recorded. */
export async function recordKnowledgeVersion(
  store: KnowledgeHistoryStore,
  knowledge: Knowledge,
): Promise<RecordedLoad> {
  const snapshot = snapshotKnowledge(knowledge);
  const latest = await store.latestKnowledgeVersion();
  if (latest?.hash === snapshot.hash) return { first: false, changes: [] };
  const changes = latest ? diffSnapshots(latest.snapshot, snapshot) : [];
  const previousHash = latest?.hash ?? null;
  await store.addKnowledgeVersion({
    // The step from the latest version, not from its content: knowledge reverted to an earlier
    // state and changed again is a new step each time.
    id: createHash('sha256')
      .update(`${latest?.id ?? ''}>${snapshot.hash}`)
      .digest('hex')
      .slice(0, 24),
    hash: snapshot.hash,
    previousHash,
    entries: knowledge.entries.length,
    facts: knowledge.entries.reduce((sum, entry) => sum + entry.facts.length, 0),
    snapshot,
    changes,
  });
  return { first: latest === undefined, changes };
}

/** Builds the change log over the store. */
export function createChangeLog(store: KnowledgeHistoryStore): ChangeLog {
  let recent: readonly KnowledgeChange[] = [];
  const refresh = async () => {
    recent = await store.listKnowledgeChanges({ limit: recentLimit });
  };
  return {
    async record(knowledge) {
      const recorded = await recordKnowledgeVersion(store, knowledge);
      await refresh();
      return recorded;
    },
    recent: () => recent,
    refresh,
  };
}
