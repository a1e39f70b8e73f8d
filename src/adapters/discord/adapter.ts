import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  type Interaction,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  RESTEvents,
} from 'discord.js';
import {
  apology,
  type Briefing,
  type CommandRequest,
  type Core,
  composeCheckExpired,
  createCheckMemory,
  findCommand,
  isCommandName,
  type LogContext,
  type Logger,
  type PlatformAdapter,
  type RequestContext,
  withShareReference,
} from '../../core/index.ts';
import { discordCommandNaming } from './commands.ts';
import type { DiscordConfig } from './config.ts';
import { decodeCustomId } from './custom-id.ts';
import { createDiscordDeliverer, deliveryRestOptions } from './deliverer.ts';
import { discordLimits } from './limits.ts';
import { attachPicture, drawPicture } from './picture.ts';
import {
  asChannelPost,
  type DiscordMessagePayload,
  noMentions,
  renderBriefingForDiscord,
} from './render.ts';
import { reportModal, reportQueryOf } from './report-modal.ts';
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

/** Knobs beyond the environment's config, for tests. */
export interface DiscordAdapterOptions {
  /** How long a REST request may take before it is abandoned (and retried once); default 10 s. */
  readonly restTimeoutMs?: number;
  /** Called when Discord answers a reply (an interaction's callback or follow-up) with 429. */
  readonly onReplyRateLimited?: () => void;
}

/**
 * Connects to Discord over the gateway and answers slash commands, autocomplete and buttons with
 * the core's briefings. The core answers from memory, so replies go out directly; a command that
 * waits on the store (`/daily`) is deferred first and its answer edited in.
 * Its `deliverer` posts the scheduler's daily briefings through the same client once started.
 */
export function createDiscordAdapter(
  config: DiscordConfig,
  core: Core,
  logger: Logger,
  options: DiscordAdapterOptions = {},
): PlatformAdapter {
  const client = new Client({
    // Interactions reach a bot whatever its intents, so it asks for none.
    // https://discord.com/developers/docs/events/gateway#list-of-intents
    intents: [],
    allowedMentions: noMentions,
    rest: {
      ...deliveryRestOptions,
      ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}),
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
    },
  });
  let started: Promise<void> | undefined;
  let stopped = false;
  // The REST client has the token only between login and destroy; the deliverer checks this.
  let connected = false;
  const deliverer = createDiscordDeliverer({
    rest: () => (connected && !stopped ? client.rest : undefined),
    logger,
  });

  // Replies go to the interaction's callback and its webhook (follow-ups, edits); daily posts to
  // channels, which the scheduler counts itself. @discordjs/rest waits a 429 out and retries.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429 && /^\/(interactions|webhooks)\//.test(request.route))
      options.onReplyRateLimited?.();
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction);
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn('discord gateway disconnected', { shardId, code: event.code }),
  );

  // The messages "Check this" was used on, for their Share buttons (custom ids stop at 100 characters).
  const checks = createCheckMemory();

  async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isMessageContextMenuCommand()) await onCheckMessage(interaction);
      else if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else if (interaction.isModalSubmit()) await onModalSubmit(interaction);
    } catch (error) {
      await onFailure(interaction, error);
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const command = interaction.commandName;
    if (focused.name !== 'query' || !isCommandName(command)) {
      await interaction.respond([]);
      return;
    }
    const { choices: max, choiceName, choiceValue } = discordLimits.autocomplete;
    const choices = core
      .autocomplete(command, String(focused.value), max)
      .filter((suggestion) => suggestion.value !== '')
      .slice(0, max)
      .map((suggestion) => ({
        name: truncate(suggestion.title || suggestion.value, choiceName),
        // A clipped title still finds its entry when chosen: lookup reads names by their words.
        value: suggestion.value.slice(0, choiceValue).trimEnd(),
      }));
    await interaction.respond(choices);
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    // A command registered by an older version of the bot reaches the core too, which says so.
    const command = interaction.commandName;
    const subcommand = interaction.options.getSubcommand(false);
    // Subcommands and their values read as they would typed after the command on Slack or
    // in the console, e.g. `/daily subscribe 07:30 Europe/Kyiv` → query `subscribe 07:30 Europe/Kyiv`.
    const values = (
      subcommand ? (interaction.options.data[0]?.options ?? []) : interaction.options.data
    )
      .map((option) => option.value)
      .filter((value) => value !== undefined)
      .map(String);
    const query = [subcommand ?? '', ...values].join(' ').trim();
    const request = toRequest(interaction, command, query);
    const context: RequestContext = {
      ...contextOf(interaction),
      dailyManager: async () => ({
        canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
      }),
    };
    if (findCommand(command)?.waitsOnStore) {
      // The store may be slow (a remote database): acknowledge within Discord's 3 seconds first.
      // Every /daily answer is private, so the deferred reply is too.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await deliver(interaction, await core.handle(request, context), 'edit');
      return;
    }
    const briefing = await core.handle(request, context);
    // A check's Share points to the remembered text: a custom id stops at 100 characters.
    await deliver(
      interaction,
      command === 'check'
        ? withShareReference(
            briefing,
            checks.remember({ text: query, channel: interaction.channelId ?? '' }),
          )
        : briefing,
      'reply',
    );
  }

  /** "Check this" on a message: its text goes to the core as `/check`; the answer is private. */
  async function onCheckMessage(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    // An attachment-only message has no content; the core says there is nothing to check.
    const text = interaction.targetMessage.content ?? '';
    const briefing = await core.handle(
      toRequest(interaction, 'check', text),
      contextOf(interaction),
    );
    const ref = checks.remember({ text, channel: interaction.channelId ?? '' });
    await deliver(interaction, withShareReference(briefing, ref), 'reply');
  }

  /**
   * A check's Share: the check is run again from the remembered message and posted for the
   * channel as the answer to the click, saying who shared it (a mention that pings nobody).
   */
  async function onShareCheck(interaction: ButtonInteraction, ref: string): Promise<void> {
    const remembered = checks.recall(ref);
    if (!remembered) {
      await deliver(interaction, composeCheckExpired(core.knowledge), 'reply');
      return;
    }
    const briefing = await core.handle(
      toRequest(interaction, 'check', remembered.text),
      contextOf(interaction),
    );
    await deliver(
      interaction,
      asChannelPost(briefing),
      'reply',
      `Shared by <@${interaction.user.id}>`,
    );
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const intent = decodeCustomId(interaction.customId);
    if (!intent) {
      await interaction.reply(ephemeral(replies.staleButton));
      return;
    }
    if (
      intent.type === 'share' &&
      intent.request.command === 'check' &&
      checks.isReference(intent.request.query)
    ) {
      await onShareCheck(interaction, intent.request.query);
      return;
    }
    // The report form; its submission comes back as a modal submit (below). A target the
    // knowledge no longer has goes to the core as it is, which says so.
    const form = intent.type === 'report' ? core.reportForm(intent.request.query) : undefined;
    if (form) {
      await interaction.showModal(reportModal(form, intent.request.query));
      return;
    }
    const briefing = await core.handle(
      toRequest(interaction, intent.request.command, intent.request.query),
      contextOf(interaction),
    );
    if (intent.type === 'share') {
      // Sharing posts the same answer for the whole channel; a share button on it has no use.
      await deliver(interaction, asChannelPost(briefing), 'reply');
      return;
    }
    // "Did you mean" on a private answer replaces that answer in place when the new one is
    // private too; otherwise the answer is a new message with the visibility the core chose.
    const fromEphemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    const mode = fromEphemeral && briefing.visibility === 'ephemeral' ? 'update' : 'reply';
    await deliver(interaction, briefing, mode);
  }

  /** A submitted report form: `/report` through the core, thanked privately. */
  async function onModalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const query = reportQueryOf(interaction);
    if (query === undefined) {
      await interaction.reply(ephemeral(replies.staleButton));
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const briefing = await core.handle(
      toRequest(interaction, 'report', query),
      contextOf(interaction),
    );
    await deliver(interaction, briefing, 'edit');
  }

  async function deliver(
    interaction: AnsweredInteraction,
    briefing: Briefing,
    mode: 'reply' | 'update' | 'edit',
    content?: string,
  ): Promise<void> {
    const [first, ...all] = renderBriefingForDiscord(briefing);
    // A user's own app in a server without its bot may follow up only so often.
    const rest = appOnly(interaction)
      ? all.slice(0, discordLimits.interaction.userAppFollowUps)
      : all;
    // The picture rides on the first message, shown in its first embed.
    const { embeds, files } = attachPicture(
      first.embeds,
      await drawPicture(core, briefing, logger),
    );
    const withFiles = files.length > 0 ? { files } : {};
    if (mode === 'edit') {
      // Editing the deferred reply (PATCH …/messages/@original) keeps its visibility.
      await interaction.editReply({
        embeds,
        components: [...first.components],
        allowedMentions: noMentions,
        ...withFiles,
      });
    } else if (mode === 'update' && interaction.isButton()) {
      // An update keeps the message's visibility, so it carries no flags.
      await interaction.update({
        embeds,
        components: [...first.components],
        allowedMentions: noMentions,
        ...withFiles,
      });
    } else {
      await interaction.reply({
        ...toReplyOptions(first),
        embeds,
        ...withFiles,
        ...(content ? { content } : {}),
      });
    }
    // Follow-ups go through the interaction's webhook, valid for 15 minutes; we send them at once.
    for (const payload of rest) await interaction.followUp(toReplyOptions(payload));
  }

  async function onFailure(interaction: Interaction, error: unknown): Promise<void> {
    const code = error instanceof DiscordAPIError ? error.code : undefined;
    const context: LogContext = {
      error,
      ...(code === undefined ? {} : { discordCode: code }),
      ...(error instanceof DiscordAPIError ? { status: error.status, method: error.method } : {}),
      requestId: interaction.id,
      interactionType: interaction.type,
      ...(interaction.isCommand() || interaction.isAutocomplete()
        ? { command: interaction.commandName }
        : {}),
      ...(interaction.isButton() || interaction.isModalSubmit()
        ? { customId: interaction.customId }
        : {}),
      guildId: interaction.guildId,
      channelId: interaction.channelId,
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
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
        return;
      }
      if (!interaction.isRepliable()) return;
      const message = ephemeral(missingPermission ? replies.missingPermission : apology);
      if (interaction.replied || interaction.deferred) await interaction.followUp(message);
      else await interaction.reply(message);
    } catch (secondary) {
      logger.warn('discord: could not tell the user about a failure', {
        error: secondary,
        requestId: interaction.id,
      });
    }
  }

  return {
    platform: 'discord',
    deliverer,
    // The gateway's own state: false while it reconnects, not only before login.
    connected: () => !stopped && client.isReady(),
    start() {
      started ??= (async () => {
        const ready = new Promise<void>((resolve) =>
          client.once(Events.ClientReady, () => resolve()),
        );
        await client.login(config.token);
        await ready;
        connected = !stopped;
        logger.info('discord connected', {
          user: client.user?.tag,
          applicationId: config.applicationId,
        });
      })();
      return started;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      connected = false;
      await client.destroy();
    },
  };
}

/** The interactions the adapter answers with a briefing. */
type AnsweredInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction;

/**
 * Whether the app answers as a person's own app where its bot is not: a user install used in a
 * server (or a DM) the bot is not in. Discord then lists only the user install among the owners.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-authorizing-integration-owners-object
 */
function appOnly(interaction: AnsweredInteraction): boolean {
  // A server install lists the server; in a DM with the bot it lists "0". Absent: no bot here.
  return interaction.authorizingIntegrationOwners.guildId === null;
}

function toRequest(
  interaction: AnsweredInteraction,
  command: CommandRequest['command'],
  query: string,
): CommandRequest {
  const channel = interaction.channel;
  const channelName = channel && 'name' in channel && channel.name ? channel.name : undefined;
  return {
    command,
    query,
    user: { id: interaction.user.id, name: interaction.user.username },
    channel: {
      id: interaction.channelId ?? `dm-${interaction.user.id}`,
      ...(channelName ? { name: channelName } : {}),
    },
    platform: 'discord',
    id: interaction.id,
  };
}

function contextOf(interaction: AnsweredInteraction): RequestContext {
  return {
    commands: discordCommandNaming,
    ...(appOnly(interaction) ? { appOnly: true } : {}),
    ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
  };
}

function toReplyOptions(payload: DiscordMessagePayload): InteractionReplyOptions {
  return {
    embeds: [...payload.embeds],
    components: [...payload.components],
    allowedMentions: noMentions,
    ...(payload.flags === undefined ? {} : { flags: payload.flags }),
  };
}

function ephemeral(content: string): InteractionReplyOptions {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions };
}
