/** Where a request came from. */
export type Platform = 'console' | 'slack' | 'discord';

/** The neutral request every adapter turns a platform event into. */
export interface CommandRequest {
  /** The command as typed, without the slash; the core answers names it does not know. */
  readonly command: string;
  /** Free text the user typed after the command, trimmed; empty when none. */
  readonly query: string;
  readonly user: { readonly id: string; readonly name?: string };
  readonly channel: { readonly id: string; readonly name?: string };
  readonly platform: Platform;
  /**
   * The platform's id for this interaction (Slack's trigger or event id, Discord's interaction
   * id), carried into every log line about it so its reply and any error can be found together.
   */
  readonly id?: string;
}

/** What the adapter tells the core about who asks: whether they may manage daily posts here. */
export interface DailyManagerCheck {
  readonly canManage: boolean;
  /** The person's (Slack) or server's (Discord) zone, the default for a new subscription. */
  readonly timeZone?: string;
}

/**
 * Whether daily posts can reach the channel, as the adapter found out when a subscription was
 * asked for: the bot is a `member`, `joined` it just now (Slack, a public channel), must be
 * invited first (`invite-needed`), or the platform would not say (`unknown`).
 */
export type DailyChannelStatus = 'member' | 'joined' | 'invite-needed' | 'unknown';

/**
 * How a platform offers the registry's commands, for the words that name them (help, the
 * unknown-command answer). Slack, for one, has no `/help`: a bare `/help` would collide with
 * every other app's, so help there is `/brief help`.
 */
export interface CommandNaming {
  /** The registry commands this platform offers; help lists only these. */
  readonly offered: readonly string[];
  /** What a person types there for the list of commands, e.g. `/brief help`. */
  readonly askForHelp: string;
}

/** What only the adapter knows about a request: where it came from and what the person may do. */
export interface RequestContext {
  /** How this platform names the commands; absent: every registry command, help as `/help`. */
  readonly commands?: CommandNaming;
  /** Slack team or Discord server id, stored with a daily subscription for delivery. */
  readonly workspaceId?: string;
  /**
   * May this person manage daily posts here? On Discord the Manage Channels permission; on Slack a
   * workspace admin or owner, or someone on the allow-list. Asked only by `/daily subscribe` and
   * `unsubscribe`, since on Slack the answer costs a users.info round trip; `wantsTimeZone` says
   * whether a default zone is needed too. Absent: nobody may manage here.
   */
  readonly dailyManager?: (wantsTimeZone: boolean) => Promise<DailyManagerCheck>;
  /**
   * Can the bot post daily briefings in this channel? Asked only when someone allowed to manage
   * it subscribes (on Slack it costs a round trip, and may join a public channel). Absent: the
   * platform needs no check (Discord answers only where the bot is).
   */
  readonly dailyChannel?: () => Promise<DailyChannelStatus>;
  /**
   * The app answers here as a person's own app, and its bot is not in this server (a Discord user
   * install): it can answer the person, but `/daily` could post nothing here.
   */
  readonly appOnly?: boolean;
}
