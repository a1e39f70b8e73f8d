import { type CommandName, commands, isCommandName, maxQueryLength } from './commands.ts';

/** A command line typed as text (console, Slack mentions): the command as typed and its query. */
export interface ParsedCommandLine {
  /** A command name, or what was typed after the slash; the core answers names it does not know. */
  readonly command: string;
  readonly query: string;
}

/**
 * Parses `/agreement budapest` (the slash is optional) into a command and query.
 * Text that does not start with a command runs `defaultCommand` with the whole text as its query.
 */
export function parseCommandLine(text: string, defaultCommand: CommandName): ParsedCommandLine {
  const trimmed = text.trim();
  const match = /^\/?([a-z-]+)(?:\s+([\s\S]*))?$/i.exec(trimmed);
  const word = match?.[1]?.toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  if (word && isCommandName(word)) return { command: word, query: cleanQuery(rest) };
  if (trimmed.startsWith('/')) {
    const typed = word ?? trimmed.slice(1).split(/\s/)[0] ?? '';
    return { command: typed, query: cleanQuery(rest) };
  }
  return { command: defaultCommand, query: cleanQuery(trimmed) };
}

/** A typed query as the core takes it: runs of white space as one space, trimmed, clipped. */
export function cleanQuery(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, maxQueryLength);
}

/** Commands within two edits of what was typed, closest first. */
export function closestCommands(typed: string): CommandName[] {
  return commands
    .map((command) => ({
      name: command.name,
      distance: editDistance(typed.toLowerCase(), command.name),
    }))
    .filter((scored) => scored.distance <= 2 || scored.name.startsWith(typed.toLowerCase()))
    .sort((a, b) => a.distance - b.distance)
    .map((scored) => scored.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
