import type { DailyManagerCheck, Logger, RequestContext } from '../../core/index.ts';
import type { SlackWebClient } from './deliverer.ts';

/** A workspace member as users.info describes them. */
type SlackProfile = Awaited<ReturnType<SlackWebClient['users']['info']>>['user'];

/** users.info answers, remembered briefly. */
export interface SlackProfiles {
  lookup(client: SlackWebClient, team: string, user: string): Promise<SlackProfile>;
}

/** How long a users.info answer is trusted: a promotion to admin shows within a minute. */
const profileTtlMs = 60_000;

/**
 * Remembers users.info answers for a minute, per workspace and user, and shares a lookup already
 * in flight: someone sending `/daily subscribe` over and over costs one call, not one each, so
 * nobody can spend the bot's users.info quota (Tier 4). Failures are not remembered. Entries
 * expire in the order they were made, so pruning reads from the front.
 * https://docs.slack.dev/reference/methods/users.info
 */
export function createSlackProfiles(now: () => number = Date.now): SlackProfiles {
  const cache = new Map<
    string,
    { readonly profile: Promise<SlackProfile>; readonly until: number }
  >();
  return {
    lookup(client, team, user) {
      const at = now();
      for (const [key, entry] of cache) {
        if (entry.until > at) break;
        cache.delete(key);
      }
      const key = `${team}:${user}`;
      const cached = cache.get(key);
      if (cached) return cached.profile;
      const profile = client.users.info({ user }).then((answer) => answer.user);
      cache.set(key, { profile, until: at + profileTtlMs });
      profile.catch(() => {
        if (cache.get(key)?.profile === profile) cache.delete(key);
      });
      return profile;
    },
  };
}

/** Who asks, and what deciding whether they may manage daily posts needs. */
export interface SlackDailyManagerInput {
  readonly user: string;
  readonly team: string;
  readonly client: SlackWebClient;
  readonly profiles: SlackProfiles;
  /** Who may manage daily posts besides workspace admins and owners (SLACK_DAILY_MANAGERS). */
  readonly managers: ReadonlySet<string>;
  readonly logger: Logger;
}

/**
 * The core's manager check on Slack: a workspace admin or owner, or someone on the allow-list.
 * The core asks only for subscribe and unsubscribe, since users.info needs the `users:read` scope
 * and a round trip inside the 3 seconds. Slack's API has no workspace time zone, so the person's
 * own zone stands in for it.
 */
export function slackDailyManager({
  user,
  team,
  client,
  profiles,
  managers,
  logger,
}: SlackDailyManagerInput): NonNullable<RequestContext['dailyManager']> {
  return async (wantsTimeZone: boolean): Promise<DailyManagerCheck> => {
    const listed = managers.has(user);
    // Someone on the allow-list needs users.info only for the zone, when they did not give one.
    if (listed && !wantsTimeZone) return { canManage: true };
    let profile: SlackProfile;
    try {
      profile = await profiles.lookup(client, team, user);
    } catch (error) {
      // Without users.info an admin cannot be told from anyone else: fail, rather than refuse wrongly.
      if (!listed) throw error;
      logger.warn('Slack users.info failed; the allow-listed user subscribes in UTC', {
        user,
        team,
        error,
      });
    }
    const admin =
      profile?.is_admin === true ||
      profile?.is_owner === true ||
      profile?.is_primary_owner === true;
    return { canManage: listed || admin, ...(profile?.tz ? { timeZone: profile.tz } : {}) };
  };
}

/** Slack's API error code on a failed Web API call (`data.error`), if it is one. */
function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data: unknown = Reflect.get(error, 'data');
  const code = typeof data === 'object' && data !== null ? Reflect.get(data, 'error') : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Where a subscription was asked for, and what checking the channel needs. */
export interface SlackDailyChannelInput {
  readonly channel: string;
  readonly client: SlackWebClient;
  readonly logger: Logger;
}

/**
 * The core's channel check on Slack, asked when someone allowed to subscribes: is the bot in
 * the channel? conversations.info says (`channels:read`, `groups:read`); a public channel it is
 * not in, it joins (`channels:join`), as a person would by clicking Join. A private channel it
 * is not in looks like `channel_not_found` and needs an invitation. A workspace that installed
 * the app before these scopes answers `missing_scope`: then nobody can tell, and the core says so.
 * https://docs.slack.dev/reference/methods/conversations.info
 * https://docs.slack.dev/reference/methods/conversations.join
 */
export function slackDailyChannel({
  channel,
  client,
  logger,
}: SlackDailyChannelInput): NonNullable<RequestContext['dailyChannel']> {
  return async () => {
    let info: Awaited<ReturnType<SlackWebClient['conversations']['info']>>['channel'];
    try {
      info = (await client.conversations.info({ channel })).channel;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'channel_not_found') return 'invite-needed';
      logger.warn(
        'Slack conversations.info failed; subscribing without knowing the bot is in the channel',
        {
          channel,
          code,
          error,
        },
      );
      return 'unknown';
    }
    if (info?.is_member === true) return 'member';
    if (info?.is_private || info?.is_im || info?.is_mpim) return 'invite-needed';
    try {
      await client.conversations.join({ channel });
      return 'joined';
    } catch (error) {
      logger.warn('Slack conversations.join failed; the bot must be invited', {
        channel,
        code: slackErrorCode(error),
        error,
      });
      return 'invite-needed';
    }
  };
}
