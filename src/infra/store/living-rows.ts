import { z } from 'zod';
import {
  type FeedItem,
  type FeedItemStatus,
  type KnowledgeChange,
  type KnowledgeSnapshot,
  type Report,
  type ReportReason,
  type ReportStatus,
  reportReasons,
  type UnansweredOutcome,
  type UnansweredQuestion,
} from '../../core/index.ts';
import { int, nullableInt, nullableText, oneOf, type Row, text } from './rows.ts';

const platforms = ['console', 'slack', 'discord'] as const;
const statuses: readonly ReportStatus[] = ['open', 'resolved'];
const outcomes: readonly UnansweredOutcome[] = ['abstained', 'not-found'];
const itemStatuses: readonly FeedItemStatus[] = ['new', 'promoted', 'dismissed'];
const changeKinds = ['added', 'changed', 'removed'] as const;

/** Maps a `reports` row to a Report. */
export function toReport(row: Row): Report {
  return {
    id: text(row.id),
    entryId: nullableText(row.entry_id),
    factId: nullableText(row.fact_id),
    reason: oneOf<ReportReason>(reportReasons, row.reason, 'report reason'),
    details: text(row.details),
    platform: oneOf(platforms, row.platform, 'platform'),
    channelId: text(row.channel_id),
    reporter: text(row.reporter),
    createdAt: int(row.created_at),
    status: oneOf(statuses, row.status, 'report status'),
    resolvedAt: nullableInt(row.resolved_at),
    note: nullableText(row.note),
  };
}

/** Maps an `unanswered_questions` row. */
export function toUnanswered(row: Row): UnansweredQuestion {
  return {
    text: text(row.question),
    outcome: oneOf(outcomes, row.outcome, 'unanswered outcome'),
    count: int(row.times),
    firstSeen: int(row.first_seen),
    lastSeen: int(row.last_seen),
    accepted: nullableText(row.accepted),
    acceptedCount: int(row.accepted_times),
  };
}

/** Maps a `knowledge_changes` row. */
export function toKnowledgeChange(row: Row): KnowledgeChange {
  const factId = text(row.fact_id);
  const statement = nullableText(row.statement);
  const factDate = nullableText(row.fact_date);
  const sourceTitle = nullableText(row.source_title);
  const sourceUrl = nullableText(row.source_url);
  return {
    versionId: text(row.version_id),
    kind: oneOf(changeKinds, row.kind, 'change kind'),
    entryId: text(row.entry_id),
    ...(factId === '' ? {} : { factId }),
    title: text(row.title),
    ...(statement === null ? {} : { statement }),
    ...(factDate === null ? {} : { factDate }),
    ...(sourceTitle !== null && sourceUrl !== null
      ? { source: { title: sourceTitle, url: sourceUrl } }
      : {}),
    at: int(row.changed_at),
  };
}

/** Maps a `feed_items` row. */
export function toFeedItem(row: Row): FeedItem {
  return {
    id: text(row.id),
    linkKey: text(row.link_key),
    guidKey: nullableText(row.guid_key),
    feedId: text(row.feed_id),
    outlet: text(row.outlet),
    title: text(row.title),
    link: text(row.link),
    publishedAt: nullableInt(row.published_at),
    foundAt: int(row.found_at),
    status: oneOf(itemStatuses, row.status, 'feed item status'),
  };
}

// The snapshot is our own JSON, but a store outlives releases: read it like any input.
const factSnapshotSchema = z.object({
  hash: z.string(),
  statement: z.string(),
  date: z.string().optional(),
  source: z.string(),
});
const snapshotSchema = z.object({
  hash: z.string(),
  entries: z.record(
    z.string(),
    z.object({
      title: z.string(),
      hash: z.string(),
      sources: z.array(z.string()),
      facts: z.record(z.string(), factSnapshotSchema),
    }),
  ),
  sources: z.record(z.string(), z.object({ title: z.string(), url: z.string() })),
});

/** Reads a stored snapshot; undefined when it is missing or unreadable (then the next load starts afresh). */
export function toSnapshot(value: unknown): KnowledgeSnapshot | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
