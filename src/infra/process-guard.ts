import type { Logger } from '../core/index.ts';

/** What the guard listens on: `process`, or an emitter standing in for it in tests. */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
}

/** Failures the process met since start, by kind; each log line carries the running count. */
export interface ProcessFailureCounts {
  readonly unhandledRejections: number;
  readonly uncaughtExceptions: number;
}

/**
 * Keeps one stray failure from ending the process silently. Node exits on an unhandled rejection
 * by default: a library promise nobody awaited (Bolt's receiver, a driver) would take every
 * channel down with it, so a rejection is logged, counted, and the bot keeps serving; the failed
 * operation already ended with its promise, and nothing was left half-done by it. An uncaught
 * exception unwound a synchronous stack at an unknown point, so state may be inconsistent
 * (https://nodejs.org/api/process.html#warning-using-uncaughtexception-correctly): it is logged
 * and counted, then the process exits 1 for the supervisor to restart it.
 */
export function guardProcess(
  target: GuardedProcess,
  logger: Logger,
  exit: (code: number) => void,
): () => ProcessFailureCounts {
  let unhandledRejections = 0;
  let uncaughtExceptions = 0;
  target.on('unhandledRejection', (reason) => {
    unhandledRejections += 1;
    logger.error('unhandled promise rejection; still serving', {
      error: reason,
      unhandledRejections,
    });
  });
  target.on('uncaughtException', (error, origin) => {
    uncaughtExceptions += 1;
    logger.error('uncaught exception; exiting for a restart', {
      error,
      origin,
      uncaughtExceptions,
    });
    exit(1);
  });
  return () => ({ unhandledRejections, uncaughtExceptions });
}
