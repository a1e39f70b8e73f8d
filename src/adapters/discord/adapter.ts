import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
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
  type Core,
  createCheckMemory,
  type Logger,
  type PlatformAdapter,
} from '../../core/index.ts';
import type { DiscordConfig } from './config.ts';
import { createDiscordDeliverer, deliveryRestOptions } from './deliverer.ts';
import {
  type DiscordInteraction,
  type DiscordReply,
  handleDiscordInteraction,
  type InteractionResponder,
} from './interaction-flow.ts';
import { noMentions } from './render.ts';
import { type ReportAnswers, reportFieldIds } from './report-modal.ts';

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
    core,
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

  // The messages "Check this" was used on, for their Share buttons.
  const checks = createCheckMemory();

  async function onInteraction(interaction: Interaction): Promise<void> {
    let read: ReturnType<typeof readInteraction>;
    try {
      read = readInteraction(interaction);
    } catch (error) {
      logger.error('discord interaction could not be read', { error, requestId: interaction.id });
      return;
    }
    if (!read) return;
    await handleDiscordInteraction({ core, logger, checks }, read.interaction, read.responder);
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

/** A discord.js interaction read for the shared translation, and answered through its own methods. */
function readInteraction(
  interaction: Interaction,
): { interaction: DiscordInteraction; responder: InteractionResponder } | undefined {
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      interaction: {
        ...originOf(interaction),
        kind: 'autocomplete',
        command: interaction.commandName,
        focused: { name: focused.name, value: String(focused.value) },
      },
      responder: gatewayResponder(interaction),
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return {
      interaction: {
        ...originOf(interaction),
        kind: 'check-message',
        text: interaction.targetMessage.content ?? '',
      },
      responder: gatewayResponder(interaction),
    };
  }
  if (interaction.isChatInputCommand()) {
    return {
      interaction: {
        ...originOf(interaction),
        kind: 'command',
        command: interaction.commandName,
        options: interaction.options.data,
        canManageChannels:
          interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
      },
      responder: gatewayResponder(interaction),
    };
  }
  if (interaction.isButton()) {
    return {
      interaction: {
        ...originOf(interaction),
        kind: 'button',
        customId: interaction.customId,
        fromEphemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
      },
      responder: gatewayResponder(interaction),
    };
  }
  if (interaction.isModalSubmit()) {
    return {
      interaction: {
        ...originOf(interaction),
        kind: 'modal',
        customId: interaction.customId,
        answers: reportAnswersOf(interaction),
      },
      responder: gatewayResponder(interaction),
    };
  }
  return undefined;
}

function originOf(interaction: Interaction): Omit<DiscordInteraction, 'kind'> {
  const channel = interaction.channel;
  const channelName = channel && 'name' in channel && channel.name ? channel.name : undefined;
  return {
    id: interaction.id,
    user: { id: interaction.user.id, username: interaction.user.username },
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    ...(channelName ? { channelName } : {}),
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    // A server install lists the server; in a DM with the bot it lists "0". Absent: no bot here.
    ...(interaction.authorizingIntegrationOwners.guildId === null ? { appOnly: true } : {}),
  };
}

/** The report form's answers through discord.js's fields; undefined when they are not there. */
function reportAnswersOf(interaction: ModalSubmitInteraction): ReportAnswers | undefined {
  try {
    const reason = interaction.fields.getStringSelectValues(reportFieldIds.reason)[0];
    const details = interaction.fields.getTextInputValue(reportFieldIds.details) ?? '';
    return { ...(reason === undefined ? {} : { reason }), details };
  } catch {
    return undefined;
  }
}

/** Answers through the interaction's own methods, which discord.js sends over REST. */
function gatewayResponder(
  interaction:
    | AutocompleteInteraction
    | ChatInputCommandInteraction
    | MessageContextMenuCommandInteraction
    | ButtonInteraction
    | ModalSubmitInteraction,
): InteractionResponder {
  const repliable = () => {
    if (interaction.isAutocomplete()) throw new Error('an autocomplete cannot be replied to');
    return interaction;
  };
  return {
    get acknowledged() {
      return interaction.isAutocomplete()
        ? interaction.responded
        : interaction.replied || interaction.deferred;
    },
    async reply(message) {
      await repliable().reply(toReplyOptions(message));
    },
    async update(message) {
      if (!interaction.isButton()) throw new Error('only a button click can update its message');
      // An update keeps the message's visibility, so it carries no flags.
      const { flags: _flags, ...options } = toReplyOptions(message);
      await interaction.update(options);
    },
    async defer(flags) {
      await repliable().deferReply(flags === undefined ? {} : { flags });
    },
    async edit(message) {
      const { flags: _flags, ...options } = toReplyOptions(message);
      await repliable().editReply(options);
    },
    async followUp(message) {
      await repliable().followUp(toReplyOptions(message));
    },
    async showModal(modal) {
      if (interaction.isAutocomplete() || interaction.isModalSubmit()) {
        throw new Error('a form cannot open here');
      }
      await interaction.showModal(modal);
    },
    async suggest(choices) {
      if (!interaction.isAutocomplete()) throw new Error('only an autocomplete takes choices');
      await interaction.respond([...choices]);
    },
  };
}

function toReplyOptions(message: DiscordReply): InteractionReplyOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: [...message.embeds],
    components: [...message.components],
    allowedMentions: noMentions,
    ...(message.flags === undefined ? {} : { flags: message.flags }),
    ...(message.files && message.files.length > 0
      ? {
          files: message.files.map((file) => ({
            attachment: file.data,
            name: file.name,
            description: file.description,
          })),
        }
      : {}),
  };
}
