import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  apology,
  type CommandRequest,
  type Core,
  type Logger,
  parseCommandLine,
} from '../../core/index.ts';
import { renderBriefingAsText } from './render.ts';

/** What the console reads from and writes to; tests pass streams of their own. */
export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Show a prompt and a greeting; off when input is piped. */
  readonly interactive: boolean;
  readonly width?: number;
  readonly logger: Logger;
}

const user = { id: 'console', name: 'console' } as const;
const channel = { id: 'console', name: 'console' } as const;

/** Answers one typed line with the text the console would print. */
async function answerConsoleLine(
  core: Core,
  line: string,
  options: Pick<ConsoleOptions, 'width'> = {},
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
  return renderBriefingAsText(
    briefing,
    options.width === undefined ? {} : { width: options.width },
  );
}

/**
 * Runs the console until input ends (or the user types exit). Each line is a command, as in a chat:
 * `/agreement budapest`; a line without a slash is a briefing query.
 */
export async function runConsole(core: Core, options: ConsoleOptions): Promise<void> {
  const lines = createInterface({
    input: options.input,
    terminal: false,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const write = (text: string) => options.output.write(text);
  const prompt = () => {
    if (options.interactive) write('trucebrief> ');
  };
  if (options.interactive) {
    write('trucebrief console. Type /help for the commands, exit to leave.\n');
    prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line !== '') {
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
}
