import type { LogContext, Logger, LogLevel } from '../core/index.ts';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A logger that writes one JSON line a record to the given stream (stderr by default). */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>) => (message: string, context?: LogContext) => {
    if (rank[at] < rank[level]) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: at, message };
    for (const [key, value] of Object.entries(context ?? {})) {
      record[key] = value instanceof Error ? describeError(value) : value;
    }
    write(`${JSON.stringify(record)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function describeError(error: Error): Record<string, unknown> {
  const code = (error as Error & { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.cause instanceof Error ? { cause: describeError(error.cause) } : {}),
  };
}
