import type { KnowledgeDiff, KnowledgeSnapshot } from './snapshot.ts';

/** A change as recorded: which version brought it, and when (the store's clock, epoch ms). */
export interface KnowledgeChange extends KnowledgeDiff {
  readonly versionId: string;
  readonly at: number;
}

/** The last version of the knowledge a bot loaded, as the next load compares with it. */
export interface KnowledgeVersion {
  readonly id: string;
  readonly hash: string;
  readonly loadedAt: number;
  readonly snapshot: KnowledgeSnapshot;
}

/** A version to record, with what changed since the one before it. */
export interface NewKnowledgeVersion {
  /** Names the step from the previous version to this one, so instances taking it together record it once. */
  readonly id: string;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly entries: number;
  readonly facts: number;
  readonly snapshot: KnowledgeSnapshot;
  readonly changes: readonly KnowledgeDiff[];
}

/**
 * The record of the knowledge's versions in the store (SQLite or PostgreSQL), shared by every
 * instance: each version once, each change with its date.
 */
export interface KnowledgeHistoryStore {
  latestKnowledgeVersion(): Promise<KnowledgeVersion | undefined>;
  /** Records the version and its changes; false when the same step was recorded already. */
  addKnowledgeVersion(version: NewKnowledgeVersion): Promise<boolean>;
  /** Changes recorded at or after `since` (epoch ms), newest first, at most `limit`. */
  listKnowledgeChanges(filter: {
    readonly since?: number;
    readonly limit: number;
  }): Promise<readonly KnowledgeChange[]>;
}
