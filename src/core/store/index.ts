export { openDailyStore, type StoreConfig } from './open.ts';
export { createPostgresStore, type PostgresStoreConfig } from './postgres.ts';
export { createSqliteStore, type SqliteStoreConfig, sqliteFileIn } from './sqlite.ts';
export * from './store.ts';
