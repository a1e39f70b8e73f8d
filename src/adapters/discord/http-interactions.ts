/**
 * Discord's HTTP interactions: Discord POSTs each interaction, signed with the application's
 * Ed25519 key, to /discord/interactions, and the HTTP response is the interaction's first answer.
 * No gateway connection: any instance behind a load balancer can answer any interaction. The
 * translation to the core is interaction-flow.ts, shared with the gateway adapter.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#receiving-an-interaction
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
  PermissionsBitField,
  REST,
  RESTEvents,
  Routes,
} from 'discord.js';
import { z } from 'zod';
import {
  type Core,
  createCheckMemory,
  type Logger,
  type PlatformAdapter,
} from '../../core/index.ts';
import { createReplayMemory, type ReplayMemory } from '../replay-memory.ts';
import type { DiscordInteractionsConfig } from './config.ts';
import { createDiscordDeliverer, deliveryRestOptions } from './deliverer.ts';
import {
  type CommandOptionData,
  type DiscordInteraction,
  type DiscordReply,
  handleDiscordInteraction,
  type InteractionResponder,
} from './interaction-flow.ts';
import { discordLimits } from './limits.ts';
import { noMentions } from './render.ts';
import { type ReportAnswers, reportFieldIds } from './report-modal.ts';

/** Where Discord sends interactions: set as the "Interactions Endpoint URL" in the Developer Portal. */
const discordInteractionsPath = '/discord/interactions';

/** The endpoint as a route for whichever HTTP server serves it (Slack's, or main.ts's own). */
export interface DiscordInteractionsRoute {
  readonly path: string;
  readonly method: 'POST';
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
}

/** The HTTP-mode adapter: no connection of its own, only the route to serve. */
export interface DiscordHttpAdapter extends PlatformAdapter {
  readonly route: DiscordInteractionsRoute;
}

/** Knobs beyond the environment's config, for tests. */
export interface DiscordHttpAdapterOptions {
  /** Epoch milliseconds; tests move it. */
  readonly now?: () => number;
  /**
   * How long the first answer may wait before the interaction is deferred (privately) so that
   * Discord's 3 seconds are kept; default 2 s.
   */
  readonly deferAfterMs?: number;
  /** How long a REST request may take before it is abandoned (and retried once); default 10 s. */
  readonly restTimeoutMs?: number;
  /** Called when Discord answers a follow-up or an edit with 429. */
  readonly onReplyRateLimited?: () => void;
}

/**
 * The DER prefix of an Ed25519 SubjectPublicKeyInfo: with the raw 32-byte key after it, the form
 * node:crypto reads. https://www.rfc-editor.org/rfc/rfc8410#section-4
 */
const ed25519SpkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

const { http: httpLimits } = discordLimits;

/** A request the endpoint refuses: the status to answer and the log line saying why. */
interface Refusal {
  readonly status: number;
  readonly reason: string;
}

/**
 * Builds the HTTP interactions adapter. Replies need no bot token (the interaction's token is
 * enough); with DISCORD_TOKEN set, its `deliverer` posts the daily briefings as the bot.
 */
export function createDiscordHttpAdapter(
  config: DiscordInteractionsConfig,
  core: Core,
  logger: Logger,
  options: DiscordHttpAdapterOptions = {},
): DiscordHttpAdapter {
  const publicKey = createPublicKey({
    key: Buffer.concat([ed25519SpkiPrefix, Buffer.from(config.publicKey, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  const now = options.now ?? Date.now;
  // The messages "Check this" was used on, for their Share buttons: in this instance's memory, so
  // a Share that reaches another instance asks for the check to be run again.
  const checks = createCheckMemory();
  const replays = createReplayMemory(httpLimits.requestAgeMs + httpLimits.futureSkewMs);
  const rest = new REST({
    version: '10',
    ...deliveryRestOptions,
    ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}),
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
  });
  if (config.token) rest.setToken(config.token);
  // Follow-ups and edits go to the interaction's webhook; daily posts to channels, which the
  // scheduler counts itself. @discordjs/rest waits a 429 out and retries.
  rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429 && /^\/(interactions|webhooks)\//.test(request.route))
      options.onReplyRateLimited?.();
  });
  let started = false;
  let stopped = false;
  const token = config.token;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = now();
    if (!started || stopped) {
      answer(response, 503, { message: 'not serving' });
      return;
    }
    const early = screenRequest(request);
    if (early) return refuse(response, early);
    let raw: Buffer;
    try {
      raw = await readBody(request, httpLimits.bodyBytes);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      return refuse(response, {
        status: tooLarge ? 413 : 400,
        reason: tooLarge ? 'body over the limit' : 'body could not be read',
      });
    }
    const refusal = screenSignature(request, raw, publicKey, receivedAt, replays);
    if (refusal) return refuse(response, refusal);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(response, { status: 400, reason: 'body is not JSON' });
    }
    const parsed = payloadSchema.safeParse(body);
    if (!parsed.success) return refuse(response, { status: 400, reason: 'not an interaction' });
    const payload = parsed.data;
    if (payload.type === InteractionType.Ping) {
      answer(response, 200, { type: InteractionResponseType.Pong });
      return;
    }
    if (payload.application_id !== config.applicationId) {
      return refuse(response, { status: 400, reason: 'interaction for another application' });
    }
    const interaction = readPayload(payload);
    if (!interaction) {
      return refuse(response, { status: 400, reason: 'interaction of a kind not served' });
    }
    const responder = createHttpResponder({
      response,
      rest,
      webhook: { applicationId: config.applicationId, token: payload.token },
      deferAfterMs: Math.max(0, (options.deferAfterMs ?? 2000) - (now() - receivedAt)),
      kind: interaction.kind,
    });
    try {
      await handleDiscordInteraction({ core, logger, checks }, interaction, responder);
    } finally {
      responder.close();
    }
  }

  function refuse(response: ServerResponse, refusal: Refusal): void {
    logger.warn('Discord request refused', { status: refusal.status, reason: refusal.reason });
    answer(response, refusal.status, { message: refusal.reason });
  }

  return {
    platform: 'discord',
    ...(token
      ? {
          deliverer: createDiscordDeliverer({
            rest: () => (started && !stopped ? rest : undefined),
            logger,
          }),
        }
      : {}),
    route: {
      path: discordInteractionsPath,
      method: 'POST',
      handler(request, response) {
        serve(request, response).catch((error: unknown) => {
          // The flow catches its own failures; this is the transport's last word.
          logger.error('discord interactions endpoint failed', { error });
          if (!response.headersSent) answer(response, 500, { message: 'failed' });
          else response.end();
        });
      },
    },
    // Nothing to connect: ready once started, as long as the HTTP server serving the route is.
    connected: () => started && !stopped,
    async start() {
      started = true;
      logger.info('discord interactions endpoint ready', {
        path: discordInteractionsPath,
        applicationId: config.applicationId,
        dailyPosts: Boolean(token),
      });
    },
    async stop() {
      stopped = true;
    },
  };
}

/** Method and content type, refused before the body is read. */
function screenRequest(request: IncomingMessage): Refusal | undefined {
  if (request.method !== 'POST') return { status: 405, reason: 'method is not POST' };
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, reason: 'content type is not JSON' };
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > httpLimits.bodyBytes) {
    return { status: 413, reason: 'body over the limit' };
  }
  return undefined;
}

/**
 * The signature over timestamp + body, the timestamp's age and replays. Discord sends requests
 * with bad signatures on purpose, to check the endpoint refuses them with 401.
 * https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
function screenSignature(
  request: IncomingMessage,
  raw: Buffer,
  publicKey: KeyObject,
  nowMs: number,
  replays: ReplayMemory,
): Refusal | undefined {
  const signature = request.headers['x-signature-ed25519'];
  const timestamp = request.headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    return { status: 401, reason: 'signature or timestamp header missing' };
  }
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) {
    return { status: 401, reason: 'signature or timestamp malformed' };
  }
  const ageMs = nowMs - Number(timestamp) * 1000;
  if (ageMs > httpLimits.requestAgeMs) return { status: 401, reason: 'timestamp too old' };
  if (-ageMs > httpLimits.futureSkewMs) return { status: 401, reason: 'timestamp in the future' };
  let valid = false;
  try {
    valid = verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), raw]),
      publicKey,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { status: 401, reason: 'signature does not match' };
  // Only a verified signature is remembered: a forged one must not block the genuine request.
  if (!replays.firstSight(signature.toLowerCase(), nowMs)) {
    return { status: 401, reason: 'signature already used' };
  }
  return undefined;
}

/** The fields of an interaction the translation reads; the rest is ignored. */
const userSchema = z.object({ id: z.string(), username: z.string() });

const optionSchema: z.ZodType<CommandOptionData> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(optionSchema).optional(),
  }),
);

const payloadSchema = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number(),
  token: z.string(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ name: z.string().nullish() }).optional(),
  member: z.object({ user: userSchema, permissions: z.string().optional() }).optional(),
  user: userSchema.optional(),
  data: z.unknown().optional(),
  message: z.object({ flags: z.number().optional() }).optional(),
  // Which installs allow this interaction: "0" the server's (or the bot's DM), "1" the user's.
  authorizing_integration_owners: z.record(z.string(), z.string()).optional(),
});

type InteractionPayload = z.infer<typeof payloadSchema>;

const commandDataSchema = z.object({
  name: z.string(),
  // CHAT_INPUT; the message command is read by messageCommandDataSchema.
  type: z.literal(1).optional(),
  options: z.array(optionSchema).optional(),
});

// A message context-menu command ("Check this"): the message it was used on, resolved.
const messageCommandDataSchema = z.object({
  name: z.string(),
  type: z.literal(3),
  target_id: z.string(),
  resolved: z.object({
    messages: z.record(z.string(), z.object({ content: z.string().optional() })),
  }),
});

const componentDataSchema = z.object({ custom_id: z.string(), component_type: z.number() });

/** One component of a submitted modal: a Label or an action row around a field, or a field. */
interface ModalComponent {
  readonly custom_id?: string | undefined;
  readonly value?: string | undefined;
  readonly values?: readonly string[] | undefined;
  readonly component?: ModalComponent | undefined;
  readonly components?: readonly ModalComponent[] | undefined;
}

const modalComponentSchema: z.ZodType<ModalComponent> = z.lazy(() =>
  z.object({
    custom_id: z.string().optional(),
    value: z.string().optional(),
    values: z.array(z.string()).optional(),
    component: modalComponentSchema.optional(),
    components: z.array(modalComponentSchema).optional(),
  }),
);

const modalDataSchema = z.object({
  custom_id: z.string(),
  components: z.array(modalComponentSchema),
});

/** The payload read for the shared translation; undefined for what the bot does not serve. */
function readPayload(payload: InteractionPayload): DiscordInteraction | undefined {
  const user = payload.member?.user ?? payload.user;
  if (!user) return undefined;
  const origin = {
    id: payload.id,
    user: { id: user.id, username: user.username },
    ...(payload.channel_id ? { channelId: payload.channel_id } : {}),
    ...(payload.channel?.name ? { channelName: payload.channel.name } : {}),
    ...(payload.guild_id ? { guildId: payload.guild_id } : {}),
    // Only the user install among the owners: the bot is not where this was used.
    ...(payload.authorizing_integration_owners && !('0' in payload.authorizing_integration_owners)
      ? { appOnly: true }
      : {}),
  };
  switch (payload.type) {
    case InteractionType.ApplicationCommand: {
      const message = messageCommandDataSchema.safeParse(payload.data);
      if (message.success) {
        const target = message.data.resolved.messages[message.data.target_id];
        return { ...origin, kind: 'check-message', text: target?.content ?? '' };
      }
      const data = commandDataSchema.safeParse(payload.data);
      if (!data.success) return undefined;
      return {
        ...origin,
        kind: 'command',
        command: data.data.name,
        options: data.data.options ?? [],
        canManageChannels: canManageChannels(payload.member?.permissions),
      };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const data = commandDataSchema.safeParse(payload.data);
      if (!data.success) return undefined;
      const focused = focusedOption(data.data.options ?? []);
      return {
        ...origin,
        kind: 'autocomplete',
        command: data.data.name,
        ...(focused ? { focused } : {}),
      };
    }
    case InteractionType.MessageComponent: {
      const data = componentDataSchema.safeParse(payload.data);
      // Buttons only: the bot sends no other component.
      if (!data.success || data.data.component_type !== 2) return undefined;
      return {
        ...origin,
        kind: 'button',
        customId: data.data.custom_id,
        fromEphemeral: ((payload.message?.flags ?? 0) & 64) !== 0,
      };
    }
    case InteractionType.ModalSubmit: {
      const data = modalDataSchema.safeParse(payload.data);
      if (!data.success) return undefined;
      return {
        ...origin,
        kind: 'modal',
        customId: data.data.custom_id,
        answers: reportAnswersOf(data.data.components),
      };
    }
    default:
      return undefined;
  }
}

/** Manage Channels or Administrator, as discord.js's `memberPermissions.has` reads them. */
function canManageChannels(permissions: string | undefined): boolean {
  if (permissions === undefined || !/^\d{1,40}$/.test(permissions)) return false;
  return new PermissionsBitField(BigInt(permissions)).has(PermissionFlagsBits.ManageChannels);
}

/** The option being typed into, inside a subcommand or not. */
function focusedOption(
  options: readonly (CommandOptionData & { focused?: boolean | undefined })[],
): { name: string; value: string } | undefined {
  for (const option of options) {
    if (option.focused) return { name: option.name, value: String(option.value ?? '') };
    const inner = focusedOption(option.options ?? []);
    if (inner) return inner;
  }
  return undefined;
}

/** The report form's answers from the submitted components; undefined when they are not there. */
function reportAnswersOf(components: readonly ModalComponent[]): ReportAnswers | undefined {
  const fields = new Map<string, ModalComponent>();
  const walk = (list: readonly ModalComponent[]) => {
    for (const component of list) {
      if (component.custom_id !== undefined) fields.set(component.custom_id, component);
      if (component.component) walk([component.component]);
      if (component.components) walk(component.components);
    }
  };
  walk(components);
  const reason = fields.get(reportFieldIds.reason)?.values;
  const details = fields.get(reportFieldIds.details);
  if (!reason) return undefined;
  const [chosen] = reason;
  return { ...(chosen === undefined ? {} : { reason: chosen }), details: details?.value ?? '' };
}

/** What the HTTP responder answers through. */
interface HttpResponderOptions {
  readonly response: ServerResponse;
  readonly rest: REST;
  readonly webhook: { readonly applicationId: string; readonly token: string };
  readonly deferAfterMs: number;
  readonly kind: DiscordInteraction['kind'];
}

/**
 * The first answer goes in the HTTP response; everything after through the interaction's webhook,
 * which needs no bot token. A first answer with a picture is deferred and the picture uploaded by
 * editing the deferred message, since a file needs multipart and the webhook takes it.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
function createHttpResponder(
  options: HttpResponderOptions,
): InteractionResponder & { close(): void } {
  const { response, rest, webhook } = options;
  let answered = false;
  /**
   * True when the first answer was a deferral the flow did not ask for (for the clock, or before a
   * picture): its `reply` and `update` then edit the deferred message.
   */
  let answerByEditing = false;
  const first = (body: unknown) => {
    if (answered) throw new Error('the interaction has already been answered');
    answered = true;
    clearTimeout(timer);
    answer(response, 200, body);
  };
  // Discord waits 3 seconds for the first answer; a slow core or picture would lose it. Deferred
  // privately: an answer meant for everyone then shows only to its asker, never the reverse.
  const timer = setTimeout(() => {
    if (answered) return;
    if (options.kind === 'autocomplete') {
      first({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      });
      return;
    }
    first({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } });
    answerByEditing = true;
  }, options.deferAfterMs);

  /** A file goes only with an edit (multipart through the webhook), so the first answer defers. */
  const deferForUpload = (mode: 'reply' | 'update', flags: number | undefined) => {
    if (answered) return;
    first(
      mode === 'update'
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : {
            type: InteractionResponseType.DeferredChannelMessageWithSource,
            ...(flags === undefined ? {} : { data: { flags } }),
          },
    );
    answerByEditing = true;
  };
  const hasFiles = (message: DiscordReply) => (message.files?.length ?? 0) > 0;

  const original = Routes.webhookMessage(webhook.applicationId, webhook.token, '@original');
  const edit = async (message: DiscordReply) => {
    // An edit keeps the deferred message's visibility, so it carries no flags.
    const { flags: _flags, ...kept } = message;
    await send('patch', original, kept);
  };
  const send = async (method: 'post' | 'patch', route: `/${string}`, message: DiscordReply) => {
    const files = message.files ?? [];
    await rest[method](route, {
      auth: false,
      body: messageBody(message),
      ...(files.length > 0
        ? {
            files: files.map((file, index) => ({
              key: `files[${index}]`,
              name: file.name,
              data: file.data,
            })),
          }
        : {}),
    });
  };

  return {
    get acknowledged() {
      return answered;
    },
    async reply(message) {
      if (hasFiles(message)) deferForUpload('reply', message.flags);
      if (answerByEditing) return edit(message);
      first({ type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(message) });
    },
    async update(message) {
      if (hasFiles(message)) deferForUpload('update', undefined);
      if (answerByEditing) return edit(message);
      const { flags: _flags, ...kept } = message;
      first({ type: InteractionResponseType.UpdateMessage, data: messageBody(kept) });
    },
    async defer(flags) {
      if (answerByEditing) return;
      first({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        ...(flags === undefined ? {} : { data: { flags } }),
      });
    },
    edit,
    async followUp(message) {
      await send('post', Routes.webhook(webhook.applicationId, webhook.token), message);
    },
    async showModal(modal) {
      first({ type: InteractionResponseType.Modal, data: modal });
    },
    async suggest(choices) {
      if (answered) return;
      first({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices },
      });
    },
    async preparingUpload(mode, flags) {
      deferForUpload(mode, flags);
    },
    close() {
      clearTimeout(timer);
      // The flow always answers; should it not, Discord hears a failure rather than silence.
      if (!answered) {
        answered = true;
        answer(response, 500, { message: 'no answer' });
      }
    },
  };
}

/** A message as Discord's JSON spells it, with mentions off and the picture's attachment named. */
function messageBody(message: DiscordReply): Record<string, unknown> {
  const files = message.files ?? [];
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: noMentions,
    ...(message.flags === undefined ? {} : { flags: message.flags }),
    ...(files.length > 0
      ? {
          attachments: files.map((file, index) => ({
            id: String(index),
            filename: file.name,
            description: file.description,
          })),
        }
      : {}),
  };
}

class BodyTooLargeError extends Error {}

/** The body, refused past `limit` bytes: reading stops there and the connection is closed after the answer. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
    // A client that hangs up mid-body: no 'end' comes, and the request must not wait forever.
    request.once('close', () => reject(new Error('the request closed before its body ended')));
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    // A refused body may be unread: the connection cannot carry another request after it.
    ...(status >= 400 ? { connection: 'close' } : {}),
  });
  response.end(JSON.stringify(body));
}
