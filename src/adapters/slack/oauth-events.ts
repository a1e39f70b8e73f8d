import type { App } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';
import type { SlackInstallationKey, SlackInstallationRecords } from './oauth-installations.ts';

/**
 * Keeps the installation store true to what Slack says: `app_uninstalled` deletes the workspace's
 * installation and its daily subscriptions; `tokens_revoked` deletes the revoked tokens (the
 * installation with them when none is left). Bolt hands both events over without authorizing
 * them first, since the tokens may already be gone. A failure reaches `logListenerFailures`.
 * https://docs.slack.dev/reference/events/app_uninstalled
 * https://docs.slack.dev/reference/events/tokens_revoked
 */
export function listenForInstallChanges(
  app: App,
  installations: SlackInstallationRecords,
  logger: Logger,
): void {
  app.event('app_uninstalled', async ({ body, context }) => {
    const key = keyOf(body, context.isEnterpriseInstall);
    await installations.uninstall(key);
    logger.info('Slack app uninstalled: installation and daily subscriptions deleted', where(key));
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    const key = keyOf(body, context.isEnterpriseInstall);
    const revoked = { bot: (event.tokens.bot ?? []).length > 0, userIds: event.tokens.oauth ?? [] };
    await installations.revoke(key, revoked);
    logger.info('Slack tokens revoked: deleted from the installation', {
      ...where(key),
      bot: revoked.bot,
      users: revoked.userIds.length,
    });
  });
}

/** The installation an Events API callback is about. */
function keyOf(
  body: { readonly team_id?: string; readonly enterprise_id?: string },
  isEnterpriseInstall: boolean | undefined,
): SlackInstallationKey {
  return {
    teamId: body.team_id,
    enterpriseId: body.enterprise_id,
    isEnterpriseInstall: isEnterpriseInstall === true,
  };
}

function where(key: SlackInstallationKey) {
  return {
    ...(key.teamId ? { team: key.teamId } : {}),
    ...(key.enterpriseId ? { enterprise: key.enterpriseId } : {}),
  };
}
