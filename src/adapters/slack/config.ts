/** Slack settings; present when SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (OAuth) is set. */
export interface SlackConfig {
  /** One workspace: its bot token. Absent in OAuth mode, where each workspace has its own. */
  readonly botToken?: string;
  /** Many workspaces: installs through OAuth (HTTP mode only), tokens from the installation store. */
  readonly oauth?: SlackOAuthConfig;
  /** HTTP mode: requests arrive signed at /slack/events on `port`. */
  readonly signingSecret?: string;
  /** Socket Mode, when set: no public URL needed. */
  readonly appToken?: string;
  /** Web API base URL, e.g. a fake on 127.0.0.1 in tests; ends with a slash. */
  readonly apiUrl?: string;
  readonly port: number;
  /**
   * Slack user ids who may subscribe and unsubscribe channels to the daily briefing besides
   * workspace admins and owners (SLACK_DAILY_MANAGERS); empty when unset.
   */
  readonly dailyManagers: readonly string[];
}

/** Slack OAuth (installs in many workspaces): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET. */
export interface SlackOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the `state` of an install, so a redirect that did not start at /slack/install is refused. */
  readonly stateSecret: string;
  /** PUBLIC_BASE_URL + /slack/oauth_redirect; absent: the one redirect URL the app's settings name. */
  readonly redirectUri?: string;
}
