import type { Logger, PlatformAdapter } from './core/index.ts';
import type { AppConfig } from './settings.ts';

/** A start-up step whose failure main.ts turns into one line naming the setting behind it. */
export type StartupStep = 'store' | 'health server' | 'HTTP server' | PlatformAdapter['platform'];

/**
 * The one line to print when a start-up step fails, naming the setting to check; never a secret
 * value (tokens and the database password stay out, host, port and paths are printed).
 * Undefined when the error is not one a setting explains.
 */
function describeStartupFailure(
  step: StartupStep,
  error: unknown,
  config: AppConfig,
): string | undefined {
  const code = findCode(error);
  switch (step) {
    case 'store':
      return config.databaseUrl
        ? describePostgresFailure(config.databaseUrl, code)
        : `DATA_DIR: could not create or open the SQLite store in ${config.dataDir} (${code ?? 'unknown error'}); check the directory exists or can be created, and that this user may write to it`;
    case 'slack':
      if (code === 'EADDRINUSE')
        return `PORT: port ${config.port} is already in use; stop what listens there or set PORT to a free port`;
      if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive')
        return `SLACK_BOT_TOKEN: Slack rejected the bot token (${code}); check it is the Bot User OAuth Token (xoxb-…) of an app installed in the workspace`;
      if (code === 'invalid_auth_app_token' || code === 'not_allowed_token_type')
        return `SLACK_APP_TOKEN: Slack rejected the app-level token (${code}); check it is an xapp-… token with the connections:write scope`;
      return undefined;
    case 'discord':
      if (code === 'TokenInvalid')
        return 'DISCORD_TOKEN: Discord rejected the bot token (TokenInvalid); check it is the bot token from the Developer Portal (Bot → Reset Token) for DISCORD_APPLICATION_ID';
      if (code === 'DisallowedIntents')
        return 'DISCORD_TOKEN: Discord refused the gateway intents (DisallowedIntents); check the privileged intents in the Developer Portal (Bot → Privileged Gateway Intents)';
      return undefined;
    case 'console':
      return undefined;
    case 'health server':
      if (code === 'EADDRINUSE' || code === 'EACCES')
        return `HEALTH_PORT: could not listen on port ${config.healthPort} (${code}); stop what listens there or set HEALTH_PORT to a free port`;
      return undefined;
    case 'HTTP server':
      // Discord's interactions endpoint (DISCORD_PUBLIC_KEY) without Slack's HTTP mode.
      if (code === 'EADDRINUSE' || code === 'EACCES')
        return `PORT: could not listen on port ${config.port} for /discord/interactions (${code}); stop what listens there or set PORT to a free port`;
      return undefined;
  }
}

/**
 * Runs one start-up step; on a failure a setting explains, prints that one line on stderr, logs
 * the cause at debug level only, and ends the process with 1. Other failures go on as before.
 */
export async function startStep<T>(
  step: StartupStep,
  context: { config: AppConfig; logger: Logger; exit: (code: number) => never },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const line = describeStartupFailure(step, error, context.config);
    if (line === undefined) throw error;
    context.logger.debug('start-up step failed', { step, error });
    process.stderr.write(`${line}\n`);
    return context.exit(1);
  }
}

const postgresHints: Record<string, string> = {
  ECONNREFUSED: 'connection refused; check the server is running and the URL’s host and port',
  ENOTFOUND: 'host not found; check the URL’s host name',
  EAI_AGAIN: 'host name lookup failed; check the URL’s host name and the DNS',
  ETIMEDOUT: 'connection timed out; check the URL’s host and port and any firewall between',
  EHOSTUNREACH: 'host unreachable; check the URL’s host and the network',
  '28P01': 'password authentication failed; check the user name and password in the URL',
  '28000': 'the server refused this user; check the user name in the URL and pg_hba.conf',
  '3D000': 'the database does not exist; check the database name in the URL or create it',
  '42501': 'permission denied; check the user may create tables in the database',
};

function describePostgresFailure(databaseUrl: string, code: string | undefined): string {
  let where = 'the configured server';
  try {
    const url = new URL(databaseUrl);
    where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    // Not a URL the settings check let through; the line names the setting all the same.
  }
  const hint =
    (code && postgresHints[code]) ??
    `${code ?? 'unknown error'}; check the server is running and the URL’s host, port, user and database`;
  return `DATABASE_URL: could not connect to PostgreSQL at ${where} (${hint})`;
}

/**
 * The deepest code on the error or its causes: Node's `code` (ECONNREFUSED, EADDRINUSE), pg's SQLSTATE,
 * discord.js's `code` (TokenInvalid), or Slack's Web API `data.error` (invalid_auth). Connecting to
 * `localhost` may try ::1 and 127.0.0.1 and fail with an AggregateError holding one error each.
 */
function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const data: unknown = Reflect.get(error, 'data');
  const slackError =
    typeof data === 'object' && data !== null ? Reflect.get(data, 'error') : undefined;
  if (typeof slackError === 'string') return slackError;
  // The deepest code first: our StoreError (STORE_FAILED) wraps the driver's error that says why.
  const found = findCode(Reflect.get(error, 'cause'), depth + 1);
  if (found) return found;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = findCode(inner, depth + 1);
      if (innerCode) return innerCode;
    }
  }
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string' && code !== 'slack_webapi_platform_error') return code;
  return undefined;
}
