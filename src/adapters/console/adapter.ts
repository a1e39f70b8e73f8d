import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  apology,
  type CommandRequest,
  type Core,
  commands,
  type Logger,
  parseCommandLine,
} from '../../core/index.ts';
import { renderBriefingAsText } from './render.ts';

/** What the console reads from and writes to; tests pass streams of their own. */
export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /**
   * A person at a terminal: greet, prompt, and read through readline's terminal mode (line
   * editing, history, tab completion of command names, Ctrl-C). Off when input is piped.
   */
  readonly interactive: boolean;
  /** Lines kept for the up arrow in interactive mode. */
  readonly historySize?: number;
  readonly width?: number;
  readonly logger: Logger;
  /**
   * Where a briefing's picture is written as PNG (the terminal shows text only); the console
   * prints the file's path under the briefing. Without it, no pictures are drawn.
   */
  readonly pictureDir?: string;
}

const user = { id: 'console', name: 'console' } as const;
const channel = { id: 'console', name: 'console' } as const;

/** Answers one typed line with the text the console would print. */
async function answerConsoleLine(
  core: Core,
  line: string,
  options: Pick<ConsoleOptions, 'width' | 'pictureDir'> = {},
): Promise<string> {
  const parsed = parseCommandLine(line, 'brief');
  const request: CommandRequest = {
    command: parsed.command,
    query: parsed.query,
    user,
    channel,
    platform: 'console',
  };
  // Nobody manages daily posts from a terminal: the context offers no manager check.
  const briefing = await core.handle(request, {});
  const text = renderBriefingAsText(
    briefing,
    options.width === undefined ? {} : { width: options.width },
  );
  if (!briefing.picture || options.pictureDir === undefined) return text;
  const image = await core.renderPicture(briefing.picture);
  if (!image) return text;
  await mkdir(options.pictureDir, { recursive: true });
  const file = path.resolve(options.pictureDir, image.fileName);
  await writeFile(file, image.png);
  return `${text}\nPicture: ${file}`;
}

/** How a console session ended, and how many lines it answered. */
export interface ConsoleSession {
  readonly ended: 'exit' | 'interrupt' | 'end-of-input';
  readonly answered: number;
}

/** What leaves the console, with or without the slash. */
const exitWords: ReadonlySet<string> = new Set(['exit', 'quit', '/exit', '/quit']);

/** Tab completion: the commands and the exit words that start with what is typed, if it starts with `/`. */
function completeCommand(line: string): [string[], string] {
  if (!/^\/\S*$/.test(line)) return [[], line];
  const names = [...commands.map((command) => `/${command.name}`), '/exit', '/quit'];
  return [names.filter((name) => name.startsWith(line)), line];
}

/**
 * Runs the console until input ends, the user types exit, quit, /exit or /quit, or presses Ctrl-C.
 * Each line is a command, as in a chat: `/agreement budapest`; a line without a slash is a
 * briefing query.
 */
export async function runConsole(core: Core, options: ConsoleOptions): Promise<ConsoleSession> {
  const lines = createInterface({
    input: options.input,
    output: options.output,
    // Terminal mode gives arrow keys, history and completion; piped input must not be echoed.
    terminal: options.interactive,
    historySize: options.interactive ? (options.historySize ?? 200) : 0,
    completer: completeCommand,
    prompt: 'trucebrief> ',
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const write = (text: string) => options.output.write(text);
  let ended: ConsoleSession['ended'] = 'end-of-input';
  let answered = 0;
  // In terminal mode readline turns Ctrl-C into this event instead of a signal to the process.
  lines.on('SIGINT', () => {
    ended = 'interrupt';
    write('\nInterrupted. Goodbye.\n');
    lines.close();
  });
  const prompt = () => {
    if (options.interactive) lines.prompt();
  };
  if (options.interactive) {
    write('trucebrief console. Type /help for the commands, /exit (or Ctrl-C) to leave.\n');
    prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (exitWords.has(line.toLowerCase())) {
      ended = 'exit';
      if (options.interactive) write('Goodbye.\n');
      break;
    }
    if (line !== '') {
      answered += 1;
      try {
        write(`${await answerConsoleLine(core, line, options)}\n`);
      } catch (error) {
        options.logger.error('console command failed', { line, error });
        write(`${apology}\n`);
      }
    }
    prompt();
  }
  lines.close();
  return { ended, answered };
}
