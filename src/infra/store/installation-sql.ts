import { nullableInt, nullableText, type Row, text } from './rows.ts';
import type { SqlDriver } from './sql-store.ts';

/**
 * A `slack_installations` row as stored: token columns hold sealed values (token-cipher.ts), never
 * a token. installations.ts seals and opens them; this layer only moves rows.
 */
export interface SealedInstallationRow {
  /** `team:T…`, or `enterprise:E…` for an org-wide install. */
  readonly id: string;
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
  /** The id of the key the token columns are sealed with. */
  readonly keyId: string;
  readonly botToken: string | null;
  readonly botRefreshToken: string | null;
  /** Epoch seconds, as Slack gives them. */
  readonly botExpiresAt: number | null;
  readonly userId: string | null;
  readonly userToken: string | null;
  readonly userRefreshToken: string | null;
  readonly userExpiresAt: number | null;
  /** JSON of what is kept besides the tokens, none of it secret. */
  readonly details: string;
}

/** The SQL of Slack installations, shared by SQLite and PostgreSQL. */
export interface InstallationRows {
  /** Inserts the installation, or replaces the row with the same id (a reinstall, a refresh). */
  putInstallation(row: SealedInstallationRow): Promise<void>;
  getInstallation(id: string): Promise<SealedInstallationRow | undefined>;
  /** True when a row was deleted. */
  deleteInstallation(id: string): Promise<boolean>;
  /** Ids of the installations sealed with another key than this one (a rotation to finish). */
  installationsSealedWithout(keyId: string): Promise<readonly string[]>;
  /** Deletes every daily subscription a Slack workspace has; returns how many. */
  deleteSlackWorkspaceSubscriptions(teamId: string): Promise<number>;
}

/** Wraps a driver call so a failure becomes a StoreError naming what could not be done. */
type Guard = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/** The installation rows over a SQL driver. */
export function createInstallationRows(driver: SqlDriver, guard: Guard): InstallationRows {
  return {
    putInstallation: (row) =>
      guard('save the Slack installation', async () => {
        const now = await driver.now();
        await driver.run(
          `INSERT INTO slack_installations (id, team_id, enterprise_id, is_enterprise_install,
             key_id, bot_token, bot_refresh_token, bot_expires_at, user_id, user_token,
             user_refresh_token, user_expires_at, details, installed_at, updated_at)
           VALUES (:id, :team_id, :enterprise_id, :is_enterprise_install, :key_id, :bot_token,
             :bot_refresh_token, :bot_expires_at, :user_id, :user_token, :user_refresh_token,
             :user_expires_at, :details, :now, :now)
           ON CONFLICT (id) DO UPDATE SET
             team_id = excluded.team_id,
             enterprise_id = excluded.enterprise_id,
             is_enterprise_install = excluded.is_enterprise_install,
             key_id = excluded.key_id,
             bot_token = excluded.bot_token,
             bot_refresh_token = excluded.bot_refresh_token,
             bot_expires_at = excluded.bot_expires_at,
             user_id = excluded.user_id,
             user_token = excluded.user_token,
             user_refresh_token = excluded.user_refresh_token,
             user_expires_at = excluded.user_expires_at,
             details = excluded.details,
             updated_at = excluded.updated_at`,
          {
            id: row.id,
            team_id: row.teamId,
            enterprise_id: row.enterpriseId,
            is_enterprise_install: row.isEnterpriseInstall ? 1 : 0,
            key_id: row.keyId,
            bot_token: row.botToken,
            bot_refresh_token: row.botRefreshToken,
            bot_expires_at: row.botExpiresAt,
            user_id: row.userId,
            user_token: row.userToken,
            user_refresh_token: row.userRefreshToken,
            user_expires_at: row.userExpiresAt,
            details: row.details,
            now,
          },
        );
      }),

    getInstallation: (id) =>
      guard('read the Slack installation', async () => {
        const rows = await driver.all('SELECT * FROM slack_installations WHERE id = :id', { id });
        return rows[0] ? toSealedInstallation(rows[0]) : undefined;
      }),

    deleteInstallation: (id) =>
      guard('delete the Slack installation', async () => {
        return (await driver.run('DELETE FROM slack_installations WHERE id = :id', { id })) > 0;
      }),

    installationsSealedWithout: (keyId) =>
      guard('list installations to seal again', async () => {
        const rows = await driver.all(
          'SELECT id FROM slack_installations WHERE key_id <> :key_id ORDER BY id',
          { key_id: keyId },
        );
        return rows.map((row) => text(row.id));
      }),

    deleteSlackWorkspaceSubscriptions: (teamId) =>
      guard("delete the workspace's subscriptions", () =>
        driver.run(
          `DELETE FROM subscriptions WHERE platform = 'slack' AND workspace_id = :team_id`,
          { team_id: teamId },
        ),
      ),
  };
}

function toSealedInstallation(row: Row): SealedInstallationRow {
  return {
    id: text(row.id),
    teamId: nullableText(row.team_id),
    enterpriseId: nullableText(row.enterprise_id),
    isEnterpriseInstall: Number(row.is_enterprise_install) === 1,
    keyId: text(row.key_id),
    botToken: nullableText(row.bot_token),
    botRefreshToken: nullableText(row.bot_refresh_token),
    botExpiresAt: nullableInt(row.bot_expires_at),
    userId: nullableText(row.user_id),
    userToken: nullableText(row.user_token),
    userRefreshToken: nullableText(row.user_refresh_token),
    userExpiresAt: nullableInt(row.user_expires_at),
    details: text(row.details),
  };
}
