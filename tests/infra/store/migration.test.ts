import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { DailyStore } from '../../../src/core/index.ts';
import { migrations } from '../../../src/infra/store/migrations.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { databaseUrl, openPostgresSchema } from './postgres-harness.ts';

/*
 * Migration 3 on a database that schema version 2 wrote: every existing subscription gets the
 * next-due instant the scheduler's rules give it, on SQLite and on PostgreSQL.
 */

/** 15:00 in Kyiv on 5 December 2024, when the upgraded bot starts. */
const upgradeAt = Date.UTC(2024, 11, 5, 13, 0);
const hour = 3_600_000;
const createdAt = Date.UTC(2024, 10, 1);

/** [id, post_time, time_zone, status, active_since] as version 2 stored them. */
const subscriptions: [string, string, string, string, number][] = [
  ['slack:POSTED', '08:00', 'Europe/Kyiv', 'active', createdAt],
  ['slack:LATER', '20:00', 'Europe/Kyiv', 'active', createdAt],
  ['slack:MISSED', '10:00', 'Europe/Kyiv', 'active', createdAt],
  ['slack:RESUMED', '08:00', 'Europe/Kyiv', 'active', Date.UTC(2024, 11, 5, 9, 0)],
  ['slack:FAILED', '08:00', 'Europe/Kyiv', 'active', createdAt],
  ['slack:OLD', '08:00', 'Europe/Kyiv', 'active', createdAt],
  ['slack:PAUSED', '08:00', 'Europe/Kyiv', 'paused', createdAt],
  ['slack:NY', '08:00', 'America/New_York', 'active', createdAt],
  ['slack:NOWHERE', '08:00', 'Mars/Olympus_Mons', 'active', createdAt],
];
/** [subscription_id, local_date, state] */
const deliveries: [string, string, string][] = [
  ['slack:POSTED', '2024-12-04', 'sent'],
  ['slack:POSTED', '2024-12-05', 'sent'],
  ['slack:LATER', '2024-12-04', 'sent'],
  ['slack:MISSED', '2024-12-04', 'sent'],
  ['slack:FAILED', '2024-12-05', 'failed'],
  ['slack:OLD', '2024-12-04', 'sent'],
  ['slack:OLD', '2024-12-05', 'retry'],
];

const subscriptionSql = `INSERT INTO subscriptions (id, platform, channel_id, post_time, time_zone,
  status, active_since, created_at, updated_at) VALUES ($1, 'slack', $1, $2, $3, $4, $5, $5, $5)`;
const deliverySql = `INSERT INTO deliveries (subscription_id, local_date, state, updated_at)
  VALUES ($1, $2, $3, 0)`;
const versionTwo = migrations.filter((migration) => migration.version <= 2);
const migrationsTable =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

interface Backend {
  /** A database at schema version 2 holding the rows above; the real store opened on it. */
  open(clock: () => number): Promise<DailyStore>;
  cleanup(): Promise<void>;
}

async function sqliteAtVersionTwo(): Promise<Backend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-migration-'));
  const file = path.join(dir, 'daily.sqlite');
  const db = new Database(file);
  db.exec(migrationsTable);
  for (const migration of versionTwo) {
    for (const statement of migration.statements) db.exec(statement);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(
      migration.version,
      migration.name,
    );
  }
  // PostgreSQL's $1… as named parameters @p1…, which better-sqlite3 binds from an object.
  const insert = (sql: string, row: readonly (string | number)[]) =>
    db
      .prepare(sql.replace(/\$(\d)/g, '@p$1'))
      .run(Object.fromEntries(row.map((value, i) => [`p${i + 1}`, value])));
  for (const row of subscriptions) insert(subscriptionSql, row);
  for (const row of deliveries) insert(deliverySql, row);
  db.close();
  const stores: DailyStore[] = [];
  return {
    open: async (clock) => {
      const store = createSqliteStore({ file, clock });
      stores.push(store);
      await store.migrate();
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresAtVersionTwo(): Promise<Backend> {
  const db = await openPostgresSchema();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${db.schema}`);
    await client.query(`SET search_path = ${db.schema}`);
    await client.query(migrationsTable);
    for (const migration of versionTwo) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [
        migration.version,
        migration.name,
      ]);
    }
    for (const row of subscriptions) await client.query(subscriptionSql, row);
    for (const row of deliveries) await client.query(deliverySql, row);
  } finally {
    await client.end();
  }
  const stores: DailyStore[] = [];
  return {
    open: async (clock) => {
      const store = await db.open(clock);
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      await db.drop();
    },
  };
}

const backends: readonly [string, () => Promise<Backend>, boolean][] = [
  ['SQLite', sqliteAtVersionTwo, true],
  ['PostgreSQL', postgresAtVersionTwo, Boolean(databaseUrl)],
];

for (const [name, atVersionTwo, available] of backends) {
  describe.skipIf(!available)(`schema migration 3 on ${name}`, () => {
    let backend: Backend | undefined;
    afterEach(async () => {
      await backend?.cleanup();
      backend = undefined;
    });

    it('gives every existing subscription the instant the scheduler next needs it', async () => {
      backend = await atVersionTwo();
      const store = await backend.open(() => upgradeAt);
      const nextDue = async (channelId: string) =>
        (await store.getSubscription('slack', channelId))?.nextDueAt;
      const kyiv = (day: number, localHour: number) => Date.UTC(2024, 11, day, localHour - 2);
      // Today's post is out (or given up): tomorrow's.
      expect(await nextDue('POSTED')).toBe(kyiv(6, 8));
      expect(await nextDue('FAILED')).toBe(kyiv(6, 8));
      // Today's is still ahead.
      expect(await nextDue('LATER')).toBe(kyiv(5, 20));
      // Today's passed unsent, or is being retried: today's, for the scheduler to catch up or not.
      expect(await nextDue('MISSED')).toBe(kyiv(5, 10));
      expect(await nextDue('OLD')).toBe(kyiv(5, 8));
      // Resumed at 11:00 today, after its 08:00: tomorrow's, which is when it would post.
      expect(await nextDue('RESUMED')).toBe(kyiv(6, 8));
      // 08:00 in New York (13:00 UTC) is the upgrade instant itself.
      expect(await nextDue('NY')).toBe(upgradeAt);
      // Paused: resuming sets its own; until then it is left out of every pass.
      expect(await nextDue('PAUSED')).toBe(kyiv(5, 8));
      // A zone this runtime cannot convert keeps the default (due now) instead of failing the start.
      expect(await nextDue('NOWHERE')).toBe(0);
      expect((await store.dueSubscriptions(upgradeAt)).map((s) => s.id)).toEqual([
        'slack:NOWHERE',
        'slack:OLD',
        'slack:MISSED',
        'slack:NY',
      ]);
    });

    it('runs once: a second instance starting later changes nothing', async () => {
      backend = await atVersionTwo();
      const first = await backend.open(() => upgradeAt);
      const before = await first.listSubscriptions();
      const second = await backend.open(() => upgradeAt + 10 * hour);
      expect(await second.listSubscriptions()).toEqual(before);
    });
  });
}
