/**
 * `npm run discord:register`: registers the core's commands with Discord, to one server when
 * DISCORD_GUILD_ID is set (instant, for trying it) or globally. It sends nothing when Discord
 * already has the same commands, so running it twice changes nothing.
 */
import { toDiscordCommands } from '../src/adapters/discord/commands.ts';
import { describeRegistration, registerDiscordCommands } from '../src/adapters/discord/register.ts';
import { loadDotEnv } from '../src/bootstrap.ts';
import { commands } from '../src/core/index.ts';
import { parseScriptArgs } from '../src/script-args.ts';
import { ConfigError, parseConfig } from '../src/settings.ts';

parseScriptArgs(
  `usage: npm run discord:register
  registers the commands with DISCORD_GUILD_ID's server when it is set, else globally`,
  { options: {} },
);

try {
  loadDotEnv();
  const config = parseConfig(process.env);
  if (!config.discord) {
    throw new ConfigError([
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID: required to register commands',
    ]);
  }
  const result = await registerDiscordCommands(config.discord, toDiscordCommands(commands));
  process.stdout.write(`${describeRegistration(result)}\n`);
} catch (error) {
  // Config errors name variables, never values; Discord errors carry its message and code only.
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? ` (${String(error.code)})`
      : '';
  process.stderr.write(
    `discord:register failed${code}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
