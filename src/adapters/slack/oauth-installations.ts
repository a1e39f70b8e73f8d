/**
 * Bolt's installation store over the bot's own database. Bolt hands over an `Installation` after
 * an OAuth install and after refreshing a rotating token, and asks for one on every request;
 * this module turns it into a record whose tokens the store seals, and back. The store itself
 * (src/infra/store/installations.ts) is passed in by main.ts, so the adapter names only the shape
 * it needs here, as the core names its ports.
 * https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
 */
import type { HTTPReceiver, Installation, InstallationQuery, InstallationStore } from '@slack/bolt';

/** Which installation: a workspace's, or an organisation's when `isEnterpriseInstall`. */
export interface SlackInstallationKey {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
  readonly isEnterpriseInstall: boolean;
}

/** An access token with what rotating it needs; the expiry in epoch seconds, as Slack gives it. */
export interface SlackToken {
  readonly token: string;
  readonly refreshToken: string | null;
  readonly expiresAt: number | null;
}

/** One installation with its tokens in the clear; the store seals them. */
export interface SlackInstallationRecord {
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
  readonly userId: string | null;
  readonly bot: SlackToken | null;
  readonly user: SlackToken | null;
  /** Everything else Bolt keeps, none of it secret: names, scopes, bot and app ids. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** The installation store the adapter needs in OAuth mode (main.ts passes the database's). */
export interface SlackInstallationRecords {
  save(record: SlackInstallationRecord): Promise<void>;
  find(key: SlackInstallationKey): Promise<SlackInstallationRecord | undefined>;
  /** Drops revoked tokens (the bot's, and these people's user tokens). */
  revoke(
    key: SlackInstallationKey,
    revoked: { readonly bot: boolean; readonly userIds: readonly string[] },
  ): Promise<void>;
  /** Deletes the installation and the workspace's daily subscriptions. */
  uninstall(key: SlackInstallationKey): Promise<void>;
}

/** No installation for the workspace: the app is not installed there, or was uninstalled. */
export class SlackNotInstalledError extends Error {
  constructor(key: SlackInstallationKey) {
    super(
      `the app is not installed in ${key.isEnterpriseInstall ? `organisation ${key.enterpriseId}` : `workspace ${key.teamId}`}`,
    );
    this.name = 'SlackNotInstalledError';
  }
}

/** Bolt's InstallationStore over the records. */
export function createBoltInstallationStore(records: SlackInstallationRecords): InstallationStore {
  return {
    storeInstallation: (installation) => records.save(toRecord(installation)),
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      const key = keyOf(query);
      const record = await records.find(key);
      if (!record) throw new SlackNotInstalledError(key);
      return toInstallation(record);
    },
    // Bolt never calls it on its own; the uninstall and revocation listeners use the records.
    deleteInstallation: async (query) => records.uninstall(keyOf(query)),
  };
}

/** The installer Bolt's HTTP receiver builds when OAuth is configured. */
type Installer = NonNullable<HTTPReceiver['installer']>;

/**
 * The bot token of a workspace, through Bolt's `authorize`: a token about to expire is refreshed
 * (oauth.v2.access with the refresh token) and the installation stored again, as for a request.
 * Rejects with SlackNotInstalledError when the workspace has no installation.
 */
export function installedBotToken(installer: Installer) {
  return async (teamId: string): Promise<string> => {
    const key = { teamId, isEnterpriseInstall: false } as const;
    let botToken: string | undefined;
    try {
      ({ botToken } = await installer.authorize({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      }));
    } catch (error) {
      // Bolt wraps whatever fetchInstallation threw; the cause says whether it was "not installed".
      const original = (error as { original?: unknown }).original;
      if (original instanceof SlackNotInstalledError) throw original;
      throw error;
    }
    if (!botToken) throw new SlackNotInstalledError(key);
    return botToken;
  };
}

function keyOf(query: InstallationQuery<boolean>): SlackInstallationKey {
  return {
    teamId: query.teamId,
    enterpriseId: query.enterpriseId,
    isEnterpriseInstall: query.isEnterpriseInstall,
  };
}

/** The installation's parts that are not tokens, kept in `details`. */
interface Details {
  readonly team?: { readonly id: string; readonly name?: string };
  readonly enterprise?: { readonly id: string; readonly name?: string };
  readonly appId?: string;
  readonly enterpriseUrl?: string;
  readonly metadata?: string;
  readonly botId?: string;
  readonly botUserId?: string;
  readonly botScopes?: readonly string[];
  readonly userScopes?: readonly string[];
}

/**
 * The record of an installation. An incoming webhook's URL is a secret the bot does not ask for
 * (no `incoming-webhook` scope), so it is not kept.
 */
function toRecord(installation: Installation): SlackInstallationRecord {
  const { bot, user } = installation;
  const details: Details = {
    ...(installation.team ? { team: installation.team } : {}),
    ...(installation.enterprise ? { enterprise: installation.enterprise } : {}),
    ...(installation.appId ? { appId: installation.appId } : {}),
    ...(installation.enterpriseUrl ? { enterpriseUrl: installation.enterpriseUrl } : {}),
    ...(installation.metadata ? { metadata: installation.metadata } : {}),
    ...(bot ? { botId: bot.id, botUserId: bot.userId, botScopes: bot.scopes } : {}),
    ...(user.scopes ? { userScopes: user.scopes } : {}),
  };
  return {
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    userId: user.id ?? null,
    bot: bot
      ? {
          token: bot.token,
          refreshToken: bot.refreshToken ?? null,
          expiresAt: bot.expiresAt ?? null,
        }
      : null,
    user: user.token
      ? {
          token: user.token,
          refreshToken: user.refreshToken ?? null,
          expiresAt: user.expiresAt ?? null,
        }
      : null,
    details: { ...details },
  };
}

/** Bolt's installation from a record; `authVersion: 'v2'` is what lets Bolt refresh its tokens. */
function toInstallation(record: SlackInstallationRecord): Installation<'v2', boolean> {
  const details = readDetails(record.details);
  const { bot, user } = record;
  const team = details.team ?? (record.teamId ? { id: record.teamId } : undefined);
  const enterprise =
    details.enterprise ?? (record.enterpriseId ? { id: record.enterpriseId } : undefined);
  return {
    team,
    enterprise,
    user: {
      id: record.userId ?? '',
      token: user?.token,
      ...(user?.refreshToken ? { refreshToken: user.refreshToken } : {}),
      ...(user?.expiresAt ? { expiresAt: user.expiresAt } : {}),
      scopes: details.userScopes ? [...details.userScopes] : undefined,
    },
    ...(bot
      ? {
          bot: {
            token: bot.token,
            ...(bot.refreshToken ? { refreshToken: bot.refreshToken } : {}),
            ...(bot.expiresAt ? { expiresAt: bot.expiresAt } : {}),
            scopes: [...(details.botScopes ?? [])],
            id: details.botId ?? '',
            userId: details.botUserId ?? '',
          },
          tokenType: 'bot' as const,
        }
      : {}),
    ...(details.appId ? { appId: details.appId } : {}),
    ...(details.enterpriseUrl ? { enterpriseUrl: details.enterpriseUrl } : {}),
    ...(details.metadata ? { metadata: details.metadata } : {}),
    isEnterpriseInstall: record.isEnterpriseInstall,
    authVersion: 'v2',
  };
}

/** The details as stored, each field kept only when it has the expected shape. */
function readDetails(raw: Readonly<Record<string, unknown>>): Details {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const texts = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? (value as string[])
      : undefined;
  const named = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, name } = value as { id?: unknown; name?: unknown };
    const idText = text(id);
    if (!idText) return undefined;
    const nameText = text(name);
    return nameText ? { id: idText, name: nameText } : { id: idText };
  };
  const fields = {
    team: named(raw.team),
    enterprise: named(raw.enterprise),
    appId: text(raw.appId),
    enterpriseUrl: text(raw.enterpriseUrl),
    metadata: text(raw.metadata),
    botId: text(raw.botId),
    botUserId: text(raw.botUserId),
    botScopes: texts(raw.botScopes),
    userScopes: texts(raw.userScopes),
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Details;
}
