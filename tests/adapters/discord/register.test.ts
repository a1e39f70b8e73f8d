import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDiscordCommands } from '../../../src/adapters/discord/commands.ts';
import { discordLimits } from '../../../src/adapters/discord/limits.ts';
import {
  describeDuplicates,
  describeRegistration,
  registerDiscordCommands,
} from '../../../src/adapters/discord/register.ts';
import { type CommandDefinition, commands } from '../../../src/core/index.ts';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.ts';
import { repoRoot } from '../../helpers/run-script.ts';
import { ids } from './interactions.ts';

/** The commands Discord registers: every registry command but those reached only by a button, then "Check this" on messages. */
const registered = [
  ...commands.filter((c: CommandDefinition) => !c.buttonOnly).map((c) => c.name),
  'Check this',
];

describe('toDiscordCommands', () => {
  it('declares every registry command with a string `query` option that autocompletes', () => {
    const json = toDiscordCommands(commands);
    expect(json.map((c) => c.name)).toEqual(registered);
    expect(json.find((c) => c.name === 'fact')).toEqual({
      type: 1,
      name: 'fact',
      description: commands.find((c) => c.name === 'fact')?.description,
      options: [
        {
          type: 3,
          name: 'query',
          description: 'A question or a name, e.g. when was Minsk II signed',
          required: true,
          autocomplete: true,
          max_length: 200,
        },
      ],
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    expect(json.find((c) => c.name === 'timeline')).toEqual({
      type: 1,
      name: 'timeline',
      description: 'Timeline of the key dated events and agreements',
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
  });

  it('offers "Check this" on messages, installable by a server or a user, usable anywhere', () => {
    expect(toDiscordCommands(commands).find((c) => c.name === 'Check this')).toEqual({
      type: 3,
      name: 'Check this',
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
  });

  it('keeps names and descriptions within what Discord accepts', () => {
    for (const command of toDiscordCommands(commands)) {
      // A message command's name is a label (spaces, capitals), shown in the Apps menu.
      if (command.type === 3 || !('description' in command)) {
        expect(command.name.length).toBeLessThanOrEqual(32);
        continue;
      }
      expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(command.description.length).toBeLessThanOrEqual(discordLimits.command.description);
      expect(command.options?.length ?? 0).toBeLessThanOrEqual(discordLimits.command.options);
    }
  });

  it('maps subcommands and restricts a command whose every subcommand needs a manager', () => {
    const daily: CommandDefinition = {
      name: 'daily',
      description: 'Daily briefing in this channel',
      usage: '/daily subscribe|unsubscribe',
      examples: ['/daily subscribe 09:00'],
      options: [],
      subcommands: [
        {
          name: 'subscribe',
          description: 'Post a briefing here every day',
          requiresManager: true,
          options: [{ name: 'time', description: 'HH:MM, UTC', required: false, maxLength: 5 }],
        },
        { name: 'unsubscribe', description: 'Stop it', requiresManager: true, options: [] },
      ],
    };
    const [json] = toDiscordCommands([daily]);
    expect(json).toEqual({
      type: 1,
      name: 'daily',
      description: 'Daily briefing in this channel',
      default_member_permissions: '16',
      options: [
        {
          type: 1,
          name: 'subscribe',
          description: 'Post a briefing here every day',
          options: [
            { type: 3, name: 'time', description: 'HH:MM, UTC', required: false, max_length: 5 },
          ],
        },
        { type: 1, name: 'unsubscribe', description: 'Stop it' },
      ],
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    const [mixed] = toDiscordCommands([
      {
        ...daily,
        subcommands: [
          ...(daily.subcommands ?? []),
          { name: 'status', description: 'Show it', options: [] },
        ],
      },
    ]);
    expect(mixed).toHaveProperty('default_member_permissions', '16');
    const [open] = toDiscordCommands([
      { ...daily, subcommands: [{ name: 'status', description: 'Show it', options: [] }] },
    ]);
    expect(open).not.toHaveProperty('default_member_permissions');
  });
});

describe('registerDiscordCommands', () => {
  let discord: FakeDiscord;

  beforeEach(async () => {
    discord = await createFakeDiscord({ applicationId: ids.application });
  });
  afterEach(async () => {
    await discord.close();
  });

  const config = () => ({
    token: 'test-token',
    applicationId: ids.application,
    guildId: ids.guild,
    apiUrl: discord.apiUrl,
  });
  /**
   * Runs `scripts/discord-register.ts` as `npm run discord:register` does, from an empty directory
   * with a minimal environment, so no developer's .env or variables leak into the run.
   */
  async function runRegister(
    cwd: string,
    env: Record<string, string>,
    args: readonly string[] = [],
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    const script = path.join(repoRoot, 'scripts/discord-register.ts');
    try {
      const { stdout, stderr } = await promisify(execFile)(tsx, [script, ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  const puts = () => discord.requests.filter((r) => r.method === 'PUT');
  const toGuild = { target: { scope: 'guild', guildId: ids.guild } } as const;
  const toGlobal = { target: { scope: 'global' } } as const;
  /** What a server's set is sent: the commands without the fields Discord reads globally only. */
  const guildSet = () =>
    toDiscordCommands(commands).map(({ contexts: _c, integration_types: _i, ...c }) => c);

  it('registers to one server, then changes nothing when run again', async () => {
    const desired = toDiscordCommands(commands);
    const first = await registerDiscordCommands(config(), desired, toGuild);
    expect(first).toMatchObject({ scope: 'guild', changed: true, updated: [], removed: [] });
    expect(first.created).toEqual(registered);
    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.path).toBe(`/applications/${ids.application}/guilds/${ids.guild}/commands`);
    expect(puts()[0]?.body).toEqual(guildSet());
    expect(puts()[0]?.authorization).toBe('Bot test-token');

    const second = await registerDiscordCommands(config(), desired, toGuild);
    expect(second.changed).toBe(false);
    expect(second.unchanged).toEqual(registered);
    expect(puts()).toHaveLength(1);
    expect(describeRegistration(second)).toBe(
      `Discord commands for server ${ids.guild} are up to date (${registered.length}): nothing sent.`,
    );
  });

  it('overwrites when a description changed or a command was retired', async () => {
    const desired = toDiscordCommands(commands);
    await registerDiscordCommands(
      config(),
      [
        ...desired.map((c) => (c.name === 'fact' ? { ...c, description: 'Old wording' } : c)),
        { type: 1, name: 'retired', description: 'No longer offered' },
      ],
      toGuild,
    );
    const result = await registerDiscordCommands(config(), desired, toGuild);
    expect(result).toMatchObject({
      changed: true,
      created: [],
      updated: ['fact (description)'],
      removed: ['retired'],
    });
    expect(describeRegistration(result)).toBe(
      `Discord commands for server ${ids.guild}: updated fact (description); removed retired.`,
    );
    expect(puts()).toHaveLength(2);
  });

  it('registers globally without a server id', async () => {
    const { guildId: _unused, ...global } = config();
    const result = await registerDiscordCommands(global, toDiscordCommands(commands), toGlobal);
    expect(result.scope).toBe('global');
    expect(puts()[0]?.path).toBe(`/applications/${ids.application}/commands`);
    // Installed to servers and to users, used in servers, the bot's DMs and group DMs, as declared.
    for (const command of discord.commands.get('global') ?? []) {
      expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    }
    const again = await registerDiscordCommands(global, toDiscordCommands(commands), toGlobal);
    expect(again.changed).toBe(false);
  });

  it('given global commands with Discord default contexts, updates them to both installs', async () => {
    const { guildId: _unused, ...global } = config();
    const defaults = toDiscordCommands(commands).map(
      ({ contexts: _c, integration_types: _i, ...c }) => c,
    );
    await registerDiscordCommands(global, defaults, toGlobal);
    const result = await registerDiscordCommands(global, toDiscordCommands(commands), toGlobal);
    expect(result.updated).toContain('brief (contexts, integration_types)');
  });

  it('given a dry run, reports the difference and sends nothing', async () => {
    const result = await registerDiscordCommands(config(), toDiscordCommands(commands), {
      ...toGuild,
      dryRun: true,
    });
    expect(result.created).toEqual(registered);
    expect(describeRegistration(result)).toMatch(
      /^Discord commands for server \d+: would create brief, .*\. \(dry run: nothing sent\)$/,
    );
    expect(puts()).toHaveLength(0);
  });

  it('given --remove, empties that set and leaves the other', async () => {
    const { guildId: _unused, ...global } = config();
    await registerDiscordCommands(global, toDiscordCommands(commands), toGlobal);
    await registerDiscordCommands(config(), toDiscordCommands(commands), toGuild);
    const result = await registerDiscordCommands(config(), toDiscordCommands(commands), {
      ...toGuild,
      remove: true,
    });
    expect(result.removed).toEqual(registered);
    expect(result.shownTwiceIn).toBeUndefined();
    expect(discord.commands.get(ids.guild)).toEqual([]);
    expect(discord.commands.get('global')).toHaveLength(registered.length);
  });

  it('given a server set and the global set, warns that every command shows twice there', async () => {
    const { guildId: _unused, ...global } = config();
    const first = await registerDiscordCommands(global, toDiscordCommands(commands), {
      ...toGlobal,
      checkGuildId: ids.guild,
    });
    expect(first.shownTwiceIn).toBeUndefined();
    const second = await registerDiscordCommands(config(), toDiscordCommands(commands), toGuild);
    expect(second.shownTwiceIn).toBe(ids.guild);
    expect(describeDuplicates(second)).toBe(
      `Warning: server ${ids.guild} has its own commands and the global ones, so every command shows twice there. Keep one set; to remove the other: npm run discord:register -- --global --remove`,
    );
  });

  // Each spawns npm and a TypeScript process or two: seconds apiece on a loaded machine.
  it('npm run discord:register twice: registers, then reports nothing to do', {
    timeout: 60_000,
  }, async () => {
    // An empty working directory, so no developer's .env can leak into the run.
    const cwd = await mkdtemp(path.join(tmpdir(), 'trucebrief-register-'));
    try {
      const env = {
        DISCORD_TOKEN: 'test-token',
        DISCORD_APPLICATION_ID: ids.application,
        DISCORD_GUILD_ID: ids.guild,
        DISCORD_API_URL: discord.apiUrl,
      };
      const first = await runRegister(cwd, env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Discord commands for server \d+: created brief, obstacle/);
      const second = await runRegister(cwd, env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/up to date \(\d+\): nothing sent\.$/m);
      expect(puts()).toHaveLength(1);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  /** Runs the script from an empty directory against the fake, with Discord settings. */
  async function runRegisterHere(args: readonly string[]) {
    const cwd = await mkdtemp(path.join(tmpdir(), 'trucebrief-register-'));
    try {
      return await runRegister(
        cwd,
        {
          DISCORD_TOKEN: 'test-token',
          DISCORD_APPLICATION_ID: ids.application,
          DISCORD_API_URL: discord.apiUrl,
        },
        args,
      );
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }

  // Each spawns npm and a TypeScript process or two: seconds apiece on a loaded machine.
  it('npm run discord:register -- --help prints the usage and touches nothing', async () => {
    const help = await runRegisterHere(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run discord:register/);
    const both = await runRegisterHere(['--guild', ids.guild, '--global']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    expect(discord.requests).toHaveLength(0);
  }, 60_000);

  // Each spawns npm and a TypeScript process or two: seconds apiece on a loaded machine.
  it('npm run discord:register -- --dry-run prints the difference and sends nothing', async () => {
    const dry = await runRegisterHere(['--guild', ids.guild, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would create brief/);
    expect(puts()).toHaveLength(0);
  }, 60_000);

  // Each spawns npm and a TypeScript process or two: seconds apiece on a loaded machine.
  it('npm run discord:register: --global, then --guild warns of doubles, --remove clears them', async () => {
    await runRegisterHere(['--global']);
    const guild = await runRegisterHere(['--guild', ids.guild]);
    expect(guild.code).toBe(0);
    expect(guild.stderr).toContain('every command shows twice there');
    const removed = await runRegisterHere(['--guild', ids.guild, '--remove']);
    expect(removed.stdout).toMatch(/removed brief/);
    expect(removed.stderr).toBe('');
    expect(discord.commands.get(ids.guild)).toEqual([]);
  }, 60_000);

  // Each spawns npm and a TypeScript process or two: seconds apiece on a loaded machine.
  it('npm run discord:register without Discord settings names what is missing', {
    timeout: 60_000,
  }, async () => {
    const result = await runRegister(tmpdir(), {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});
