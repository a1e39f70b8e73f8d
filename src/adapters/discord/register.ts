import { REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { DiscordCommandJson } from './commands.ts';
import type { DiscordConfig } from './config.ts';

/** What `discord:register` did: nothing when Discord already had these commands, else one bulk overwrite. */
export interface RegistrationResult {
  readonly scope: 'guild' | 'global';
  readonly guildId?: string;
  readonly changed: boolean;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Registers slash commands with Discord, computed as a difference: it reads what Discord has and
 * sends the bulk overwrite only when something differs, so running it twice changes nothing.
 * With `guildId` the commands reach one server instantly; global commands reach every server.
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerDiscordCommands(
  config: DiscordConfig,
  commands: readonly DiscordCommandJson[],
): Promise<RegistrationResult> {
  const rest = createDiscordRest(config);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const scope = config.guildId
    ? ({ scope: 'guild', guildId: config.guildId } as const)
    : ({ scope: 'global' } as const);

  // Validated rather than cast: what we compare against must really have the shape we read.
  const current = registeredCommandsSchema.parse(await rest.get(route));
  const diff = diffCommands(current, commands);
  const changed = diff.created.length + diff.updated.length + diff.removed.length > 0;
  if (changed) await rest.put(route, { body: commands });
  return { ...scope, changed, ...diff };
}

/** A REST client for our config: the real API, or the override in DISCORD_API_URL. */
function createDiscordRest(config: DiscordConfig): REST {
  return new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(
    config.token,
  );
}

/** One line a person can read: what changed, or that nothing did. */
export function describeRegistration(result: RegistrationResult): string {
  const where = result.guildId ? `server ${result.guildId}` : 'all servers (global)';
  if (!result.changed) {
    return `Discord commands for ${where} are up to date (${result.unchanged.length}): nothing sent.`;
  }
  const parts = [
    result.created.length > 0 ? `created ${result.created.join(', ')}` : '',
    result.updated.length > 0 ? `updated ${result.updated.join(', ')}` : '',
    result.removed.length > 0 ? `removed ${result.removed.join(', ')}` : '',
  ].filter((part) => part !== '');
  return `Discord commands for ${where}: ${parts.join('; ')}.`;
}

/** Compares what Discord has with what we declare, on the fields we set. */
function diffCommands(
  current: readonly ComparableCommand[],
  desired: readonly DiscordCommandJson[],
): Pick<RegistrationResult, 'created' | 'updated' | 'removed' | 'unchanged'> {
  const currentByName = new Map(current.map((command) => [command.name, command]));
  const desiredNames = new Set(desired.map((command) => command.name));
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const command of desired) {
    const existing = currentByName.get(command.name);
    if (!existing) created.push(command.name);
    else if (JSON.stringify(normalize(existing)) !== JSON.stringify(normalize(command))) {
      updated.push(command.name);
    } else unchanged.push(command.name);
  }
  const removed = current.map((c) => c.name).filter((name) => !desiredNames.has(name));
  return { created, updated, removed, unchanged };
}

interface ComparableOption {
  readonly type: number;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean | undefined;
  readonly autocomplete?: boolean | undefined;
  readonly max_length?: number | undefined;
  readonly min_length?: number | undefined;
  readonly options?: readonly ComparableOption[] | undefined;
}

const optionSchema: z.ZodType<ComparableOption> = z.looseObject({
  type: z.number(),
  name: z.string(),
  description: z.string(),
  required: z.boolean().optional(),
  autocomplete: z.boolean().optional(),
  max_length: z.number().optional(),
  min_length: z.number().optional(),
  options: z.array(z.lazy(() => optionSchema)).optional(),
});

/** The fields of a registered command we compare; Discord adds ids, versions and defaults. */
const commandSchema = z.looseObject({
  type: z.number().optional(),
  name: z.string(),
  description: z.string(),
  options: z.array(optionSchema).optional(),
  default_member_permissions: z.string().nullable().optional(),
});

const registeredCommandsSchema = z.array(commandSchema);

/** A command as both sides can show it: what Discord returns, or what we declare. */
interface ComparableCommand {
  readonly type?: number | undefined;
  readonly name: string;
  readonly description: string;
  readonly options?: readonly ComparableOption[] | undefined;
  readonly default_member_permissions?: string | null | undefined;
}

function normalize(command: ComparableCommand): unknown {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description,
    default_member_permissions: command.default_member_permissions ?? null,
    options: (command.options ?? []).map(normalizeOption),
  };
}

function normalizeOption(option: ComparableOption): unknown {
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    max_length: option.max_length ?? null,
    min_length: option.min_length ?? null,
    options: (option.options ?? []).map(normalizeOption),
  };
}
