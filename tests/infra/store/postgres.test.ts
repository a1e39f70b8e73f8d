import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toPositional } from '../../../src/infra/store/postgres.ts';
import { describeStoreContract } from './contract.ts';
import { databaseUrl, openPostgresSchema } from './postgres-harness.ts';

describe('toPositional', () => {
  it('numbers named parameters in first-seen order and reuses a repeated name', () => {
    expect(toPositional('SELECT :b, :a, :b', { a: 1, b: 2 })).toEqual({
      text: 'SELECT $1, $2, $1',
      values: [2, 1],
    });
  });
});

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  it('keeps time by the server’s clock when no test clock is given', async () => {
    const db = await openPostgresSchema();
    const store = await db.open();
    try {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ now: string }>(
        'SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now',
      );
      await client.end();
      expect(Math.abs((await store.now()) - Number(rows[0]?.now))).toBeLessThan(1000);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  describeStoreContract('PostgreSQL', async (clock) => {
    const db = await openPostgresSchema();
    const store = await db.open(clock);
    return {
      store,
      second: () => db.open(clock),
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  });
});
