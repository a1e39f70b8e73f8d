import path from 'node:path';
import Database from 'better-sqlite3';
import type { NextDueChange } from '../../core/index.ts';
import { makeDirectory } from '../make-directory.ts';
import { migrations } from './migrations.ts';
import type { Row } from './rows.ts';
import { createSqlStore, type Params, type SqlDriver, type SqlStore } from './sql-store.ts';

const setNextDueSql = `UPDATE subscriptions SET next_due_at = :due
  WHERE id = :id AND post_time = :time AND time_zone = :zone`;

/** Where the embedded store keeps its file. */
export interface SqliteStoreConfig {
  /** A file path, or `:memory:` for tests. */
  readonly file: string;
  /**
   * The store's clock; default the system's. One SQLite file is one host's, so every instance on
   * it already shares this clock; tests put a manual one here to play out leases in virtual time.
   */
  readonly clock?: () => number;
}

/** The default database file under DATA_DIR. */
export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'trucebrief.sqlite');
}

/** The embedded store: zero set-up, one file, one process at a time writing (WAL lets readers in). */
export function createSqliteStore(config: SqliteStoreConfig): SqlStore {
  if (config.file !== ':memory:') makeDirectory(path.dirname(config.file));
  const db = new Database(config.file);
  db.pragma('journal_mode = WAL');
  // Another process on the same file (a second instance, or a CLI) waits instead of failing at once.
  db.pragma('busy_timeout = 5000');

  // Prepared once per SQL text: the store's statements are a fixed few, and preparing one costs
  // more than running it.
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  // One row a statement inside one transaction: SQLite runs a prepared statement in microseconds
  // and commits once, which beats a many-row UPDATE … FROM (VALUES …) that it must parse afresh.
  const setNextDue = db.transaction((changes: readonly NextDueChange[]) => {
    const update = prepare(setNextDueSql);
    for (const change of changes) {
      update.run({
        id: change.subscriptionId,
        due: change.nextDueAt,
        time: change.time,
        zone: change.timeZone,
      });
    }
  });

  const clock = config.clock ?? Date.now;
  const driver: SqlDriver = {
    now: async () => clock(),
    all: async (sql: string, params: Params) => prepare(sql).all(params) as Row[],
    run: async (sql: string, params: Params) => prepare(sql).run(params).changes,
    setNextDue: async (changes) => setNextDue(changes),
    migrate: async () => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      // IMMEDIATE takes the write lock first, so two processes migrating at once run one after the other.
      const apply = db.transaction(() => {
        const done = new Set(
          (db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((row) =>
            Number(row.version),
          ),
        );
        for (const migration of migrations) {
          if (done.has(migration.version)) continue;
          for (const statement of migration.statements) db.exec(statement);
          if (migration.backfill) {
            const rows = db.prepare(migration.backfill.select).all() as Row[];
            // The clock is read only when there is something to fill in.
            if (rows.length > 0) setNextDue(migration.backfill.nextDue(rows, clock()));
          }
          db.prepare(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          ).run(migration.version, migration.name, Date.now());
        }
      });
      apply.immediate();
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
  return createSqlStore(driver, `SQLite store ${config.file}`);
}
