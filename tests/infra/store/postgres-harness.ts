import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../../../src/infra/store/postgres.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';

/** The test database, when there is one: CI's .ci/postgres.sh exports it. */
export const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  // Visible on purpose: a skipped half of the contract suite must never pass unnoticed.
  console.warn(
    'PostgreSQL store tests SKIPPED: DATABASE_URL is not set. Run `source .ci/postgres.sh` to start a local server.',
  );
}

/** A fresh schema in the test database, so test files and runs never see each other's rows. */
export async function openPostgresSchema(): Promise<{
  schema: string;
  /** A store on the schema; `clock` replaces the server's clock, for virtual time. */
  open(clock?: () => number): Promise<SqlStore>;
  drop(): Promise<void>;
}> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const url = databaseUrl;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const open = async (clock?: () => number) => {
    const store = createPostgresStore({
      connectionString: url,
      schema,
      maxConnections: 4,
      ...(clock ? { clock } : {}),
    });
    await store.migrate();
    return store;
  };
  const drop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  return { schema, open, drop };
}
