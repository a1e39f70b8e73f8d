import { describe, expect, it } from 'vitest';
import { readScriptArgs } from '../src/script-args.ts';

const spec = { options: { json: { type: 'boolean' } }, positionals: true } as const;

describe('readScriptArgs', () => {
  it('given --help anywhere before --, asks for the help', () => {
    expect(readScriptArgs(['lookup', '--help'], spec)).toEqual({ kind: 'help' });
    expect(readScriptArgs(['-h'], spec)).toEqual({ kind: 'help' });
    expect(readScriptArgs(['--nope', '--help'], spec)).toEqual({ kind: 'help' });
  });

  it('given --help after --, reads it as a word', () => {
    expect(readScriptArgs(['lookup', '--', '--help'], spec)).toEqual({
      kind: 'run',
      values: {},
      positionals: ['lookup', '--help'],
    });
  });

  it('given an unknown option, refuses it by name', () => {
    const result = readScriptArgs(['lookup', '--jsno', 'minsk'], spec);
    expect(result.kind).toBe('usage-error');
    expect(result.kind === 'usage-error' && result.message).toContain("'--jsno'");
  });

  it('given words where none are taken, refuses them', () => {
    expect(readScriptArgs(['stray'], { options: {} }).kind).toBe('usage-error');
  });

  it('given known options and words, returns them typed', () => {
    expect(readScriptArgs(['lookup', '--json', 'minsk', '2'], spec)).toEqual({
      kind: 'run',
      values: { json: true },
      positionals: ['lookup', 'minsk', '2'],
    });
  });
});
