import type {
  FeedbackStore,
  FeedStore,
  KnowledgeHistoryStore,
  NewFeedItem,
} from '../../core/index.ts';
import {
  toFeedItem,
  toKnowledgeChange,
  toReport,
  toSnapshot,
  toUnanswered,
} from './living-rows.ts';
import type { SqlDriver } from './sql-store.ts';

/** The stores of the living knowledge base: reports, unanswered questions, versions, feeds. */
export type LivingStore = FeedbackStore & KnowledgeHistoryStore & FeedStore;

/** Wraps a driver call so a failure becomes a StoreError naming what could not be done. */
type Guard = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/** Versions whose snapshot is kept: the latest is what the next load compares with. */
const snapshotsKept = 5;

/**
 * The SQL for reports, unanswered questions, knowledge versions and feeds, shared by SQLite and
 * PostgreSQL. Every insert that another instance may race is an upsert or ON CONFLICT DO NOTHING,
 * so a report, a version or a feed item is stored once.
 */
export function createLivingStore(driver: SqlDriver, guard: Guard): LivingStore {
  const now = () => driver.now();
  return {
    addReport: (report) =>
      guard('file the report', async () => {
        const inserted = await driver.all(
          `INSERT INTO reports (id, entry_id, fact_id, reason, details, platform, channel_id,
             reporter, created_at, status)
           VALUES (:id, :entry_id, :fact_id, :reason, :details, :platform, :channel_id,
             :reporter, :now, 'open')
           ON CONFLICT (id) DO NOTHING
           RETURNING *`,
          {
            id: report.id,
            entry_id: report.entryId,
            fact_id: report.factId,
            reason: report.reason,
            details: report.details,
            platform: report.platform,
            channel_id: report.channelId,
            reporter: report.reporter,
            now: await now(),
          },
        );
        if (inserted[0]) return { report: toReport(inserted[0]), created: true };
        const existing = await driver.all('SELECT * FROM reports WHERE id = :id', {
          id: report.id,
        });
        if (!existing[0]) throw new Error('the report was neither inserted nor found');
        return { report: toReport(existing[0]), created: false };
      }),

    listReports: (filter) =>
      guard('list reports', async () => {
        const where = ['created_at >= :since'];
        const params: Record<string, string | number> = {
          since: filter.since ?? 0,
          limit: filter.limit ?? 200,
        };
        if (filter.status) {
          where.push('status = :status');
          params.status = filter.status;
        }
        const rows = await driver.all(
          `SELECT * FROM reports WHERE ${where.join(' AND ')}
           ORDER BY created_at DESC, id LIMIT :limit`,
          params,
        );
        return rows.map(toReport);
      }),

    getReport: (id) =>
      guard('read the report', async () => {
        const rows = await driver.all('SELECT * FROM reports WHERE id = :id', { id });
        return rows[0] ? toReport(rows[0]) : undefined;
      }),

    resolveReport: (id, note) =>
      guard('resolve the report', async () => {
        const rows = await driver.all(
          `UPDATE reports SET status = 'resolved', resolved_at = :now, note = :note
           WHERE id = :id RETURNING *`,
          { id, note, now: await now() },
        );
        return rows[0] ? toReport(rows[0]) : undefined;
      }),

    recordUnanswered: (question, outcome) =>
      guard('count the unanswered question', async () => {
        await driver.run(
          `INSERT INTO unanswered_questions (question, outcome, times, first_seen, last_seen,
             accepted_times)
           VALUES (:question, :outcome, 1, :now, :now, 0)
           ON CONFLICT (question) DO UPDATE SET
             times = unanswered_questions.times + 1,
             last_seen = excluded.last_seen,
             outcome = excluded.outcome`,
          { question, outcome, now: await now() },
        );
      }),

    acceptSuggestion: (question, accepted) =>
      guard('record the accepted suggestion', async () => {
        await driver.run(
          `UPDATE unanswered_questions SET accepted = :accepted,
             accepted_times = accepted_times + 1
           WHERE question = :question`,
          { question, accepted },
        );
      }),

    listUnanswered: (filter) =>
      guard('list unanswered questions', async () => {
        const rows = await driver.all(
          `SELECT * FROM unanswered_questions WHERE last_seen >= :since
           ORDER BY times DESC, last_seen DESC, question LIMIT :limit`,
          { since: filter.since ?? 0, limit: filter.limit },
        );
        return rows.map(toUnanswered);
      }),

    pruneUnanswered: (retention) =>
      guard('forget old unanswered questions', async () => {
        const old = await driver.run('DELETE FROM unanswered_questions WHERE last_seen < :cutoff', {
          cutoff: (await now()) - retention.maxAgeMs,
        });
        // Past the cap, everything older than the newest `maxQuestions` goes (ties may keep a few).
        const over = await driver.run(
          `DELETE FROM unanswered_questions WHERE last_seen < (
             SELECT last_seen FROM unanswered_questions
             ORDER BY last_seen DESC LIMIT 1 OFFSET :keep)`,
          { keep: Math.max(0, retention.maxQuestions - 1) },
        );
        return old + over;
      }),

    latestKnowledgeVersion: () =>
      guard('read the latest knowledge version', async () => {
        const rows = await driver.all(
          'SELECT * FROM knowledge_versions ORDER BY loaded_at DESC, id DESC LIMIT 1',
          {},
        );
        const row = rows[0];
        const snapshot = row ? toSnapshot(row.snapshot) : undefined;
        if (!row || !snapshot) return undefined;
        return {
          id: String(row.id),
          hash: String(row.hash),
          loadedAt: Number(row.loaded_at),
          snapshot,
        };
      }),

    addKnowledgeVersion: (version) =>
      guard('record the knowledge version', async () => {
        const at = await now();
        // Changes first and keyed by the version, then the version: a crash between the two leaves
        // rows no reader joins to, and the next load writes the same rows again.
        for (const change of version.changes) {
          await driver.run(
            `INSERT INTO knowledge_changes (version_id, entry_id, fact_id, kind, title, statement,
               fact_date, source_title, source_url, changed_at)
             VALUES (:version_id, :entry_id, :fact_id, :kind, :title, :statement, :fact_date,
               :source_title, :source_url, :at)
             ON CONFLICT (version_id, entry_id, fact_id) DO NOTHING`,
            {
              version_id: version.id,
              entry_id: change.entryId,
              fact_id: change.factId ?? '',
              kind: change.kind,
              title: change.title,
              statement: change.statement ?? null,
              fact_date: change.factDate ?? null,
              source_title: change.source?.title ?? null,
              source_url: change.source?.url ?? null,
              at,
            },
          );
        }
        const inserted = await driver.all(
          `INSERT INTO knowledge_versions (id, hash, previous_hash, entries, facts, snapshot,
             loaded_at)
           VALUES (:id, :hash, :previous_hash, :entries, :facts, :snapshot, :at)
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          {
            id: version.id,
            hash: version.hash,
            previous_hash: version.previousHash,
            entries: version.entries,
            facts: version.facts,
            snapshot: JSON.stringify(version.snapshot),
            at,
          },
        );
        if (inserted.length === 0) return false;
        await driver.run(
          `UPDATE knowledge_versions SET snapshot = NULL WHERE snapshot IS NOT NULL AND id NOT IN (
             SELECT id FROM knowledge_versions ORDER BY loaded_at DESC, id DESC LIMIT :kept)`,
          { kept: snapshotsKept },
        );
        return true;
      }),

    listKnowledgeChanges: (filter) =>
      guard('list knowledge changes', async () => {
        const rows = await driver.all(
          `SELECT c.* FROM knowledge_changes c JOIN knowledge_versions v ON v.id = c.version_id
           WHERE c.changed_at >= :since
           ORDER BY c.changed_at DESC, c.entry_id, c.fact_id LIMIT :limit`,
          { since: filter.since ?? 0, limit: filter.limit },
        );
        return rows.map(toKnowledgeChange);
      }),

    claimFeed: (feedId, leaseMs) =>
      guard('claim the feed', async () => {
        const at = await now();
        const rows = await driver.all(
          `INSERT INTO feed_state (feed_id, next_poll_at, failures) VALUES (:id, :lease, 0)
           ON CONFLICT (feed_id) DO UPDATE SET next_poll_at = excluded.next_poll_at
           WHERE feed_state.next_poll_at <= :now
           RETURNING feed_id, etag, last_modified, failures`,
          { id: feedId, lease: at + leaseMs, now: at },
        );
        const row = rows[0];
        if (!row) return undefined;
        return {
          feedId,
          etag: row.etag === null || row.etag === undefined ? null : String(row.etag),
          lastModified:
            row.last_modified === null || row.last_modified === undefined
              ? null
              : String(row.last_modified),
          failures: Number(row.failures),
        };
      }),

    finishFeedPoll: (feedId, result) =>
      guard('record the poll', async () => {
        const at = await now();
        await driver.run(
          `UPDATE feed_state SET etag = :etag, last_modified = :last_modified,
             failures = :failures, last_error = :error, next_poll_at = :next,
             last_polled_at = :now
           WHERE feed_id = :id`,
          {
            id: feedId,
            etag: result.etag,
            last_modified: result.lastModified,
            failures: result.failures,
            error: result.error,
            next: at + result.nextPollInMs,
            now: at,
          },
        );
      }),

    addFeedItems: (items: readonly NewFeedItem[]) =>
      guard('queue feed items', async () => {
        const at = await now();
        let added = 0;
        for (const item of items) {
          // No conflict target: a clash on the link or on the guid both mean "seen already".
          const rows = await driver.all(
            `INSERT INTO feed_items (id, link_key, guid_key, feed_id, outlet, title, link,
               published_at, found_at, status)
             VALUES (:id, :link_key, :guid_key, :feed_id, :outlet, :title, :link, :published_at,
               :now, 'new')
             ON CONFLICT DO NOTHING
             RETURNING id`,
            {
              id: item.id,
              link_key: item.linkKey,
              guid_key: item.guidKey,
              feed_id: item.feedId,
              outlet: item.outlet,
              title: item.title,
              link: item.link,
              published_at: item.publishedAt,
              now: at,
            },
          );
          added += rows.length;
        }
        return added;
      }),

    listFeedItems: (filter) =>
      guard('list feed items', async () => {
        const where = ['found_at >= :since'];
        const params: Record<string, string | number> = {
          since: filter.since ?? 0,
          limit: filter.limit,
        };
        if (filter.status) {
          where.push('status = :status');
          params.status = filter.status;
        }
        const rows = await driver.all(
          `SELECT * FROM feed_items WHERE ${where.join(' AND ')}
           ORDER BY found_at DESC, published_at DESC, id LIMIT :limit`,
          params,
        );
        return rows.map(toFeedItem);
      }),

    getFeedItem: (id) =>
      guard('read the feed item', async () => {
        const rows = await driver.all('SELECT * FROM feed_items WHERE id = :id', { id });
        return rows[0] ? toFeedItem(rows[0]) : undefined;
      }),

    setFeedItemStatus: (id, status) =>
      guard('update the feed item', async () => {
        const changed = await driver.run('UPDATE feed_items SET status = :status WHERE id = :id', {
          id,
          status,
        });
        return changed > 0;
      }),
  };
}
