import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardProcess } from '../../src/infra/process-guard.ts';
import { createRecordingLogger } from '../adapters/slack/helpers.ts';

describe('the process guard', () => {
  const guarded = () => {
    const target = new EventEmitter();
    const { logger, records } = createRecordingLogger();
    const exits: number[] = [];
    const counts = guardProcess(target, logger, (code) => exits.push(code));
    return { target, records, exits, counts };
  };

  it('logs and counts an unhandled rejection, and keeps the process running', () => {
    const { target, records, exits, counts } = guarded();
    target.emit(
      'unhandledRejection',
      new TypeError("Cannot read properties of null (reading 'ssl_check')"),
    );
    target.emit('unhandledRejection', 'a bare string');
    expect(exits).toEqual([]);
    expect(counts()).toEqual({ unhandledRejections: 2, uncaughtExceptions: 0 });
    expect(records[0]).toMatchObject({
      level: 'error',
      message: 'unhandled promise rejection; still serving',
      unhandledRejections: 1,
      error: { name: 'TypeError', message: "Cannot read properties of null (reading 'ssl_check')" },
    });
    expect(records[1]).toMatchObject({ error: 'a bare string', unhandledRejections: 2 });
  });

  it('logs and counts an uncaught exception, then exits 1 for a restart', () => {
    const { target, records, exits, counts } = guarded();
    target.emit('uncaughtException', new Error('state unknown'), 'uncaughtException');
    expect(exits).toEqual([1]);
    expect(counts().uncaughtExceptions).toBe(1);
    expect(records[0]).toMatchObject({
      level: 'error',
      message: 'uncaught exception; exiting for a restart',
      origin: 'uncaughtException',
      error: { message: 'state unknown' },
    });
  });
});
