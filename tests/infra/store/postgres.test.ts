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
  describeStoreContract('PostgreSQL', async () => {
    const db = await openPostgresSchema();
    const store = await db.open();
    return {
      store,
      second: db.open,
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  });
});
