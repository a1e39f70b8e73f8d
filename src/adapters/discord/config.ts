/** Discord settings; present when DISCORD_TOKEN is set. */
export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  /** Registers commands to this server only (instant), instead of globally. */
  readonly guildId?: string;
  /** REST API base URL, e.g. a fake on 127.0.0.1 in tests. */
  readonly apiUrl?: string;
}
