/** How loud the logs are; `LOG_LEVEL` picks one. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Context attached to a log line; never put secrets in it. */
export type LogContext = Readonly<Record<string, unknown>>;

/** The logger every part of the bot writes to; logs go to stderr so stdout stays for output. */
export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}
