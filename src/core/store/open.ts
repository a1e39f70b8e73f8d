import { createPostgresStore } from './postgres.ts';
import { createSqliteStore, sqliteFileIn } from './sqlite.ts';
import type { DailyStore } from './store.ts';

/** What picks the store: DATABASE_URL wins, else a SQLite file under DATA_DIR. */
export interface StoreConfig {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

/** Opens the configured store and runs its migrations, so it is ready to use. */
export async function openDailyStore(config: StoreConfig): Promise<DailyStore> {
  const store = config.databaseUrl
    ? createPostgresStore({ connectionString: config.databaseUrl })
    : createSqliteStore({ file: sqliteFileIn(config.dataDir) });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
