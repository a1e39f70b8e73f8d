import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { describeLivingStoreContract } from './living-contract.ts';

describeLivingStoreContract('SQLite', async (clock) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-living-'));
  const file = path.join(dir, 'trucebrief.sqlite');
  const store = createSqliteStore({ file, clock });
  await store.migrate();
  return {
    store,
    second: async () => {
      const other = createSqliteStore({ file, clock });
      await other.migrate();
      return other;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
