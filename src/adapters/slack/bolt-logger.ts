import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';

/** Bolt's logger interface over ours, so Bolt's own warnings land in the same JSON log. */
export function createBoltLogger(logger: Logger): BoltLogger {
  const join = (parts: unknown[]): string =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: (...parts: unknown[]) => logger.debug(join(parts), { source: name }),
    info: (...parts: unknown[]) => logger.info(join(parts), { source: name }),
    warn: (...parts: unknown[]) => logger.warn(join(parts), { source: name }),
    error: (...parts: unknown[]) => logger.error(join(parts), { source: name }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
