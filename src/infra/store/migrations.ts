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
  {
    version: 4,
    name: 'reports, unanswered questions, knowledge versions and feeds',
    statements: [
      // The reporter is a keyed hash of the platform user id, never the id itself.
      `CREATE TABLE IF NOT EXISTS reports (
        id TEXT PRIMARY KEY,
        entry_id TEXT,
        fact_id TEXT,
        reason TEXT NOT NULL,
        details TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reporter TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        resolved_at BIGINT,
        note TEXT
      )`,
      `CREATE INDEX IF NOT EXISTS reports_status ON reports (status, created_at)`,
      // The question's folded text only: nothing about who asked.
      `CREATE TABLE IF NOT EXISTS unanswered_questions (
        question TEXT PRIMARY KEY,
        outcome TEXT NOT NULL,
        times INTEGER NOT NULL,
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL,
        accepted TEXT,
        accepted_times INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX IF NOT EXISTS unanswered_last_seen ON unanswered_questions (last_seen)`,
      // One row per step from one version to the next; the id names the step, so instances
      // loading the same knowledge together record it once.
      `CREATE TABLE IF NOT EXISTS knowledge_versions (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        previous_hash TEXT,
        entries INTEGER NOT NULL,
        facts INTEGER NOT NULL,
        snapshot TEXT,
        loaded_at BIGINT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS knowledge_versions_loaded ON knowledge_versions (loaded_at)`,
      // fact_id is '' for a change to the entry itself, so the key needs no NULL.
      `CREATE TABLE IF NOT EXISTS knowledge_changes (
        version_id TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        statement TEXT,
        fact_date TEXT,
        source_title TEXT,
        source_url TEXT,
        changed_at BIGINT NOT NULL,
        PRIMARY KEY (version_id, entry_id, fact_id)
      )`,
      `CREATE INDEX IF NOT EXISTS knowledge_changes_at ON knowledge_changes (changed_at)`,
      `CREATE TABLE IF NOT EXISTS feed_state (
        feed_id TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        next_poll_at BIGINT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_polled_at BIGINT
      )`,
      // Unique by link and by guid, so a story is queued once whichever feed brings it first.
      `CREATE TABLE IF NOT EXISTS feed_items (
        id TEXT PRIMARY KEY,
        link_key TEXT NOT NULL UNIQUE,
        guid_key TEXT UNIQUE,
        feed_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        title TEXT NOT NULL,
        link TEXT NOT NULL,
        published_at BIGINT,
        found_at BIGINT NOT NULL,
        status TEXT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS feed_items_found ON feed_items (status, found_at)`,
    ],
  },
  {
    version: 5,
    name: 'slack installations',
    statements: [
      // One row per Slack workspace that installed the app through OAuth, or per organisation for
      // an org-wide install: `id` is `team:T…` or `enterprise:E…`. Tokens are sealed (AES-256-GCM,
      // see token-cipher.ts) with the key `key_id` names, so keys can rotate; expiries are epoch
      // seconds, as Slack gives them. `details` is the JSON of what Bolt keeps that is not secret
      // (names, scopes, bot and app ids). is_enterprise_install is 0 or 1, portably.
      `CREATE TABLE IF NOT EXISTS slack_installations (
        id TEXT PRIMARY KEY,
        team_id TEXT,
        enterprise_id TEXT,
        is_enterprise_install INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        bot_token TEXT,
        bot_refresh_token TEXT,
        bot_expires_at BIGINT,
        user_id TEXT,
        user_token TEXT,
        user_refresh_token TEXT,
        user_expires_at BIGINT,
        details TEXT NOT NULL,
        installed_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      // An uninstall deletes the workspace's daily subscriptions by its team id.
      `CREATE INDEX IF NOT EXISTS subscriptions_workspace ON subscriptions (platform, workspace_id)`,
    ],
  },
  {
    version: 6,
    name: 'send slots shared by instances',
    statements: [
      // The next free send slot of each rate bucket (a platform's global budget, a channel's), in
      // epoch ms on the store's clock; fractional, since Discord's 50 a second is 20 ms apart.
      `CREATE TABLE IF NOT EXISTS send_slots (
        bucket TEXT PRIMARY KEY,
        next_at DOUBLE PRECISION NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS send_slots_next ON send_slots (next_at)`,
    ],
  },
];
