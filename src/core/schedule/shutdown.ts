import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';

/** The signals that end the bot gracefully. */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/** Where signals come from: `process` in main.ts, an EventEmitter in tests. */
export interface SignalSource {
  once(event: ShutdownSignal, listener: () => void): unknown;
  removeListener(event: ShutdownSignal, listener: () => void): unknown;
}

/** How to shut down: the steps in order (stop the scheduler, stop adapters, close the store). */
export interface ShutdownConfig {
  readonly signals: SignalSource;
  readonly steps: readonly { readonly name: string; readonly run: () => Promise<void> }[];
  readonly logger: Logger;
  readonly clock: Clock;
  /** Gives up waiting after this and exits non-zero. Default 25 s (under Kubernetes' 30 s grace). */
  readonly timeoutMs?: number;
  /** Ends the process; main.ts passes `process.exit`. */
  readonly exit: (code: number) => void;
}

/**
 * On the first SIGTERM/SIGINT, runs the steps in order and exits 0 (1 if a step failed or time
 * ran out); a second signal exits at once. Returns a function that removes the listeners.
 */
export function handleShutdownSignals(config: ShutdownConfig): () => void {
  let started = false;
  const onSignal = (signal: ShutdownSignal) => () => {
    if (started) {
      config.logger.warn('second signal: exiting without waiting', { signal });
      config.exit(1);
      return;
    }
    started = true;
    config.logger.info('shutting down', { signal });
    // Listen again so a second signal forces the exit.
    config.signals.once(signal, listeners[signal]);
    void shutDown().then(config.exit);
  };
  const listeners: Record<ShutdownSignal, () => void> = {
    SIGTERM: onSignal('SIGTERM'),
    SIGINT: onSignal('SIGINT'),
  };
  const shutDown = async (): Promise<number> => {
    const deadline = new AbortController();
    const timeout = config.clock
      .sleep(config.timeoutMs ?? 25_000, deadline.signal)
      .then(() => 'timeout' as const)
      .catch(() => 'done' as const);
    const steps = (async () => {
      let code = 0;
      for (const step of config.steps) {
        try {
          await step.run();
        } catch (error) {
          code = 1;
          config.logger.error('shutdown step failed', { step: step.name, error });
        }
      }
      return code;
    })();
    const result = await Promise.race([steps, timeout]);
    deadline.abort();
    if (result === 'timeout') {
      config.logger.error('shutdown timed out', { timeoutMs: config.timeoutMs ?? 25_000 });
      return 1;
    }
    return result === 'done' ? 0 : result;
  };
  config.signals.once('SIGTERM', listeners.SIGTERM);
  config.signals.once('SIGINT', listeners.SIGINT);
  return () => {
    config.signals.removeListener('SIGTERM', listeners.SIGTERM);
    config.signals.removeListener('SIGINT', listeners.SIGINT);
  };
}
