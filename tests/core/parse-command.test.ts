import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/core/index.ts';

describe('parseCommandLine', () => {
  it('splits a slash command from its query', () => {
    expect(parseCommandLine('/agreement   budapest  memorandum', 'brief')).toEqual({
      ok: true,
      command: 'agreement',
      query: 'budapest memorandum',
    });
  });

  it('accepts a command without the slash, as typed after a mention', () => {
    expect(parseCommandLine('fact when was minsk ii signed', 'brief')).toEqual({
      ok: true,
      command: 'fact',
      query: 'when was minsk ii signed',
    });
  });

  it('treats plain text as a query for the default command', () => {
    expect(parseCommandLine('minsk 2', 'brief')).toEqual({
      ok: true,
      command: 'brief',
      query: 'minsk 2',
    });
  });

  it('given an unknown slash command, suggests the closest ones', () => {
    expect(parseCommandLine('/agreemnt budapest', 'brief')).toEqual({
      ok: false,
      typed: 'agreemnt',
      suggestions: ['agreement'],
    });
  });

  it('clips very long queries', () => {
    const parsed = parseCommandLine(`/brief ${'a'.repeat(1000)}`, 'brief');
    expect(parsed.ok && parsed.query.length).toBe(200);
  });
});
