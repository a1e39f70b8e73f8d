import { REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { DiscordCommandJson } from './commands.ts';
import type { DiscordConfig } from './config.ts';

/** Where a set of commands lives: one server (instant, for trying it) or every server (global). */
export type RegistrationScope =
  | { readonly scope: 'guild'; readonly guildId: string }
  | { readonly scope: 'global' };

/** What `discord:register` did, or with `dryRun` would do: the difference, command by command. */
export interface RegistrationResult {
  readonly scope: 'guild' | 'global';
  readonly guildId?: string;
  readonly dryRun: boolean;
  readonly changed: boolean;
  readonly created: readonly string[];
  /** Commands whose fields differ, each as `name (field, field)`. */
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
  /**
   * A server that has both its own set and the global set once this is done: every command shows
   * twice there. Only checked for a server we know (the one registered to, or `checkGuildId`).
   */
  readonly shownTwiceIn?: string;
}

/** How to register: where, whether to remove the set instead, and whether only to report. */
export interface RegistrationOptions {
  readonly target: RegistrationScope;
  /** Remove every command of the target set instead of registering ours. */
  readonly remove?: boolean;
  /** Read and compare only; send nothing. */
  readonly dryRun?: boolean;
  /** With a global target: the server to check for a set of its own (DISCORD_GUILD_ID). */
  readonly checkGuildId?: string;
}

/**
 * Registers slash commands with Discord, computed as a difference: it reads what Discord has and
 * sends the bulk overwrite only when something differs, so running it twice changes nothing.
 * Removing a set is the same overwrite with no commands. A server's own set and the global set add
 * up in that server (each command is listed twice), so the other set is read and reported.
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerDiscordCommands(
  config: DiscordConfig,
  commands: readonly DiscordCommandJson[],
  options: RegistrationOptions,
): Promise<RegistrationResult> {
  const rest = createDiscordRest(config);
  const { target } = options;
  const route = commandsRoute(config.applicationId, target);
  // Discord reads contexts and integration_types for global commands only; a server's set leaves
  // them out so what we compare is what Discord keeps.
  const wanted = options.remove
    ? []
    : target.scope === 'guild'
      ? commands.map(({ contexts: _c, integration_types: _i, ...command }) => command)
      : commands;

  // Validated rather than cast: what we compare against must really have the shape we read.
  const current = registeredCommandsSchema.parse(await rest.get(route));
  const diff = diffCommands(current, wanted);
  const changed = diff.created.length + diff.updated.length + diff.removed.length > 0;
  if (changed && !options.dryRun) await rest.put(route, { body: wanted });

  const guildToCheck = target.scope === 'guild' ? target.guildId : options.checkGuildId;
  let shownTwiceIn: string | undefined;
  if (guildToCheck !== undefined && wanted.length > 0) {
    const other: RegistrationScope =
      target.scope === 'guild' ? { scope: 'global' } : { scope: 'guild', guildId: guildToCheck };
    const otherSet = registeredCommandsSchema.parse(
      await rest.get(commandsRoute(config.applicationId, other)),
    );
    const ours = new Set(wanted.map((command) => command.name));
    if (otherSet.some((command) => ours.has(command.name))) shownTwiceIn = guildToCheck;
  }
  return {
    ...target,
    dryRun: options.dryRun === true,
    changed,
    ...diff,
    ...(shownTwiceIn ? { shownTwiceIn } : {}),
  };
}

function commandsRoute(applicationId: string, target: RegistrationScope): `/${string}` {
  return target.scope === 'guild'
    ? Routes.applicationGuildCommands(applicationId, target.guildId)
    : Routes.applicationCommands(applicationId);
}

/** A REST client for our config: the real API, or the override in DISCORD_API_URL. */
function createDiscordRest(config: DiscordConfig): REST {
  return new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(
    config.token,
  );
}

/** One line a person can read: what changed (or would), or that nothing did. */
export function describeRegistration(result: RegistrationResult): string {
  const where = result.guildId ? `server ${result.guildId}` : 'all servers (global)';
  if (!result.changed) {
    return `Discord commands for ${where} are up to date (${result.unchanged.length}): nothing sent.`;
  }
  const verbs = result.dryRun
    ? { created: 'would create', updated: 'would update', removed: 'would remove' }
    : { created: 'created', updated: 'updated', removed: 'removed' };
  const parts = [
    result.created.length > 0 ? `${verbs.created} ${result.created.join(', ')}` : '',
    result.updated.length > 0 ? `${verbs.updated} ${result.updated.join(', ')}` : '',
    result.removed.length > 0 ? `${verbs.removed} ${result.removed.join(', ')}` : '',
  ].filter((part) => part !== '');
  const tail = result.dryRun ? ' (dry run: nothing sent)' : '';
  return `Discord commands for ${where}: ${parts.join('; ')}.${tail}`;
}

/** The warning for a server that lists every command twice, with the way out; undefined if none. */
export function describeDuplicates(result: RegistrationResult): string | undefined {
  if (result.shownTwiceIn === undefined) return undefined;
  const removeOther =
    result.scope === 'guild'
      ? 'npm run discord:register -- --global --remove'
      : `npm run discord:register -- --guild ${result.shownTwiceIn} --remove`;
  return `Warning: server ${result.shownTwiceIn} has its own commands and the global ones, so every command shows twice there. Keep one set; to remove the other: ${removeOther}`;
}

/** Compares what Discord has with what we declare, on the fields we set. */
function diffCommands(
  current: readonly ComparableCommand[],
  desired: readonly ComparableCommand[],
): Pick<RegistrationResult, 'created' | 'updated' | 'removed' | 'unchanged'> {
  const currentByName = new Map(current.map((command) => [command.name, command]));
  const desiredNames = new Set(desired.map((command) => command.name));
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const command of desired) {
    const existing = currentByName.get(command.name);
    if (!existing) {
      created.push(command.name);
      continue;
    }
    const was = normalize(existing);
    const wanted = normalize(command);
    const fields = Object.keys(wanted).filter(
      (key) => JSON.stringify(was[key]) !== JSON.stringify(wanted[key]),
    );
    if (fields.length > 0) updated.push(`${command.name} (${fields.join(', ')})`);
    else unchanged.push(command.name);
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
  // Message commands have no description: Discord returns "".
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  default_member_permissions: z.string().nullable().optional(),
  contexts: z.array(z.number()).nullable().optional(),
  integration_types: z.array(z.number()).optional(),
});

const registeredCommandsSchema = z.array(commandSchema);

/** A command as both sides can show it: what Discord returns, or what we declare. */
interface ComparableCommand {
  readonly type?: number | undefined;
  readonly name: string;
  readonly description?: string | undefined;
  readonly options?: readonly ComparableOption[] | undefined;
  readonly default_member_permissions?: string | null | undefined;
  readonly contexts?: readonly number[] | null | undefined;
  readonly integration_types?: readonly number[] | undefined;
}

function normalize(command: ComparableCommand): Record<string, unknown> {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    default_member_permissions: command.default_member_permissions ?? null,
    options: (command.options ?? []).map(normalizeOption),
    // Null and absent both mean Discord's default; a server's commands carry neither.
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? null,
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
