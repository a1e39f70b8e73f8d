/**
 * `npm run discord:register`: registers the core's commands with Discord, to one server (instant,
 * for trying it) or globally (every server, the way to run it for real). It sends nothing when
 * Discord already has the same commands, so running it twice changes nothing; `--dry-run` prints
 * the difference and sends nothing at all.
 */
import '../src/require-node.ts';
import { toDiscordCommands } from '../src/adapters/discord/commands.ts';
import {
  describeDuplicates,
  describeRegistration,
  type RegistrationScope,
  registerDiscordCommands,
} from '../src/adapters/discord/register.ts';
import { loadDotEnv } from '../src/bootstrap.ts';
import { commands } from '../src/core/index.ts';
import { exitWithUsage, parseScriptArgs } from '../src/script-args.ts';
import { ConfigError, parseConfig } from '../src/settings.ts';

const usage = `usage: npm run discord:register [-- [--guild ID | --global] [--remove] [--dry-run]]
  --guild ID   register to one server: instant, for trying the bot
  --global     register to every server (takes effect within an hour or so on Discord's side)
               neither: DISCORD_GUILD_ID's server when it is set, else global
  --remove     remove every command of that set instead of registering ours
  --dry-run    print the difference between what Discord has and what we would send; send nothing
Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (environment or .env).`;

const { values } = parseScriptArgs(usage, {
  options: {
    guild: { type: 'string' },
    global: { type: 'boolean' },
    remove: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
});
if (values.guild !== undefined && values.global) {
  exitWithUsage(usage, 'Give --guild ID or --global, not both.');
}
if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
  exitWithUsage(usage, '--guild: expected a numeric server (guild) id.');
}

try {
  loadDotEnv();
  const config = parseConfig(process.env);
  if (!config.discord) {
    throw new ConfigError([
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID: required to register commands',
    ]);
  }
  const guildId = values.guild ?? (values.global ? undefined : config.discord.guildId);
  const target: RegistrationScope =
    guildId === undefined ? { scope: 'global' } : { scope: 'guild', guildId };
  const result = await registerDiscordCommands(config.discord, toDiscordCommands(commands), {
    target,
    remove: values.remove === true,
    dryRun: values['dry-run'] === true,
    ...(config.discord.guildId ? { checkGuildId: config.discord.guildId } : {}),
  });
  process.stdout.write(`${describeRegistration(result)}\n`);
  const duplicates = describeDuplicates(result);
  if (duplicates) process.stderr.write(`${duplicates}\n`);
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
