import type { HTTPReceiverOptions } from '@slack/bolt';
import type { SlackOAuthConfig } from './config.ts';
import {
  createBoltInstallationStore,
  type SlackInstallationRecords,
} from './oauth-installations.ts';

/** Where the install starts; Bolt's default, named for the docs and the tests. */
const slackInstallPath = '/slack/install';

/** Where Slack sends the browser back with the code; PUBLIC_BASE_URL + this is the redirect URL. */
export const slackOAuthRedirectPath = '/slack/oauth_redirect';

/**
 * What Bolt's HTTP receiver needs to install the app in many workspaces: GET /slack/install
 * redirects to Slack's authorize page with a signed `state` (and sets it in a cookie, so the
 * redirect is accepted only in the browser that started it); GET /slack/oauth_redirect checks the
 * state, exchanges the code with oauth.v2.access and stores the installation. The authorize page
 * is on the host of the Web API URL (SLACK_API_URL), so tests and proxies move both together.
 * https://docs.slack.dev/authentication/installing-with-oauth
 */
export function oauthReceiverOptions(input: {
  readonly oauth: SlackOAuthConfig;
  readonly installations: SlackInstallationRecords;
  readonly scopes: readonly string[];
  readonly apiUrl: string | undefined;
  readonly clientOptions: NonNullable<HTTPReceiverOptions['installerOptions']>['clientOptions'];
}): Partial<HTTPReceiverOptions> {
  const { oauth, apiUrl } = input;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: createBoltInstallationStore(input.installations),
    scopes: [...input.scopes],
    ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    installerOptions: {
      installPath: slackInstallPath,
      redirectUriPath: slackOAuthRedirectPath,
      // Straight to Slack's authorize page: no page of our own with an "Add to Slack" button.
      directInstall: true,
      ...(input.clientOptions ? { clientOptions: input.clientOptions } : {}),
      ...(apiUrl ? { authorizationUrl: new URL('/oauth/v2/authorize', apiUrl).toString() } : {}),
    },
  };
}
