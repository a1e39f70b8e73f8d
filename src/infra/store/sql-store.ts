import { randomUUID } from 'node:crypto';
import {
  type ClaimRequest,
  type ClaimResult,
  type DailyStore,
  type DeliveryClaim,
  dueWhenChanged,
  dueWhenStarted,
  type EventLedger,
  type NextDueChange,
  type SendSlots,
  StoreError,
  subscriptionId,
} from '../../core/index.ts';
import { createInstallationRows, type InstallationRows } from './installation-sql.ts';
import { createLivingStore, type LivingStore } from './living-sql.ts';
import { type Row, toDelivery, toSubscription } from './rows.ts';

/** Named parameters (`:name` in the SQL); each driver binds them its own way. */
export type Params = Readonly<Record<string, string | number | null>>;

/**
 * The few things a SQL driver must do for the shared store logic. Queries use `:name` placeholders
 * and SQL both SQLite (3.35+, for RETURNING) and PostgreSQL accept.
 */
export interface SqlDriver {
  /** The database's clock in epoch ms; every delivery time is read from it, never from the caller. */
  now(): Promise<number>;
  all(sql: string, params: Params): Promise<readonly Row[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params: Params): Promise<number>;
  /**
   * Stores next-due instants, each only while the subscription still has the time and zone it
   * was computed from. Many rows at once (after downtime a pass may move every subscription), so
   * each driver does it the way its database does it fast.
   */
  setNextDue(changes: readonly NextDueChange[]): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// One statement books a slot, so two instances booking at once get two slots: the row's next free
// slot (or the start, if that is later) is theirs, and the next one moves a gap past it. The casts
// are for PostgreSQL, which cannot type a bare parameter added to another.
const reserveSlotSql = `
  INSERT INTO send_slots (bucket, next_at)
  VALUES (:bucket, CAST(:start AS DOUBLE PRECISION) + CAST(:gap AS DOUBLE PRECISION))
  ON CONFLICT (bucket) DO UPDATE SET next_at =
    CASE WHEN send_slots.next_at > CAST(:start AS DOUBLE PRECISION)
      THEN send_slots.next_at ELSE CAST(:start AS DOUBLE PRECISION) END
    + CAST(:gap AS DOUBLE PRECISION)
  RETURNING next_at`;

const blockSlotsSql = `
  INSERT INTO send_slots (bucket, next_at) VALUES (:bucket, CAST(:until AS DOUBLE PRECISION))
  ON CONFLICT (bucket) DO UPDATE SET next_at =
    CASE WHEN send_slots.next_at > CAST(:until AS DOUBLE PRECISION)
      THEN send_slots.next_at ELSE CAST(:until AS DOUBLE PRECISION) END`;

// Buckets of channels posted to long ago are dropped every this many bookings, a day after their
// last slot, so a bot in many channels does not keep a row per channel for ever.
const bookingsBetweenSlotSweeps = 1000;
const slotRetentionMs = 24 * 60 * 60 * 1000;

// An upsert rather than read-then-write, so two instances racing for the same day cannot both win:
// the insert creates the claim, and on conflict the row is only taken over when it is due for a
// retry or its holder's lease has run out (the holder crashed).
const claimSql = `
  INSERT INTO deliveries (subscription_id, local_date, state, attempts, claim_token, claimed_by,
                          lease_until, updated_at)
  VALUES (:subscription_id, :local_date, 'claimed', 1, :token, :instance, :lease_until, :now)
  ON CONFLICT (subscription_id, local_date) DO UPDATE SET
    state = 'claimed',
    attempts = deliveries.attempts + 1,
    claim_token = excluded.claim_token,
    claimed_by = excluded.claimed_by,
    lease_until = excluded.lease_until,
    next_attempt_at = NULL,
    updated_at = excluded.updated_at
  WHERE (deliveries.state = 'retry' AND deliveries.next_attempt_at <= :now)
     OR (deliveries.state = 'claimed' AND deliveries.lease_until <= :now)
  RETURNING attempts`;

// Inserts the key, or takes over its expired row; a live row is left alone and returns nothing, so
// of two instances recording one event at once exactly one gets a row back.
const sightingSql = `
  INSERT INTO seen_events (event_key, expires_at) VALUES (:key, :expires_at)
  ON CONFLICT (event_key) DO UPDATE SET expires_at = excluded.expires_at
  WHERE seen_events.expires_at <= :now
  RETURNING event_key`;

/** Expired events are deleted once every this many sightings, so the table stays small. */
const sightingsBetweenPrunes = 200;

const ownsClaim = `subscription_id = :subscription_id AND local_date = :local_date
  AND state = 'claimed' AND claim_token = :token`;

/**
 * What the SQL stores offer: the daily store, the shared ledger of handled events, the living
 * knowledge base's reports, unanswered questions, knowledge versions and feeds, and the sealed rows
 * of Slack installations (installations.ts opens them).
 */
export interface SqlStore
  extends DailyStore,
    EventLedger,
    LivingStore,
    InstallationRows,
    SendSlots {
  /** One round trip to the database (`SELECT 1`), for /readyz; rejects when it cannot be reached. */
  ping(): Promise<void>;
}

/** The store logic shared by SQLite and PostgreSQL; each passes only its driver. */
export function createSqlStore(driver: SqlDriver, describe: string): SqlStore {
  const guard = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError(`${describe}: could not ${what}`, { cause });
    }
  };
  let sightings = 0;
  let bookings = 0;
  const claimParams = (claim: DeliveryClaim) => ({
    subscription_id: claim.subscriptionId,
    local_date: claim.localDate,
    token: claim.token,
  });

  return {
    ...createLivingStore(driver, guard),
    ...createInstallationRows(driver, guard),
    migrate: () => guard('migrate the schema', () => driver.migrate()),

    subscribe: (input, now) =>
      guard('save the subscription', async () => {
        const posting = { time: input.time, timeZone: input.timeZone };
        // A new or resumed subscription starts its active spell now; an active one keeps its own,
        // so the instant is today's slot and the scheduler judges whether it is still caught up.
        const rows = await driver.all(
          `INSERT INTO subscriptions (id, platform, channel_id, workspace_id, post_time, time_zone,
             status, paused_reason, created_by, active_since, created_at, updated_at, next_due_at)
           VALUES (:id, :platform, :channel_id, :workspace_id, :post_time, :time_zone,
             'active', NULL, :created_by, :now, :now, :now, :due_started)
           ON CONFLICT (id) DO UPDATE SET
             post_time = excluded.post_time,
             time_zone = excluded.time_zone,
             workspace_id = COALESCE(excluded.workspace_id, subscriptions.workspace_id),
             active_since = CASE WHEN subscriptions.status = 'active'
               THEN subscriptions.active_since ELSE excluded.active_since END,
             next_due_at = CASE WHEN subscriptions.status = 'active'
               THEN CAST(:due_changed AS BIGINT) ELSE excluded.next_due_at END,
             status = 'active',
             paused_reason = NULL,
             updated_at = excluded.updated_at
           RETURNING *`,
          {
            due_started: dueWhenStarted(posting, now),
            due_changed: dueWhenChanged(posting, now),
            id: subscriptionId(input.platform, input.channelId),
            platform: input.platform,
            channel_id: input.channelId,
            workspace_id: input.workspaceId ?? null,
            post_time: input.time,
            time_zone: input.timeZone,
            created_by: input.createdBy ?? null,
            now,
          },
        );
        const row = rows[0];
        if (!row) throw new StoreError(`${describe}: subscribe returned no row`);
        return toSubscription(row);
      }),

    unsubscribe: (platform, channelId) =>
      guard('remove the subscription', async () => {
        const changed = await driver.run('DELETE FROM subscriptions WHERE id = :id', {
          id: subscriptionId(platform, channelId),
        });
        return changed > 0;
      }),

    getSubscription: (platform, channelId) =>
      guard('read the subscription', async () => {
        const rows = await driver.all('SELECT * FROM subscriptions WHERE id = :id', {
          id: subscriptionId(platform, channelId),
        });
        return rows[0] ? toSubscription(rows[0]) : undefined;
      }),

    listSubscriptions: (filter = {}) =>
      guard('list subscriptions', async () => {
        // Conditions are added in code: PostgreSQL cannot type a bare `:status IS NULL`.
        const where: string[] = [];
        const params: Record<string, string> = {};
        if (filter.status) {
          where.push('status = :status');
          params.status = filter.status;
        }
        if (filter.platform) {
          where.push('platform = :platform');
          params.platform = filter.platform;
        }
        const rows = await driver.all(
          `SELECT * FROM subscriptions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY id`,
          params,
        );
        return rows.map(toSubscription);
      }),

    dueSubscriptions: (now) =>
      guard('list due subscriptions', async () => {
        const rows = await driver.all(
          `SELECT * FROM subscriptions WHERE status = 'active' AND next_due_at <= :now
           ORDER BY next_due_at, id`,
          { now },
        );
        return rows.map(toSubscription);
      }),

    reschedule: (changes) =>
      guard('reschedule subscriptions', async () => {
        if (changes.length > 0) await driver.setNextDue(changes);
      }),

    pause: (id, reason, now) =>
      guard('pause the subscription', async () => {
        await driver.run(
          `UPDATE subscriptions SET status = 'paused', paused_reason = :reason, updated_at = :now
           WHERE id = :id`,
          { id, reason, now },
        );
      }),

    now: () => guard('read the clock', () => driver.now()),

    reserveSendSlot: (bucket, gapMs, notBefore) =>
      guard('book a send slot', async () => {
        const now = await driver.now();
        if (++bookings % bookingsBetweenSlotSweeps === 0) {
          await driver.run('DELETE FROM send_slots WHERE next_at < :before', {
            before: now - slotRetentionMs,
          });
        }
        const start = Math.max(now, notBefore ?? now);
        const [row] = await driver.all(reserveSlotSql, { bucket, start, gap: gapMs });
        return { slotAt: Number(row?.next_at ?? start + gapMs) - gapMs, now };
      }),

    blockSendSlots: (bucket, forMs) =>
      guard('block a send bucket', async () => {
        const now = await driver.now();
        await driver.run(blockSlotsSql, { bucket, until: now + forMs });
      }),

    claimDelivery: (request: ClaimRequest) =>
      guard('claim the delivery', async (): Promise<ClaimResult> => {
        const token = randomUUID();
        const now = await driver.now();
        const rows = await driver.all(claimSql, {
          subscription_id: request.subscriptionId,
          local_date: request.localDate,
          token,
          instance: request.instanceId,
          lease_until: now + request.leaseMs,
          now,
        });
        const row = rows[0];
        if (row) {
          return {
            outcome: 'claimed',
            claim: {
              subscriptionId: request.subscriptionId,
              localDate: request.localDate,
              token,
              instanceId: request.instanceId,
              attempt: Number(row.attempts),
            },
          };
        }
        const existing = await driver.all(
          'SELECT state FROM deliveries WHERE subscription_id = :id AND local_date = :date',
          { id: request.subscriptionId, date: request.localDate },
        );
        const state = existing[0]?.state;
        return state === 'sent' || state === 'failed'
          ? { outcome: 'settled' }
          : { outcome: 'busy' };
      }),

    confirmDelivery: (claim, leaseMs) =>
      guard('confirm the claim', async () => {
        const now = await driver.now();
        const changed = await driver.run(
          `UPDATE deliveries SET lease_until = :lease_until, updated_at = :now WHERE ${ownsClaim}`,
          { ...claimParams(claim), lease_until: now + leaseMs, now },
        );
        return changed > 0;
      }),

    completeDelivery: (claim, { messageId }) =>
      guard('record the delivery', async () => {
        const now = await driver.now();
        const changed = await driver.run(
          `UPDATE deliveries SET state = 'sent', message_id = :message_id, sent_at = :now,
             error = NULL, claim_token = NULL, lease_until = NULL, updated_at = :now
           WHERE ${ownsClaim}`,
          { ...claimParams(claim), message_id: messageId, now },
        );
        return changed > 0;
      }),

    retryDelivery: (claim, { retryInMs, error }) =>
      guard('schedule a retry', async () => {
        const now = await driver.now();
        const changed = await driver.run(
          `UPDATE deliveries SET state = 'retry', next_attempt_at = :next, error = :error,
             claim_token = NULL, lease_until = NULL, updated_at = :now
           WHERE ${ownsClaim}`,
          { ...claimParams(claim), next: now + retryInMs, error, now },
        );
        return changed > 0;
      }),

    failDelivery: (claim, { error }) =>
      guard('record the failure', async () => {
        const now = await driver.now();
        const changed = await driver.run(
          `UPDATE deliveries SET state = 'failed', error = :error,
             claim_token = NULL, lease_until = NULL, updated_at = :now
           WHERE ${ownsClaim}`,
          { ...claimParams(claim), error, now },
        );
        return changed > 0;
      }),

    releaseDelivery: (claim) =>
      guard('release the delivery', async () => {
        const now = await driver.now();
        // Back to 'retry', due now, and the attempt uncounted: nothing was sent.
        const changed = await driver.run(
          `UPDATE deliveries SET state = 'retry', next_attempt_at = :now,
             attempts = attempts - 1, claim_token = NULL, lease_until = NULL, updated_at = :now
           WHERE ${ownsClaim}`,
          { ...claimParams(claim), now },
        );
        return changed > 0;
      }),

    getDelivery: (id, localDate) =>
      guard('read the delivery', async () => {
        const rows = await driver.all(
          'SELECT * FROM deliveries WHERE subscription_id = :id AND local_date = :date',
          { id, date: localDate },
        );
        return rows[0] ? toDelivery(rows[0]) : undefined;
      }),

    latestDelivery: (id) =>
      guard('read the latest delivery', async () => {
        const rows = await driver.all(
          `SELECT * FROM deliveries WHERE subscription_id = :id
           ORDER BY local_date DESC LIMIT 1`,
          { id },
        );
        return rows[0] ? toDelivery(rows[0]) : undefined;
      }),

    lastSentBefore: (id, localDate) =>
      guard('read the last post', async () => {
        const rows = await driver.all(
          `SELECT local_date FROM deliveries
           WHERE subscription_id = :id AND state = 'sent' AND local_date < :date
           ORDER BY local_date DESC LIMIT 1`,
          { id, date: localDate },
        );
        return rows[0] ? String(rows[0].local_date) : undefined;
      }),

    firstSighting: (key, now, expiresAt) =>
      guard('record the event', async () => {
        sightings += 1;
        if (sightings % sightingsBetweenPrunes === 0) {
          await driver.run('DELETE FROM seen_events WHERE expires_at <= :now', { now });
        }
        const rows = await driver.all(sightingSql, { key, expires_at: expiresAt, now });
        return rows.length > 0;
      }),

    ping: () =>
      guard('reach the database', async () => {
        await driver.all('SELECT 1 AS ok', {});
      }),

    close: () => guard('close', () => driver.close()),
  };
}
