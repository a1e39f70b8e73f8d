import pg from 'pg';
import type { NextDueChange } from '../../core/index.ts';
import { migrations } from './migrations.ts';
import type { Row } from './rows.ts';
import { createSqlStore, type Params, type SqlDriver, type SqlStore } from './sql-store.ts';

/** How to reach the shared PostgreSQL store. */
export interface PostgresStoreConfig {
  readonly connectionString: string;
  /** A schema to work in (created if missing); tests use one each, production the default. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /**
   * Tests only: a clock in place of the server's, so leases can be played out in virtual time.
   * In production every instance reads the one database clock.
   */
  readonly clock?: () => number;
}

// The server's clock in epoch ms. clock_timestamp() rather than now(), which is frozen at the start
// of a transaction.
const serverNowSql = 'SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now';

// All the rows in one statement, as arrays: one round trip, and a join PostgreSQL plans for the
// batch's size (an index lookup a row for a few, one pass over the table for a whole day's worth).
const setNextDueSql = `UPDATE subscriptions SET next_due_at = v.due
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS v(id, due, post_time, time_zone)
  WHERE subscriptions.id = v.id AND subscriptions.post_time = v.post_time
    AND subscriptions.time_zone = v.time_zone`;
// Rows a statement: bounds one statement's parameters and locks.
const setNextDueChunk = 10_000;

async function setNextDue(
  db: Pick<pg.Pool, 'query'>,
  changes: readonly NextDueChange[],
): Promise<void> {
  for (let start = 0; start < changes.length; start += setNextDueChunk) {
    const chunk = changes.slice(start, start + setNextDueChunk);
    await db.query(setNextDueSql, [
      chunk.map((change) => change.subscriptionId),
      chunk.map((change) => change.nextDueAt),
      chunk.map((change) => change.time),
      chunk.map((change) => change.timeZone),
    ]);
  }
}

// Any constant works; it only has to be the same in every instance so migrations take turns.
const migrationLockKey = 727_001;

/** `:name` placeholders to `$1…`, in first-seen order, with the values to match. */
export function toPositional(sql: string, params: Params): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-z_]+)/g, (_match, name: string) => {
    let index = order.indexOf(name);
    if (index === -1) {
      if (!Object.hasOwn(params, name)) throw new Error(`missing SQL parameter :${name}`);
      order.push(name);
      index = order.length - 1;
    }
    return `$${index + 1}`;
  });
  return { text, values: order.map((name) => params[name]) };
}

/** The shared store: several bot instances use one database and never post a day twice. */
export function createPostgresStore(config: PostgresStoreConfig): SqlStore {
  const schema = config.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.maxConnections ?? 10,
    // Fail a start-up against an unreachable server instead of hanging.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  const { clock } = config;
  const driver: SqlDriver = {
    // The server's clock, not this host's: instances whose clocks drift apart still agree on
    // leases. One more round trip per delivery step, which is cheap next to a platform call.
    now: async () => {
      if (clock) return clock();
      const { rows } = await pool.query<{ now: string }>(serverNowSql);
      return Number(rows[0]?.now);
    },
    all: async (sql, params) => {
      const { text, values } = toPositional(sql, params);
      return (await pool.query(text, values)).rows as Row[];
    },
    run: async (sql, params) => {
      const { text, values } = toPositional(sql, params);
      return (await pool.query(text, values)).rowCount ?? 0;
    },
    setNextDue: (changes) => setNextDue(pool, changes),
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Instances starting together queue here; the second finds every version applied.
        await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
        );
        const done = new Set(
          (await client.query('SELECT version FROM schema_migrations')).rows.map((row: Row) =>
            Number(row.version),
          ),
        );
        for (const migration of migrations) {
          if (done.has(migration.version)) continue;
          for (const statement of migration.statements) await client.query(statement);
          const backfill = migration.backfill;
          const rows = backfill ? (await client.query<Row>(backfill.select)).rows : [];
          if (backfill && rows.length > 0) {
            const now = clock
              ? clock()
              : Number((await client.query<{ now: string }>(serverNowSql)).rows[0]?.now);
            await setNextDue(client, backfill.nextDue(rows, now));
          }
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, Date.now()],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
  return createSqlStore(driver, 'PostgreSQL store');
}
