/**
 * The Logger port made real with pino: one JSON line an event on stderr (or a readable line on a
 * terminal), error stacks and causes included, and every secret taken out of the finished line,
 * wherever it hides (a context field, a message, a stack trace).
 */
import pino from 'pino';
import type { LogContext, Logger, LogLevel } from '../core/index.ts';
import { formatLogLine } from './log-format.ts';
import { createRedactor } from './redact.ts';

/** How log lines look: JSON for machines, one readable line for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** What a logger needs besides its level. */
export interface LoggerOptions {
  /** Values never to print (tokens, secrets, webhook URLs); replaced wherever they appear. */
  readonly secrets?: readonly string[];
  /** Default JSON. */
  readonly format?: LogFormat;
}

/**
 * Keys whose values are secrets whatever they hold: pino blanks them before the line is built
 * (a header or an option object logged whole), and the redactor catches the rest by value.
 */
const secretKeys = [
  'token',
  'password',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.password',
  '*.authorization',
  '*.headers.authorization',
];

/** A logger that writes one line a record to `write` (stderr by default). */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  options: LoggerOptions = {},
): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const pretty = options.format === 'pretty';
  const destination = {
    write: (line: string) => {
      const clean = redact(line);
      write(pretty ? formatLogLine(clean) : clean);
    },
  };
  const base = pino(
    {
      level,
      messageKey: 'message',
      // No pid or hostname on each line: the container or the supervisor already says which.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: secretKeys, censor: '[redacted]' },
    },
    destination,
  );
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, context?: LogContext): void => {
      if (!base.isLevelEnabled(at)) return;
      base[at](describeContext(context), message);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** The context with each error made plain data (pino would print `{}` for most). */
function describeContext(context: LogContext | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    record[key] = value instanceof Error ? describeError(value) : value;
  }
  return record;
}

/**
 * An error as data: name, message, stable code (ours, Node's, a driver's SQLSTATE, Slack's API
 * error), the stack and each cause in turn, a few levels deep.
 */
function describeError(error: Error, depth = 0): Record<string, unknown> {
  const code: unknown = Reflect.get(error, 'code');
  const data: unknown = Reflect.get(error, 'data');
  const apiError =
    typeof data === 'object' && data !== null ? Reflect.get(data, 'error') : undefined;
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(typeof apiError === 'string' ? { apiError } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause instanceof Error && depth < 4
      ? { cause: describeError(error.cause, depth + 1) }
      : error.cause !== undefined && depth < 4
        ? { cause: String(error.cause) }
        : {}),
  };
}
