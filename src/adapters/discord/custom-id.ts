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
const pattern = /^tb:(share|run|report):([a-z][a-z0-9_-]*):([\s\S]*)$/;

/**
 * The custom_id for a button. A query too long for Discord's 100 characters is clipped at a word
 * where it can (the click re-runs the lookup, which forgives a missing tail); undefined only when
 * not even the command fits.
 */
export function encodeCustomId(intent: ButtonIntent): string | undefined {
  const head = `${prefix}:${intent.type}:${intent.request.command}:`;
  const room = discordLimits.component.customId - head.length;
  if (room < 0) return undefined;
  return head + clipQuery(intent.request.query, room);
}

function clipQuery(query: string, room: number): string {
  if (query.length <= room) return query;
  const cut = query.slice(0, room);
  const atWord = cut.lastIndexOf(' ');
  return (atWord > room / 2 ? cut.slice(0, atWord) : cut).trimEnd();
}

/** Reads a custom_id back; undefined for ids we did not make or commands that no longer exist. */
export function decodeCustomId(customId: string): ButtonIntent | undefined {
  const match = pattern.exec(customId);
  if (!match) return undefined;
  const [, type, command, query] = match;
  if (
    (type !== 'share' && type !== 'run' && type !== 'report') ||
    command === undefined ||
    query === undefined
  ) {
    return undefined;
  }
  if (!isCommandName(command)) return undefined;
  const name: CommandName = command;
  return { type, request: { command: name, query } };
}
