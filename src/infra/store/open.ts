import type { SqlStore } from './sql-store.ts';

/** What picks the store: DATABASE_URL wins, else a SQLite file under DATA_DIR. */
export interface StoreConfig {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

/** Opens the configured store and runs its migrations, so it is ready to use. */
export async function openDailyStore(config: StoreConfig): Promise<SqlStore> {
  // Drivers load on demand: the console and the CLI never open a store and should not pay for pg or
  // the native SQLite binding at start-up.
  let store: SqlStore;
  if (config.databaseUrl) {
    const { createPostgresStore } = await import('./postgres.ts');
    store = createPostgresStore({ connectionString: config.databaseUrl });
  } else {
    const { createSqliteStore, sqliteFileIn } = await import('./sqlite.ts');
    store = createSqliteStore({ file: sqliteFileIn(config.dataDir) });
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
