/**
 * Slack installations in the bot's database, tokens sealed at rest. The Slack adapter turns Bolt's
 * installations into these records and back (oauth-installations.ts); this module seals every
 * token with the current installation key and opens rows sealed with a previous one, sealing them
 * again with the current key as they are read, so a rotation completes as workspaces are used.
 */
import type { InstallationRows, SealedInstallationRow } from './installation-sql.ts';
import { type TokenCipher, UnopenableTokenError } from './token-cipher.ts';

/** Which installation: a workspace's, or an organisation's when `isEnterpriseInstall`. */
export interface SlackInstallationKey {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
  readonly isEnterpriseInstall: boolean;
}

/** An access token with what rotating it needs; expiries in epoch seconds, as Slack gives them. */
export interface SlackToken {
  readonly token: string;
  readonly refreshToken: string | null;
  readonly expiresAt: number | null;
}

/** One installation with its tokens in the clear, as the adapter gives and takes it. */
export interface SlackInstallationRecord {
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
  /** The person who installed the app. */
  readonly userId: string | null;
  readonly bot: SlackToken | null;
  /** The installer's user token, when the app asked for user scopes. */
  readonly user: SlackToken | null;
  /** What the adapter keeps besides the tokens (names, scopes, ids); stored as JSON, in the clear. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What revoking takes away: the bot token, and the user tokens of these people. */
export interface SlackRevokedTokens {
  readonly bot: boolean;
  readonly userIds: readonly string[];
}

/** The installation store the Slack adapter uses in OAuth mode. */
export interface SlackInstallations {
  save(record: SlackInstallationRecord): Promise<void>;
  find(key: SlackInstallationKey): Promise<SlackInstallationRecord | undefined>;
  /** True when there was one to delete. */
  remove(key: SlackInstallationKey): Promise<boolean>;
  /** Drops revoked tokens; an installation left with none is deleted. */
  revoke(key: SlackInstallationKey, revoked: SlackRevokedTokens): Promise<void>;
  /** The app was uninstalled: the installation goes, and the workspace's daily subscriptions. */
  uninstall(key: SlackInstallationKey): Promise<void>;
  /**
   * Seals again with the current key every installation sealed with a previous one, so the
   * previous key can be removed. main.ts runs it at start-up. `unopened`: the ids of rows whose
   * key is not configured (or that do not open with it); they are left as they are.
   */
  sealWithCurrentKey(): Promise<{ readonly sealed: number; readonly unopened: readonly string[] }>;
}

/** The row id of an installation, or undefined when the key names none. */
function idOf(key: SlackInstallationKey): string | undefined {
  if (key.isEnterpriseInstall)
    return key.enterpriseId ? `enterprise:${key.enterpriseId}` : undefined;
  return key.teamId ? `team:${key.teamId}` : undefined;
}

/** Sealed installations over the store's rows. */
export function createSlackInstallations(
  rows: InstallationRows,
  cipher: TokenCipher,
): SlackInstallations {
  const seal = (id: string, record: SlackInstallationRecord): SealedInstallationRow => {
    const sealed = (value: string | null | undefined, column: string) =>
      value ? cipher.seal(value, `${id}/${column}`) : null;
    return {
      id,
      teamId: record.teamId,
      enterpriseId: record.enterpriseId,
      isEnterpriseInstall: record.isEnterpriseInstall,
      keyId: cipher.currentKeyId,
      botToken: sealed(record.bot?.token, 'bot_token'),
      botRefreshToken: sealed(record.bot?.refreshToken, 'bot_refresh_token'),
      botExpiresAt: record.bot?.expiresAt ?? null,
      userId: record.userId,
      userToken: sealed(record.user?.token, 'user_token'),
      userRefreshToken: sealed(record.user?.refreshToken, 'user_refresh_token'),
      userExpiresAt: record.user?.expiresAt ?? null,
      details: JSON.stringify(record.details),
    };
  };

  const open = (row: SealedInstallationRow): SlackInstallationRecord => {
    const opened = (value: string | null, column: string) =>
      value === null ? null : cipher.open(value, row.keyId, `${row.id}/${column}`);
    const token = (
      sealedToken: string | null,
      sealedRefresh: string | null,
      expiresAt: number | null,
      column: 'bot' | 'user',
    ): SlackToken | null => {
      const value = opened(sealedToken, `${column}_token`);
      return value === null
        ? null
        : {
            token: value,
            refreshToken: opened(sealedRefresh, `${column}_refresh_token`),
            expiresAt,
          };
    };
    return {
      teamId: row.teamId,
      enterpriseId: row.enterpriseId,
      isEnterpriseInstall: row.isEnterpriseInstall,
      userId: row.userId,
      bot: token(row.botToken, row.botRefreshToken, row.botExpiresAt, 'bot'),
      user: token(row.userToken, row.userRefreshToken, row.userExpiresAt, 'user'),
      details: JSON.parse(row.details) as Record<string, unknown>,
    };
  };

  const findById = async (id: string) => {
    const row = await rows.getInstallation(id);
    if (!row) return undefined;
    const record = open(row);
    // Sealed with a previous key: sealed again with the current one, so the old key can retire.
    if (row.keyId !== cipher.currentKeyId) await rows.putInstallation(seal(row.id, record));
    return record;
  };

  const find = async (key: SlackInstallationKey) => {
    const id = idOf(key);
    return id === undefined ? undefined : findById(id);
  };

  const remove = async (key: SlackInstallationKey) => {
    const id = idOf(key);
    return id === undefined ? false : rows.deleteInstallation(id);
  };

  const save = async (record: SlackInstallationRecord) => {
    const id = idOf({
      teamId: record.teamId ?? undefined,
      enterpriseId: record.enterpriseId ?? undefined,
      isEnterpriseInstall: record.isEnterpriseInstall,
    });
    if (id === undefined) throw new RangeError('an installation needs a team or enterprise id');
    await rows.putInstallation(seal(id, record));
  };

  return {
    save,
    find,
    remove,
    async revoke(key, revoked) {
      const record = await find(key);
      if (!record) return;
      const userRevoked = record.userId !== null && revoked.userIds.includes(record.userId);
      const bot = revoked.bot ? null : record.bot;
      const user = userRevoked ? null : record.user;
      if (bot === null && user === null) {
        await remove(key);
        return;
      }
      await save({ ...record, bot, user });
    },
    async uninstall(key) {
      await remove(key);
      if (key.teamId) await rows.deleteSlackWorkspaceSubscriptions(key.teamId);
    },
    async sealWithCurrentKey() {
      const ids = await rows.installationsSealedWithout(cipher.currentKeyId);
      const unopened: string[] = [];
      // Reading a row seals it again; one at a time, as there are few and each is small.
      for (const id of ids) {
        try {
          await findById(id);
        } catch (error) {
          // The store itself failing is not a row's fault: that still stops start-up.
          if (!(error instanceof UnopenableTokenError)) throw error;
          unopened.push(id);
        }
      }
      return { sealed: ids.length - unopened.length, unopened };
    },
  };
}
