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
