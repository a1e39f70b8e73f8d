import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import {
  type CommandDefinition,
  type CommandNaming,
  type CommandOptionDefinition,
  commands,
  type SubcommandDefinition,
} from '../../core/index.ts';
import { discordLimits } from './limits.ts';
import { truncate } from './text.ts';

/** A command as Discord's bulk-overwrite endpoint receives it: a slash command or a message's menu entry. */
export type DiscordCommandJson =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/**
 * The message context-menu command (Apps → "Check this" on any message): `/check` on the
 * message's text. Its name is what people see in the menu, so it is written as a label.
 */
const checkMessageCommandName = 'Check this';

/**
 * Who may run a manager-only command by default: people who can manage the channel. Server
 * admins can still change it under Server Settings → Integrations.
 * https://discord.com/developers/docs/interactions/application-commands#permissions
 */
const managerPermissions = PermissionFlagsBits.ManageChannels.toString();

/**
 * Where the commands may be used. The app installs to a server (the bot joins, and can post daily
 * briefings) and to a user (a journalist's own `/fact`, `/brief` and "Check this" anywhere: in
 * servers without the bot, in DMs with it and in group DMs). Where the bot is not a member, the
 * adapter keeps to what Discord allows a user-installed app (follow-ups, visibility), and `/daily`
 * says it needs the bot in the server. Discord reads both fields for global commands only;
 * register.ts leaves them out of a server's set.
 * https://discord.com/developers/docs/interactions/application-commands#interaction-contexts
 */
const integrationTypes = [
  ApplicationIntegrationType.GuildInstall,
  ApplicationIntegrationType.UserInstall,
];
const contexts = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

/**
 * Maps the core's command registry to Discord's slash-command JSON, in the registry's order.
 * Commands reached only through a button (`/report`, from "Report a problem") are not registered.
 */
export function toDiscordCommands(
  definitions: readonly CommandDefinition[],
): readonly DiscordCommandJson[] {
  const slash = definitions.filter((definition) => !definition.buttonOnly).map(toDiscordCommand);
  // "Check this" is `/check` on a message: offered wherever `/check` is.
  if (!definitions.some((definition) => definition.name === 'check')) return slash;
  return [
    ...slash,
    {
      type: ApplicationCommandType.Message,
      name: checkMessageCommandName,
      integration_types: integrationTypes,
      contexts,
    },
  ];
}

/** What the core needs to word help for Discord: the registered commands, help as `/help`. */
export const discordCommandNaming: CommandNaming = {
  offered: commands.filter((command: CommandDefinition) => !command.buttonOnly).map((c) => c.name),
  askForHelp: '/help',
};

function toDiscordCommand(
  definition: CommandDefinition,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const subcommands = definition.subcommands ?? [];
  const options: APIApplicationCommandOption[] =
    subcommands.length > 0 ? subcommands.map(toSubcommand) : definition.options.map(toOption);
  // Discord sets default permissions per command, not per subcommand. The daily-posts issue asks for
  // Manage Channels as /daily's default, so a command with any manager-only subcommand gets it;
  // server admins can widen it in Server Settings → Integrations, and the daily service still checks
  // each subcommand when it runs.
  const managerOnly =
    requiresManager(definition) || subcommands.some((sub) => sub.requiresManager === true);
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: truncate(definition.description, discordLimits.command.description),
    ...(options.length > 0 ? { options } : {}),
    ...(managerOnly ? { default_member_permissions: managerPermissions } : {}),
    integration_types: integrationTypes,
    contexts,
  };
}

function toSubcommand(definition: SubcommandDefinition): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: definition.name,
    description: truncate(definition.description, discordLimits.command.description),
    ...(definition.options.length > 0 ? { options: definition.options.map(toOption) } : {}),
  };
}

function toOption(option: CommandOptionDefinition): APIApplicationCommandBasicOption {
  const autocomplete = (option.autocomplete?.length ?? 0) > 0;
  return {
    type: ApplicationCommandOptionType.String,
    name: option.name,
    description: truncate(option.description, discordLimits.command.description),
    required: option.required,
    ...(autocomplete ? { autocomplete: true } : {}),
    ...(option.maxLength === undefined
      ? {}
      : { max_length: Math.min(option.maxLength, discordLimits.command.stringOptionMaxLength) }),
  };
}

/** Whether a definition is manager-only; read structurally so later registry fields need no change here. */
function requiresManager(definition: CommandDefinition): boolean {
  return 'requiresManager' in definition && definition.requiresManager === true;
}
