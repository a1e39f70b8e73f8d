/** Slack settings; present when SLACK_BOT_TOKEN is set. */
export interface SlackConfig {
  readonly botToken: string;
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
