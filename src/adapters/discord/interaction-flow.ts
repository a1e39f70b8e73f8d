/**
 * The one translation between a Discord interaction and the core, shared by the gateway adapter
 * (adapter.ts) and the HTTP interactions endpoint (http-interactions.ts). Each mode reads its
 * interaction into a `DiscordInteraction` and answers through an `InteractionResponder`; what the
 * core is asked and what Discord receives is decided here, once.
 */
import {
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  DiscordAPIError,
  MessageFlags,
} from 'discord.js';
import {
  apology,
  type Briefing,
  type CheckMemory,
  type CommandRequest,
  type Core,
  composeCheckExpired,
  findCommand,
  isCommandName,
  type LogContext,
  type Logger,
  type RequestContext,
  sharedBy,
  withShareReference,
} from '../../core/index.ts';
import { discordCommandNaming } from './commands.ts';
import { decodeCustomId } from './custom-id.ts';
import { discordLimits } from './limits.ts';
import { attachPicture, drawPicture, type PictureFile } from './picture.ts';
import {
  asChannelPost,
  type DiscordButtonRow,
  type DiscordMessagePayload,
  renderBriefingForDiscord,
} from './render.ts';
import { type ReportAnswers, reportModal, reportQueryOf } from './report-modal.ts';
import { truncate } from './text.ts';

/**
 * Discord error codes that mean "the bot may not do that here".
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const permissionErrorCodes: ReadonlySet<number | string> = new Set([
  50001, // Missing Access
  50013, // Missing Permissions
]);

/** What only Discord can go wrong with; everything else is the core's `apology`. */
const replies = {
  missingPermission:
    'I do not have permission to post here. Ask a server admin to let me send messages and embed links in this channel.',
  staleButton: 'That button no longer works. Run the command again.',
} as const;

/** A slash command option as both discord.js and Discord's JSON carry it. */
export interface CommandOptionData {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean | undefined;
  readonly options?: readonly CommandOptionData[] | undefined;
}

/** What every interaction says about who asked, and where. */
interface InteractionOrigin {
  readonly id: string;
  readonly user: { readonly id: string; readonly username: string };
  readonly channelId?: string;
  readonly channelName?: string;
  readonly guildId?: string;
  /**
   * The app answers as a person's own (user-installed) app where its bot is not: Discord lists
   * only the user install among the interaction's authorizing owners.
   * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-authorizing-integration-owners-object
   */
  readonly appOnly?: boolean;
}

/** A Discord interaction read into what the translation needs, whichever mode received it. */
export type DiscordInteraction = InteractionOrigin &
  (
    | {
        readonly kind: 'autocomplete';
        readonly command: string;
        /** The option being typed into; absent when Discord names none. */
        readonly focused?: { readonly name: string; readonly value: string };
      }
    | {
        readonly kind: 'command';
        readonly command: string;
        readonly options: readonly CommandOptionData[];
        /** Manage Channels (or Administrator) where the command was run: may manage /daily. */
        readonly canManageChannels: boolean;
      }
    | {
        /** "Check this" on a message (a message context-menu command): its text is checked. */
        readonly kind: 'check-message';
        /** The message's text; empty for an attachment-only message. */
        readonly text: string;
      }
    | {
        readonly kind: 'button';
        readonly customId: string;
        /** Whether the clicked message is one only the clicker sees. */
        readonly fromEphemeral: boolean;
      }
    | {
        readonly kind: 'modal';
        readonly customId: string;
        /** The form's answers; undefined when they cannot be read. */
        readonly answers: ReportAnswers | undefined;
      }
  );

/** One message to send in answer: mentions are always off, whatever the responder. */
export interface DiscordReply {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly DiscordButtonRow[];
  /** `MessageFlags.Ephemeral` when only the requester should see it. */
  readonly flags?: number;
  /** The picture, shown in the first embed through `attachment://`. */
  readonly files?: readonly PictureFile[];
}

/**
 * How a mode answers an interaction: the gateway through discord.js's interaction methods, HTTP
 * mode with its response body first and the interaction's webhook after.
 */
export interface InteractionResponder {
  /** True once the interaction has been answered or deferred. */
  readonly acknowledged: boolean;
  /** The first answer, a new message (CHANNEL_MESSAGE_WITH_SOURCE). */
  reply(message: DiscordReply): Promise<void>;
  /** The first answer to a button, replacing the clicked message (UPDATE_MESSAGE). */
  update(message: DiscordReply): Promise<void>;
  /** Acknowledges now and answers later with `edit` (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE). */
  defer(flags: number | undefined): Promise<void>;
  /** Replaces the deferred answer (PATCH …/messages/@original). */
  edit(message: DiscordReply): Promise<void>;
  /** Another message after the first, through the interaction's webhook. */
  followUp(message: DiscordReply): Promise<void>;
  /** Opens a form (MODAL). */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<void>;
  /** Autocomplete's answer (APPLICATION_COMMAND_AUTOCOMPLETE_RESULT). */
  suggest(choices: readonly APIApplicationCommandOptionChoice<string>[]): Promise<void>;
  /**
   * Told before a picture is drawn for the first answer, with that answer's visibility: a mode
   * that can upload a file only by editing (HTTP) defers now, so drawing never costs Discord's
   * 3 seconds, and answers `reply`/`update` by editing after.
   */
  preparingUpload?(mode: 'reply' | 'update', flags: number | undefined): Promise<void>;
}

/** What the translation needs besides the interaction. */
export interface InteractionFlowDeps {
  readonly core: Core;
  readonly logger: Logger;
  /** The texts checked lately, for their Share buttons (custom ids stop at 100 characters). */
  readonly checks: CheckMemory;
}

/**
 * Answers one interaction through the core. Never throws: a failure is logged with the
 * interaction's context and the person is told politely, when they still can be.
 */
export async function handleDiscordInteraction(
  deps: InteractionFlowDeps,
  interaction: DiscordInteraction,
  responder: InteractionResponder,
): Promise<void> {
  try {
    switch (interaction.kind) {
      case 'autocomplete':
        await onAutocomplete(deps, interaction, responder);
        return;
      case 'command':
        await onCommand(deps, interaction, responder);
        return;
      case 'check-message':
        await onCheckMessage(deps, interaction, responder);
        return;
      case 'button':
        await onButton(deps, interaction, responder);
        return;
      case 'modal':
        await onModalSubmit(deps, interaction, responder);
        return;
      default:
        interaction satisfies never;
    }
  } catch (error) {
    await onFailure(deps.logger, interaction, responder, error);
  }
}

async function onAutocomplete(
  { core }: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'autocomplete' }>,
  responder: InteractionResponder,
): Promise<void> {
  const { command, focused } = interaction;
  if (focused?.name !== 'query' || !isCommandName(command)) {
    await responder.suggest([]);
    return;
  }
  const { choices: max, choiceName, choiceValue } = discordLimits.autocomplete;
  const choices = core
    .autocomplete(command, focused.value, max)
    .filter((suggestion) => suggestion.value !== '')
    .slice(0, max)
    .map((suggestion) => ({
      name: truncate(suggestion.title || suggestion.value, choiceName),
      // A clipped title still finds its entry when chosen: lookup reads names by their words.
      value: suggestion.value.slice(0, choiceValue).trimEnd(),
    }));
  await responder.suggest(choices);
}

/** The query a slash command stands for, as it would be typed after the command elsewhere. */
function commandQueryOf(options: readonly CommandOptionData[]): string {
  // Subcommands and their values read as they would typed after the command on Slack or
  // in the console, e.g. `/daily subscribe 07:30 Europe/Kyiv` → query `subscribe 07:30 Europe/Kyiv`.
  const [first] = options;
  const subcommand = first?.type === subcommandType ? first : undefined;
  const values = (subcommand ? (subcommand.options ?? []) : options)
    .map((option) => option.value)
    .filter((value) => value !== undefined)
    .map(String);
  return [subcommand?.name ?? '', ...values].join(' ').trim();
}

/** ApplicationCommandOptionType.Subcommand. */
const subcommandType = 1;

async function onCommand(
  deps: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'command' }>,
  responder: InteractionResponder,
): Promise<void> {
  // A command registered by an older version of the bot reaches the core too, which says so.
  const command = interaction.command;
  const request = toRequest(interaction, command, commandQueryOf(interaction.options));
  const context: RequestContext = {
    ...contextOf(interaction),
    dailyManager: async () => ({ canManage: interaction.canManageChannels }),
  };
  if (findCommand(command)?.waitsOnStore) {
    // The store may be slow (a remote database): acknowledge within Discord's 3 seconds first.
    // Every /daily answer is private, so the deferred reply is too.
    await responder.defer(MessageFlags.Ephemeral);
    await deliver(deps, responder, await deps.core.handle(request, context), 'edit', interaction);
    return;
  }
  const briefing = await deps.core.handle(request, context);
  // A check's Share points to the remembered text: a custom id stops at 100 characters.
  await deliver(
    deps,
    responder,
    command === 'check'
      ? withShareReference(
          briefing,
          deps.checks.remember({ text: request.query, channel: interaction.channelId ?? '' }),
        )
      : briefing,
    'reply',
    interaction,
  );
}

/** "Check this" on a message: its text goes to the core as `/check`; the answer is private. */
async function onCheckMessage(
  deps: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'check-message' }>,
  responder: InteractionResponder,
): Promise<void> {
  // An attachment-only message has no text; the core says there is nothing to check.
  const briefing = await deps.core.handle(
    toRequest(interaction, 'check', interaction.text),
    contextOf(interaction),
  );
  const ref = deps.checks.remember({
    text: interaction.text,
    channel: interaction.channelId ?? '',
  });
  await deliver(deps, responder, withShareReference(briefing, ref), 'reply', interaction);
}

/**
 * A check's Share: the check is run again from the remembered message and posted for the
 * channel as the answer to the click, saying who shared it (a mention that pings nobody).
 */
async function onShareCheck(
  deps: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'button' }>,
  responder: InteractionResponder,
  ref: string,
): Promise<void> {
  const remembered = deps.checks.recall(ref);
  if (!remembered) {
    await deliver(deps, responder, composeCheckExpired(deps.core.knowledge), 'reply', interaction);
    return;
  }
  const briefing = await deps.core.handle(
    toRequest(interaction, 'check', remembered.text),
    contextOf(interaction),
  );
  await deliver(
    deps,
    responder,
    asChannelPost(briefing),
    'reply',
    interaction,
    sharedBy(`<@${interaction.user.id}>`),
  );
}

async function onButton(
  deps: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'button' }>,
  responder: InteractionResponder,
): Promise<void> {
  const intent = decodeCustomId(interaction.customId);
  if (!intent) {
    await responder.reply(ephemeral(replies.staleButton));
    return;
  }
  if (
    intent.type === 'share' &&
    intent.request.command === 'check' &&
    deps.checks.isReference(intent.request.query)
  ) {
    await onShareCheck(deps, interaction, responder, intent.request.query);
    return;
  }
  // The report form; its submission comes back as a modal submit (below). A target the
  // knowledge no longer has goes to the core as it is, which says so.
  const form = intent.type === 'report' ? deps.core.reportForm(intent.request.query) : undefined;
  if (form) {
    await responder.showModal(reportModal(form, intent.request.query));
    return;
  }
  const briefing = await deps.core.handle(
    toRequest(interaction, intent.request.command, intent.request.query),
    contextOf(interaction),
  );
  if (intent.type === 'share') {
    // Sharing posts the same answer for the whole channel; a share button on it has no use.
    await deliver(deps, responder, asChannelPost(briefing), 'reply', interaction);
    return;
  }
  // "Did you mean" on a private answer replaces that answer in place when the new one is
  // private too; otherwise the answer is a new message with the visibility the core chose.
  const mode =
    interaction.fromEphemeral && briefing.visibility === 'ephemeral' ? 'update' : 'reply';
  await deliver(deps, responder, briefing, mode, interaction);
}

/** A submitted report form: `/report` through the core, thanked privately. */
async function onModalSubmit(
  deps: InteractionFlowDeps,
  interaction: Extract<DiscordInteraction, { kind: 'modal' }>,
  responder: InteractionResponder,
): Promise<void> {
  const query = reportQueryOf(interaction.customId, interaction.answers);
  if (query === undefined) {
    await responder.reply(ephemeral(replies.staleButton));
    return;
  }
  await responder.defer(MessageFlags.Ephemeral);
  const briefing = await deps.core.handle(
    toRequest(interaction, 'report', query),
    contextOf(interaction),
  );
  await deliver(deps, responder, briefing, 'edit', interaction);
}

async function deliver(
  { core, logger }: InteractionFlowDeps,
  responder: InteractionResponder,
  briefing: Briefing,
  mode: 'reply' | 'update' | 'edit',
  interaction: DiscordInteraction,
  content?: string,
): Promise<void> {
  const [first, ...all] = renderBriefingForDiscord(briefing);
  // A user's own app where its bot is not may follow up only so often.
  const rest = interaction.appOnly ? all.slice(0, discordLimits.interaction.userAppFollowUps) : all;
  if (briefing.picture && mode !== 'edit') await responder.preparingUpload?.(mode, first.flags);
  // The picture rides on the first message, shown in its first embed.
  const { embeds, files } = attachPicture(first.embeds, await drawPicture(core, briefing, logger));
  const withFiles = files.length > 0 ? { files } : {};
  if (mode === 'edit') {
    // Editing the deferred reply (PATCH …/messages/@original) keeps its visibility.
    await responder.edit({ embeds, components: first.components, ...withFiles });
  } else if (mode === 'update') {
    // An update keeps the message's visibility, so it carries no flags.
    await responder.update({ embeds, components: first.components, ...withFiles });
  } else {
    await responder.reply({
      ...toReply(first),
      embeds,
      ...withFiles,
      ...(content ? { content } : {}),
    });
  }
  // Follow-ups go through the interaction's webhook, valid for 15 minutes; we send them at once.
  for (const payload of rest) await responder.followUp(toReply(payload));
}

async function onFailure(
  logger: Logger,
  interaction: DiscordInteraction,
  responder: InteractionResponder,
  error: unknown,
): Promise<void> {
  const code = error instanceof DiscordAPIError ? error.code : undefined;
  const context: LogContext = {
    error,
    ...(code === undefined ? {} : { discordCode: code }),
    ...(error instanceof DiscordAPIError ? { status: error.status, method: error.method } : {}),
    requestId: interaction.id,
    interactionType: interaction.kind,
    ...('command' in interaction ? { command: interaction.command } : {}),
    ...('customId' in interaction ? { customId: interaction.customId } : {}),
    guildId: interaction.guildId ?? null,
    channelId: interaction.channelId ?? null,
    userId: interaction.user.id,
  };
  const missingPermission = code !== undefined && permissionErrorCodes.has(code);
  logger.error(
    missingPermission
      ? 'discord interaction failed: missing permission'
      : 'discord interaction failed',
    context,
  );
  try {
    if (interaction.kind === 'autocomplete') {
      if (!responder.acknowledged) await responder.suggest([]);
      return;
    }
    const message = ephemeral(missingPermission ? replies.missingPermission : apology);
    if (responder.acknowledged) await responder.followUp(message);
    else await responder.reply(message);
  } catch (secondary) {
    logger.warn('discord: could not tell the user about a failure', {
      error: secondary,
      requestId: interaction.id,
    });
  }
}

function toRequest(
  interaction: DiscordInteraction,
  command: CommandRequest['command'],
  query: string,
): CommandRequest {
  return {
    command,
    query,
    user: { id: interaction.user.id, name: interaction.user.username },
    channel: {
      id: interaction.channelId ?? `dm-${interaction.user.id}`,
      ...(interaction.channelName ? { name: interaction.channelName } : {}),
    },
    platform: 'discord',
    id: interaction.id,
  };
}

function contextOf(interaction: DiscordInteraction): RequestContext {
  return {
    commands: discordCommandNaming,
    ...(interaction.appOnly ? { appOnly: true } : {}),
    ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
  };
}

function toReply(payload: DiscordMessagePayload): DiscordReply {
  return {
    embeds: payload.embeds,
    components: payload.components,
    ...(payload.flags === undefined ? {} : { flags: payload.flags }),
  };
}

function ephemeral(content: string): DiscordReply {
  return { content, embeds: [], components: [], flags: MessageFlags.Ephemeral };
}
