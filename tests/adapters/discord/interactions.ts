// Interaction payloads as Discord sends them in INTERACTION_CREATE dispatches, with scrubbed ids.
// https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
import { discordMessage } from '../../fakes/fake-discord.ts';

/** Ids shared by the payloads: one server, one text channel, one member. */
export const ids = {
  application: '100000000000000001',
  guild: '400000000000000001',
  channel: '300000000000000001',
  user: '500000000000000001',
  command: '600000000000000001',
} as const;

let counter = 0;

function nextInteractionId(): string {
  counter += 1;
  return `7${String(counter).padStart(17, '0')}`;
}

const member = {
  user: {
    id: ids.user,
    username: 'analyst',
    discriminator: '0',
    global_name: 'Analyst',
    avatar: null,
  },
  roles: [],
  joined_at: '2025-01-01T00:00:00.000000+00:00',
  deaf: false,
  mute: false,
  flags: 0,
  // VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY, as a plain member has.
  permissions: '68608',
};

function base(type: number, token: string, id: string): Record<string, unknown> {
  return {
    id,
    application_id: ids.application,
    type,
    token,
    version: 1,
    guild_id: ids.guild,
    channel_id: ids.channel,
    channel: { id: ids.channel, type: 0, guild_id: ids.guild, name: 'ukraine-watch' },
    member,
    locale: 'en-GB',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guild },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

/** A slash command as typed: `/fact query:when was minsk ii signed`. */
export function slashCommand(
  name: string,
  query?: string,
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextInteractionId();
  const token = `command-token-${id}`;
  const options = query === undefined ? [] : [{ name: 'query', type: 3, value: query }];
  return {
    id,
    token,
    payload: {
      ...base(2, token, id),
      data: { id: ids.command, name, type: 1, options },
    },
  };
}

/** A slash command with a subcommand: `/daily subscribe query:…`. */
export function slashSubcommand(
  name: string,
  subcommand: string,
  options: Record<string, string>,
  permissions = member.permissions,
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextInteractionId();
  const token = `command-token-${id}`;
  return {
    id,
    token,
    payload: {
      ...base(2, token, id),
      member: { ...member, permissions },
      data: {
        id: ids.command,
        name,
        type: 1,
        options: [
          {
            name: subcommand,
            type: 1,
            options: Object.entries(options).map(([option, value]) => ({
              name: option,
              type: 3,
              value,
            })),
          },
        ],
      },
    },
  };
}

/** An autocomplete request while the user types into `query`. */
export function autocomplete(
  name: string,
  partial: string,
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextInteractionId();
  const token = `autocomplete-token-${id}`;
  return {
    id,
    token,
    payload: {
      ...base(4, token, id),
      data: {
        id: ids.command,
        name,
        type: 1,
        options: [{ name: 'query', type: 3, value: partial, focused: true }],
      },
    },
  };
}

/** A click on a button of a message the bot posted earlier. */
export function buttonClick(
  customId: string,
  options: { readonly ephemeral: boolean },
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextInteractionId();
  const token = `button-token-${id}`;
  return {
    id,
    token,
    payload: {
      ...base(3, token, id),
      data: { custom_id: customId, component_type: 2 },
      message: discordMessage({
        id: '800000000000000001',
        type: 20,
        channel_id: ids.channel,
        author: {
          id: ids.application,
          username: 'trucebrief',
          discriminator: '0',
          avatar: null,
          bot: true,
        },
        timestamp: '2026-11-25T10:00:00.000000+00:00',
        flags: options.ephemeral ? 64 : 0,
        application_id: ids.application,
      }),
    },
  };
}

/**
 * A submitted modal: each answer inside its Label, as Discord sends them.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure
 */
export function modalSubmit(
  customId: string,
  answers: { readonly select?: Record<string, string[]>; readonly text?: Record<string, string> },
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextInteractionId();
  const token = `modal-token-${id}`;
  let componentId = 0;
  const components = [
    { type: 10, id: ++componentId },
    ...Object.entries(answers.select ?? {}).map(([custom_id, values]) => ({
      type: 18,
      id: ++componentId,
      component: { type: 3, id: ++componentId, custom_id, values },
    })),
    ...Object.entries(answers.text ?? {}).map(([custom_id, value]) => ({
      type: 18,
      id: ++componentId,
      component: { type: 4, id: ++componentId, custom_id, value },
    })),
  ];
  return {
    id,
    token,
    payload: { ...base(5, token, id), data: { custom_id: customId, components } },
  };
}
