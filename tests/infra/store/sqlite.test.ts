import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { describeStoreContract } from './contract.ts';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-store-'));
  const file = path.join(dir, 'nested', 'daily.sqlite');
  const store = createSqliteStore({ file });
  await store.migrate();
  return {
    store,
    second: async () => {
      const other = createSqliteStore({ file });
      await other.migrate();
      return other;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
