import type { CommandName } from './commands.ts';

/** Where a request came from. */
export type Platform = 'console' | 'slack' | 'discord';

/** The neutral request every adapter turns a platform event into. */
export interface CommandRequest {
  readonly command: CommandName;
  /** Free text the user typed after the command, trimmed; empty when none. */
  readonly query: string;
  readonly user: { readonly id: string; readonly name?: string };
  readonly channel: { readonly id: string; readonly name?: string };
  readonly platform: Platform;
}
