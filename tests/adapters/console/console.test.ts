import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, runConsole } from '../../../src/adapters/console/adapter.ts';
import { renderBriefingAsText, wrap } from '../../../src/adapters/console/render.ts';
import type { Core } from '../../../src/core/index.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import { fixtureCore } from '../../helpers/fixture-core.ts';

let core: Core;
beforeAll(async () => {
  core = await fixtureCore();
});

async function session(input: string, interactive = false): Promise<string> {
  return (await sessionWithEnd(input, interactive)).printed;
}

/** Runs the real console over in-memory streams; interactive mode uses readline's terminal mode. */
async function sessionWithEnd(
  input: string,
  interactive: boolean,
): Promise<{ printed: string } & ConsoleSession> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let printed = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => {
    printed += chunk;
  });
  const done = runConsole(core, {
    input: stdin,
    output: stdout,
    interactive,
    width: 72,
    logger: createLogger('silent'),
  });
  stdin.end(input);
  const ended = await done;
  return { printed, ...ended };
}

describe('console adapter', () => {
  it('answers each piped line in order and returns at end of input', async () => {
    const printed = await session('/brief\n/agreement budapest\n');
    const overview = printed.indexOf('The obstacles to a Kyiv-Moscow truce');
    const budapest = printed.indexOf('Budapest Memorandum\n');
    expect(overview).toBeGreaterThanOrEqual(0);
    expect(budapest).toBeGreaterThan(overview);
    expect(printed).not.toContain('trucebrief>');
  });

  it('checks a message typed after /check, claim by claim, and lists /check in help', async () => {
    const printed = await session('/check Minsk II was signed in 2014\n/help\n');
    expect(printed).toContain('Checked against the record');
    expect(printed).toContain('the record says');
    expect(printed).toContain('/check text');
  });

  it('shows dates, wrapped text and sources readably', async () => {
    const printed = await session('/agreement budapest memorandum\n');
    expect(printed).toContain('Signed: 5 December 1994, Budapest, Hungary');
    expect(printed).toMatch(/Sources\n-+\n\[1\] Budapest Memorandum \(Wikipedia\):/);
    for (const line of printed.split('\n')) {
      // URLs are never broken; everything else wraps at the width.
      if (!line.includes('https://')) expect(line.length).toBeLessThanOrEqual(72);
    }
  });

  it('given an unknown command, suggests the right one', async () => {
    expect(await session('/agreemnt budapest\n')).toContain(
      'Unknown command /agreemnt. Did you mean /agreement?',
    );
  });

  it('given a fact question, prints the answer first with its date', async () => {
    const printed = await session('/fact who signed minsk 2\n');
    expect(printed).toMatch(/Answer\n-+\n\* 12 February 2015: Signed by Heidi Tagliavini/);
  });

  it('in interactive mode, greets, prompts and stops at exit', async () => {
    const printed = await session('/help\nexit\n/brief\n', true);
    expect(printed.startsWith('trucebrief console.')).toBe(true);
    expect(printed).toContain('trucebrief> ');
    expect(printed).not.toContain('The obstacles to a Kyiv-Moscow truce');
  });

  it('given /exit or /quit, says goodbye and stops reading', async () => {
    for (const word of ['/exit', '/quit', 'quit']) {
      const run = await sessionWithEnd(`${word}\n/brief\n`, true);
      expect(run.printed).toContain('Goodbye.');
      expect(run.printed).not.toContain('The obstacles to a Kyiv-Moscow truce');
      expect(run).toMatchObject({ ended: 'exit', answered: 0 });
    }
    // Piped, /exit ends quietly: a script's output stays the answers alone.
    const piped = await sessionWithEnd('/exit\n/brief\n', false);
    expect(piped).toEqual({ printed: '', ended: 'exit', answered: 0 });
  });

  it('given Ctrl-C at the prompt, leaves with a word instead of vanishing', async () => {
    const run = await sessionWithEnd('\u0003/brief\n', true);
    expect(run.printed).toContain('Interrupted. Goodbye.');
    expect(run.printed).not.toContain('The obstacles to a Kyiv-Moscow truce');
    expect(run.ended).toBe('interrupt');
  });

  it('completes a command name with Tab', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let printed = '';
    const completed = new Promise<void>((resolve) => {
      stdout.setEncoding('utf8').on('data', (chunk: string) => {
        printed += chunk;
        if (printed.includes('/agreement')) resolve();
      });
    });
    const done = runConsole(core, {
      input: stdin,
      output: stdout,
      interactive: true,
      logger: createLogger('silent'),
    });
    // As a person types: Tab, then the rest once the line shows the completed name.
    stdin.write('/agreem\t');
    await completed;
    stdin.end(' budapest\n');
    await done;
    expect(printed).toContain('Signed: 5 December 1994, Budapest, Hungary');
  });

  it('recalls the previous line with the up arrow, not printing escape codes as input', async () => {
    const run = await sessionWithEnd('/agreement budapest\n\u001b[A\n', true);
    expect(run.answered).toBe(2);
    expect(run.printed.split('Signed: 5 December 1994').length - 1).toBe(2);
    expect(run.printed).not.toContain('No match');
  });
});

describe('renderBriefingAsText', () => {
  it('renders every block type of a full briefing', async () => {
    const text = renderBriefingAsText(
      await core.handle(
        {
          command: 'fact',
          query: 'minsk ii',
          user: { id: 'u' },
          channel: { id: 'c' },
          platform: 'console',
        },
        {},
      ),
    );
    expect(text).toContain('Share in channel: type /fact minsk ii');
    expect(text).toContain('Key facts');
  });

  it('wraps at word boundaries and keeps long words whole', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap(`see ${'x'.repeat(20)}`, 10)).toEqual(['see', 'x'.repeat(20)]);
  });
});
