import type { DailyManagerCheck, Logger, RequestContext } from '../../core/index.ts';
import type { SlackWebClient } from './deliverer.ts';

/** Who asks, and what deciding whether they may manage daily posts needs. */
export interface SlackDailyManagerInput {
  readonly user: string;
  readonly team: string;
  readonly client: SlackWebClient;
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
  managers,
  logger,
}: SlackDailyManagerInput): NonNullable<RequestContext['dailyManager']> {
  return async (wantsTimeZone: boolean): Promise<DailyManagerCheck> => {
    const listed = managers.has(user);
    // Someone on the allow-list needs users.info only for the zone, when they did not give one.
    if (listed && !wantsTimeZone) return { canManage: true };
    let profile: Awaited<ReturnType<SlackWebClient['users']['info']>>['user'];
    try {
      profile = (await client.users.info({ user })).user;
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
