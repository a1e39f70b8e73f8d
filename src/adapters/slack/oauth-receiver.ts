import type { ServerResponse } from 'node:http';
import type { HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';
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
  readonly logger: Logger;
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
      callbackOptions: {
        failure: (error, _options, _request, response) => {
          answerFailedInstall(error.code, response, input.logger);
        },
      },
    },
  };
}

/**
 * Errors of the redirect that are the browser's side: no state or code, a state not signed here,
 * expired or from another browser, or the person pressed Cancel on Slack's page (Bolt's
 * AuthorizationError in the callback). Anything else (oauth.v2.access refused the code, the store
 * failed) is ours.
 */
const refusedInstall: ReadonlySet<string> = new Set([
  'slack_oauth_missing_state',
  'slack_oauth_invalid_state',
  'slack_oauth_missing_code',
  'slack_oauth_installer_authorization_error',
]);

/**
 * The page after a failed install: 400 with "start again" for the browser's errors, 500 for ours.
 * Bolt's default answers a cancelled install with 500, which reads as the bot failing. Nothing
 * from the request is echoed.
 */
function answerFailedInstall(code: string, response: ServerResponse, logger: Logger): void {
  const refused = refusedInstall.has(code);
  if (refused) logger.warn('Slack install refused', { code });
  else logger.error('Slack install failed', { code });
  const text = refused
    ? `The installation was cancelled, or its link expired or came from another browser. Start again at ${slackInstallPath}.`
    : 'Slack did not complete the installation. Please try again in a moment.';
  response.writeHead(refused ? 400 : 500, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>trucebrief</title></head><body><p>${text}</p></body></html>`,
  );
}
