import type { ActionRequest, BriefingAction } from '../../core/index.ts';
import { type CommandName, isCommandName } from '../../core/index.ts';
import { discordLimits } from './limits.ts';

/** What a clicked button asks for: re-run a request, publicly when shared. */
export interface ButtonIntent {
  readonly type: BriefingAction['type'];
  readonly request: ActionRequest;
}

// `tb:` marks our buttons, so a click on anything else is ignored rather than misread.
const prefix = 'tb';
const pattern = /^tb:(share|run):([a-z][a-z0-9_-]*):([\s\S]*)$/;

/** The custom_id for a button, or undefined when it would not fit Discord's 100 characters. */
export function encodeCustomId(intent: ButtonIntent): string | undefined {
  const id = `${prefix}:${intent.type}:${intent.request.command}:${intent.request.query}`;
  return id.length <= discordLimits.component.customId ? id : undefined;
}

/** Reads a custom_id back; undefined for ids we did not make or commands that no longer exist. */
export function decodeCustomId(customId: string): ButtonIntent | undefined {
  const match = pattern.exec(customId);
  if (!match) return undefined;
  const [, type, command, query] = match;
  if ((type !== 'share' && type !== 'run') || command === undefined || query === undefined) {
    return undefined;
  }
  if (!isCommandName(command)) return undefined;
  const name: CommandName = command;
  return { type, request: { command: name, query } };
}
