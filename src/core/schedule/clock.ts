/** Time as the scheduler sees it; tests drive a manual one instead of waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason if aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Why a sleep ended early. */
export class SleepAbortedError extends Error {
  constructor() {
    super('sleep aborted');
    this.name = 'SleepAbortedError';
  }
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new SleepAbortedError());
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(new SleepAbortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** A clock whose time only moves when told to. */
export interface ManualClock extends Clock {
  /** Sets the time; earlier sleeps fire in order. */
  set(instant: number): Promise<void>;
  /** Moves time forward, firing sleeps that fall due, in order, letting each one's work run. */
  advance(ms: number): Promise<void>;
  /** Sleeps not yet due. */
  pending(): number;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A manual clock for tests. With `autoAdvance` it becomes a virtual clock: whenever every task is
 * asleep, time jumps to the next wake-up, so minutes of rate-limited fan-out run in milliseconds.
 */
export function createManualClock(
  start: number,
  options: { readonly autoAdvance?: boolean } = {},
): ManualClock {
  let current = start;
  let seq = 0;
  let timers: Timer[] = [];
  let draining = false;

  const fireDue = () => {
    const due = timers.filter((timer) => timer.at <= current);
    timers = timers.filter((timer) => timer.at > current);
    due.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const timer of due) timer.resolve();
  };

  // Virtual time: after the event loop has drained (setImmediate twice lets pending I/O land),
  // jump to the earliest sleeper and wake it.
  const autoDrain = () => {
    if (draining || !options.autoAdvance) return;
    draining = true;
    const step = () => {
      setImmediate(() =>
        setImmediate(() => {
          const next = timers.reduce<Timer | undefined>(
            (min, t) => (!min || t.at < min.at || (t.at === min.at && t.seq < min.seq) ? t : min),
            undefined,
          );
          if (!next) {
            draining = false;
            return;
          }
          current = Math.max(current, next.at);
          fireDue();
          step();
        }),
      );
    };
    step();
  };

  const clock: ManualClock = {
    now: () => current,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new SleepAbortedError());
          return;
        }
        if (ms <= 0) {
          resolve();
          return;
        }
        const timer: Timer = {
          at: current + ms,
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          timers = timers.filter((t) => t !== timer);
          reject(new SleepAbortedError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        autoDrain();
      }),
    set: async (instant) => {
      await clock.advance(instant - current);
    },
    advance: async (ms) => {
      const target = current + ms;
      for (;;) {
        const next = timers
          .filter((t) => t.at <= target)
          .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!next) break;
        current = Math.max(current, next.at);
        fireDue();
        await settle();
      }
      current = Math.max(current, target);
      await settle();
    },
    pending: () => timers.length,
  };
  return clock;
}
