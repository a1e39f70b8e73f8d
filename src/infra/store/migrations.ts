/**
 * Schema versions, applied in order and recorded in `schema_migrations`. The SQL is portable
 * between SQLite and PostgreSQL: times are epoch milliseconds in BIGINT, dates are `YYYY-MM-DD` text.
 * Never edit a released migration; add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions and deliveries',
    statements: [
      `CREATE TABLE IF NOT EXISTS subscriptions (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        workspace_id TEXT,
        post_time TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        status TEXT NOT NULL,
        paused_reason TEXT,
        created_by TEXT,
        active_since BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (platform, channel_id)
      )`,
      `CREATE INDEX IF NOT EXISTS subscriptions_status ON subscriptions (status)`,
      // No foreign key to subscriptions: the history outlives an unsubscribe, so resubscribing
      // the same day cannot post that day twice.
      `CREATE TABLE IF NOT EXISTS deliveries (
        subscription_id TEXT NOT NULL,
        local_date TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        claim_token TEXT,
        claimed_by TEXT,
        lease_until BIGINT,
        next_attempt_at BIGINT,
        message_id TEXT,
        error TEXT,
        sent_at BIGINT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (subscription_id, local_date)
      )`,
    ],
  },
  {
    version: 2,
    name: 'seen events',
    statements: [
      // Platform events already handled (Slack's event_id), kept for the platform's retry window
      // so a redelivery reaching any instance is dropped. Expired rows are reused or pruned.
      `CREATE TABLE IF NOT EXISTS seen_events (
        event_key TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS seen_events_expiry ON seen_events (expires_at)`,
    ],
  },
];
