import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/core/index.ts';

describe('parseCommandLine', () => {
  it('splits a slash command from its query', () => {
    expect(parseCommandLine('/agreement   budapest  memorandum', 'brief')).toEqual({
      command: 'agreement',
      query: 'budapest memorandum',
    });
  });

  it('accepts a command without the slash, as typed after a mention', () => {
    expect(parseCommandLine('fact when was minsk ii signed', 'brief')).toEqual({
      command: 'fact',
      query: 'when was minsk ii signed',
    });
  });

  it('treats plain text as a query for the default command', () => {
    expect(parseCommandLine('minsk 2', 'brief')).toEqual({
      command: 'brief',
      query: 'minsk 2',
    });
  });

  it('given an unknown slash command, keeps what was typed for the core to answer', () => {
    expect(parseCommandLine('/agreemnt budapest', 'brief')).toEqual({
      command: 'agreemnt',
      query: 'budapest',
    });
  });

  it('clips very long queries', () => {
    const parsed = parseCommandLine(`/brief ${'a'.repeat(1000)}`, 'brief');
    expect(parsed.query.length).toBe(200);
  });
});
