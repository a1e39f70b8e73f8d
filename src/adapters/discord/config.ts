/** Discord settings; present when DISCORD_TOKEN is set. */
export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  /** Registers commands to this server only (instant), instead of globally. */
  readonly guildId?: string;
  /** REST API base URL, e.g. a fake on 127.0.0.1 in tests. */
  readonly apiUrl?: string;
}

/** HTTP interactions mode (DISCORD_PUBLIC_KEY): Discord POSTs interactions to /discord/interactions. */
export interface DiscordInteractionsConfig {
  readonly applicationId: string;
  /** The application's Ed25519 public key, 64 hex characters, that signs every request. */
  readonly publicKey: string;
  /** Only for daily posts and the editors' digest: replies need no bot token. */
  readonly token?: string;
  /** REST API base URL, e.g. a fake on 127.0.0.1 in tests. */
  readonly apiUrl?: string;
}
