import { describe } from 'vitest';
import { describeLivingStoreContract } from './living-contract.ts';
import { databaseUrl, openPostgresSchema } from './postgres-harness.ts';

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  describeLivingStoreContract('PostgreSQL', async (clock) => {
    const schema = await openPostgresSchema();
    const store = await schema.open(clock);
    const opened = [store];
    return {
      store,
      second: async () => {
        const other = await schema.open(clock);
        opened.push(other);
        return other;
      },
      cleanup: async () => {
        for (const each of opened) await each.close();
        await schema.drop();
      },
    };
  });
});
