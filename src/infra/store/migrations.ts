import { dueForExisting, type NextDueChange } from '../../core/index.ts';
import type { Row } from './rows.ts';

/**
 * Schema versions, applied in order and recorded in `schema_migrations`. The SQL is portable
 * between SQLite and PostgreSQL: times are epoch milliseconds in BIGINT, dates are `YYYY-MM-DD` text.
 * Never edit a released migration; add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
  /**
   * Next-due instants, which SQL cannot compute portably (time zones), filled in code after the
   * statements and in the same transaction: `select` reads the rows, `nextDue` computes them.
   */
  readonly backfill?: {
    readonly select: string;
    /** `now` is the store's clock. */
    nextDue(rows: readonly Row[], now: number): readonly NextDueChange[];
  };
}

/** Migration 3's backfill: each existing subscription's next-due instant, as the scheduler's rules give it. */
function backfillNextDue(rows: readonly Row[], now: number): readonly NextDueChange[] {
  return rows.flatMap((row) => {
    const posting = {
      time: String(row.post_time),
      timeZone: String(row.time_zone),
      activeSince: Number(row.active_since),
      lastSettledDate: row.last_settled == null ? undefined : String(row.last_settled),
    };
    try {
      return [
        {
          subscriptionId: String(row.id),
          time: posting.time,
          timeZone: posting.timeZone,
          nextDueAt: dueForExisting(posting, now),
        },
      ];
    } catch {
      // A zone this runtime's ICU does not know: the default (0, due now) lets the scheduler's
      // pass report it, rather than the migration refusing to start the bot.
      return [];
    }
  });
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
  {
    version: 3,
    name: 'next due instant',
    statements: [
      // When the scheduler next needs to look at the subscription (epoch ms). 0 means "now": the
      // next pass looks and stores the real instant, so a row written without it is never lost.
      `ALTER TABLE subscriptions ADD COLUMN next_due_at BIGINT NOT NULL DEFAULT 0`,
      // A pass reads `status = 'active' AND next_due_at <= now` from this index; it also serves
      // listing by status, so the status-only index goes.
      `CREATE INDEX IF NOT EXISTS subscriptions_due ON subscriptions (status, next_due_at)`,
      `DROP INDEX IF EXISTS subscriptions_status`,
    ],
    backfill: {
      select: `SELECT id, post_time, time_zone, active_since,
          (SELECT MAX(local_date) FROM deliveries
           WHERE deliveries.subscription_id = subscriptions.id
             AND deliveries.state IN ('sent', 'failed')) AS last_settled
        FROM subscriptions`,
      nextDue: backfillNextDue,
    },
  },
];
