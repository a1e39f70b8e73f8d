import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A request the fake Discord received over REST, with the API version prefix removed from its path. */
export interface RecordedRequest {
  readonly method: string;
  /** e.g. `/interactions/1/tok/callback`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  /** The JSON body, or a multipart request's `payload_json`. */
  readonly body: unknown;
  /** Files a multipart request uploaded (`files[n]` parts), as Discord receives them. */
  readonly files?: readonly UploadedFile[];
}

/** One file part of a multipart upload. */
export interface UploadedFile {
  readonly field: string;
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/**
 * A request body as Discord reads it: JSON, or multipart form data whose `payload_json` part is
 * the JSON and whose `files[n]` parts are the uploads.
 * https://discord.com/developers/docs/reference#uploading-files
 */
async function readBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files?: UploadedFile[] }> {
  if (!contentType?.startsWith('multipart/form-data')) {
    const text = raw.toString('utf8');
    return { body: text === '' ? undefined : JSON.parse(text) };
  }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let body: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else {
      files.push({
        field,
        name: value.name,
        contentType: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      });
    }
  }
  return { body, files };
}

/** A canned failure for the next matching request, e.g. 403 with Discord's error 50013. */
export interface FailureRule {
  readonly method: string;
  readonly path: RegExp;
  /** 0 hangs up without answering, as a dropped connection would. */
  readonly status: number;
  readonly body: {
    readonly message: string;
    readonly code: number;
    /** Seconds, on a 429. */
    readonly retry_after?: number;
    readonly global?: boolean;
  };
  readonly headers?: Readonly<Record<string, string>>;
  /** How many matching requests fail this way; default 1. */
  readonly times?: number;
}

/** A 429 as Discord sends it, for the next matching request. */
export interface RateLimitRule {
  readonly method: string;
  readonly path: RegExp;
  readonly retryAfterSeconds: number;
  /** The bot's global limit rather than a route's. */
  readonly global?: boolean;
}

/**
 * A channel post the fake accepts at once but answers late: after `delayMs`, or when
 * `releaseHeld()` is called (a client that gave up, or an instance that died, never hears back).
 */
export interface SlowRule {
  readonly method: string;
  readonly path: RegExp;
  /** Absent: held until `releaseHeld()`. */
  readonly delayMs?: number;
  /** How many matching requests are slow this way; default 1. */
  readonly times?: number;
}

/** A message a bot posted in a channel and the fake accepted. */
export interface ChannelMessage {
  readonly id: string;
  readonly channelId: string;
  readonly body: unknown;
}

/** The IDENTIFY a client sent on the gateway, and the URL it connected with. */
export interface GatewaySession {
  readonly url: string;
  readonly identify: { readonly token?: unknown; readonly intents?: unknown };
}

/** Options for the fake: ids it answers with, and how often clients must heartbeat. */
export interface FakeDiscordOptions {
  readonly applicationId?: string;
  readonly botUserId?: string;
  /** The gateway's HELLO interval; small in tests that watch heartbeats. */
  readonly heartbeatIntervalMs?: number;
  /** How long a nonce with `enforce_nonce` is remembered ("the past few minutes"); default 5 min. */
  readonly nonceWindowMs?: number;
}

/** A stand-in for Discord on 127.0.0.1: REST over HTTP and the gateway over WebSocket. */
export interface FakeDiscord {
  /** The REST base URL, as discord.js's `rest.api` option takes it (the version is appended). */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly requests: readonly RecordedRequest[];
  /** Commands registered per scope: `global` or the guild id. */
  readonly commands: Map<string, unknown[]>;
  /** Heartbeats received on the gateway. */
  readonly heartbeats: number;
  /** Resolves with the first request matching, whether it already arrived or arrives later. */
  waitForRequest(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Resolves once a client has identified on the gateway. */
  waitForSession(): Promise<GatewaySession>;
  /** Resolves after the n-th heartbeat has been acknowledged. */
  waitForHeartbeats(count: number): Promise<void>;
  /** Sends an INTERACTION_CREATE dispatch to every identified client. */
  dispatchInteraction(interaction: Record<string, unknown>): void;
  /** Makes the next request matching the rule fail the way Discord would. */
  failNext(rule: FailureRule): void;
  /** Answers the next matching request with a 429, its Retry-After and rate-limit headers. */
  rateLimitNext(rule: RateLimitRule): void;
  /** Accepts the next matching channel posts but answers them late (see SlowRule). */
  slowNext(rule: SlowRule): void;
  /** Answers every post held by a SlowRule without a delay. */
  releaseHeld(): void;
  /** Messages accepted by `POST /channels/{id}/messages` for that channel, in order. */
  channelMessages(channelId: string): readonly ChannelMessage[];
  /** Every message accepted by `POST /channels/{id}/messages`, in order. */
  readonly posted: readonly ChannelMessage[];
  close(): Promise<void>;
}

interface Waiter {
  readonly match: (request: RecordedRequest) => boolean;
  readonly resolve: (request: RecordedRequest) => void;
}

/** Starts a fake Discord on 127.0.0.1 on a free port. */
export async function createFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '100000000000000001';
  const botUserId = options.botUserId ?? applicationId;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;
  const requests: RecordedRequest[] = [];
  const waiters: Waiter[] = [];
  const failures: Array<FailureRule & { remaining: number }> = [];
  const posted: ChannelMessage[] = [];
  const slow: Array<SlowRule & { remaining: number }> = [];
  let held: Array<() => void> = [];
  // Nonces sent with enforce_nonce, and the message each created, for the window Discord keeps them.
  const nonces = new Map<
    string,
    { readonly at: number; readonly answer: Record<string, unknown> }
  >();
  const nonceWindowMs = options.nonceWindowMs ?? 300_000;
  const commands = new Map<string, unknown[]>();
  const channelOfToken = new Map<string, string>();
  const sockets = new Set<WebSocket>();
  const identified = new Set<WebSocket>();
  const sessionWaiters: Array<(session: GatewaySession) => void> = [];
  const sessions: GatewaySession[] = [];
  const heartbeatWaiters: Array<{ count: number; resolve: () => void }> = [];
  let heartbeats = 0;
  let sequence = 0;
  let nextId = 200_000_000_000_000_000n;

  const botUser = {
    id: botUserId,
    username: 'trucebrief',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  const wss = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    // Decoded, as Discord routes it: discord.js sends `@original` as `%40original`.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const received = await readBody(Buffer.concat(chunks), req.headers['content-type']);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      ...received,
    };
    requests.push(recorded);
    for (const waiter of [...waiters]) {
      if (waiter.match(recorded)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    }

    const failure = failures.find(
      (rule) => rule.method === recorded.method && rule.path.test(path),
    );
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
      if (failure.status === 0) {
        req.socket.destroy();
        return;
      }
      return json(res, failure.status, failure.body, failure.headers);
    }
    const [, ...segments] = path.split('/');
    const route = `${recorded.method} /${segments.map((s, i) => (i % 2 === 1 ? ':' : s)).join('/')}`;

    if (recorded.method === 'GET' && path === '/gateway/bot') {
      return json(res, 200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: 1,
        },
      });
    }
    if (recorded.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204).end();
      return;
    }
    const channelPost = /^\/channels\/([^/]+)\/messages$/.exec(path);
    if (channelPost && recorded.method === 'POST') {
      const channelId = channelPost[1] ?? '';
      const answer = createChannelMessage(channelId, recorded.body);
      if ('error' in answer) return json(res, 400, answer.error);
      const rule = slow.find((r) => r.method === recorded.method && r.path.test(path));
      if (rule) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) slow.splice(slow.indexOf(rule), 1);
        // Accepted already: the message is in the channel whether or not the client hears back.
        await new Promise<void>((resolve) => {
          if (rule.delayMs !== undefined) setTimeout(resolve, rule.delayMs);
          else held.push(resolve);
        });
      }
      return json(res, 200, answer.message);
    }
    const webhook = /^\/webhooks\/([^/]+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
    if (webhook && (recorded.method === 'POST' || recorded.method === 'PATCH')) {
      const [, , token = '', messageId] = webhook;
      return json(res, 200, message(recorded.body, token, messageId));
    }
    const commandsRoute = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/.exec(path);
    if (commandsRoute) {
      const scope = commandsRoute[2] ?? 'global';
      if (recorded.method === 'GET') return json(res, 200, commands.get(scope) ?? []);
      if (recorded.method === 'PUT' && Array.isArray(recorded.body)) {
        const stored = recorded.body.map((command: Record<string, unknown>) =>
          registered(command, commandsRoute[2]),
        );
        commands.set(scope, stored);
        return json(res, 200, stored);
      }
    }
    return json(res, 404, { message: `404: Not Found (${route})`, code: 0 });
  }

  /**
   * Creates a bot message in the channel, as Create Message does. With `enforce_nonce` and a
   * nonce the bot used within the window, the message that nonce created is returned and no new
   * one is made; a nonce over 25 characters is refused.
   * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
   */
  function createChannelMessage(
    channelId: string,
    body: unknown,
  ): { message: Record<string, unknown> } | { error: Record<string, unknown> } {
    const fields = typeof body === 'object' && body !== null ? body : {};
    const nonce = 'nonce' in fields ? fields.nonce : undefined;
    const enforce = 'enforce_nonce' in fields && fields.enforce_nonce === true;
    if (nonce !== undefined && String(nonce).length > 25) {
      return {
        error: {
          message: 'Invalid Form Body',
          code: 50035,
          errors: { nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
        },
      };
    }
    const key = nonce === undefined ? undefined : String(nonce);
    if (enforce && key !== undefined) {
      const seen = nonces.get(key);
      if (seen && Date.now() - seen.at < nonceWindowMs) return { message: seen.answer };
    }
    const sent = message(body, '', undefined);
    const id = typeof sent.id === 'string' ? sent.id : '';
    posted.push({ id, channelId, body });
    // A bot's own message carries no webhook or application id; it echoes the nonce.
    const { webhook_id: _webhook, application_id: _application, enforce_nonce: _e, ...own } = sent;
    const answer = { ...own, channel_id: channelId };
    if (enforce && key !== undefined) nonces.set(key, { at: Date.now(), answer });
    return { message: answer };
  }

  /** What Discord stores for a command: our JSON plus ids, a version and its defaults. */
  function registered(command: Record<string, unknown>, guildId: string | undefined): unknown {
    const options = Array.isArray(command.options) ? command.options : [];
    return {
      id: String(nextId++),
      application_id: applicationId,
      version: String(nextId++),
      type: 1,
      // A message command has no description; Discord echoes it as "".
      description: '',
      default_member_permissions: null,
      nsfw: false,
      description_localizations: null,
      name_localizations: null,
      ...(guildId ? { guild_id: guildId } : { contexts: null, integration_types: [0] }),
      ...command,
      options: options.map(withOptionDefaults),
    };
  }

  function withOptionDefaults(option: Record<string, unknown>): unknown {
    // Discord echoes `required: false` even when it was left out.
    return {
      required: false,
      ...option,
      ...(Array.isArray(option.options) ? { options: option.options.map(withOptionDefaults) } : {}),
    };
  }

  function message(
    body: unknown,
    token: string,
    messageId: string | undefined,
  ): Record<string, unknown> {
    const sent = typeof body === 'object' && body !== null ? body : {};
    return {
      ...discordMessage({
        id: messageId && messageId !== '@original' ? messageId : String(nextId++),
        channel_id: channelOfToken.get(token) ?? '300000000000000001',
        author: botUser,
        timestamp: new Date(0).toISOString(),
        webhook_id: applicationId,
        application_id: applicationId,
      }),
      ...sent,
    };
  }

  function json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): void {
    res.writeHead(status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function send(socket: WebSocket, payload: unknown): void {
    socket.send(JSON.stringify(payload));
  }

  wss.on('connection', (socket, req) => {
    sockets.add(socket);
    const url = new URL(req.url ?? '/', base).toString();
    socket.on('close', () => {
      sockets.delete(socket);
      identified.delete(socket);
    });
    socket.on('message', (data) => {
      const payload: unknown = JSON.parse(String(data));
      if (typeof payload !== 'object' || payload === null || !('op' in payload)) return;
      const d =
        'd' in payload && typeof payload.d === 'object' && payload.d !== null ? payload.d : {};
      switch (payload.op) {
        case 1: {
          send(socket, { op: 11 });
          heartbeats += 1;
          for (const waiter of [...heartbeatWaiters]) {
            if (heartbeats >= waiter.count) {
              heartbeatWaiters.splice(heartbeatWaiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
          return;
        }
        case 2: {
          identified.add(socket);
          sequence += 1;
          send(socket, {
            op: 0,
            t: 'READY',
            s: sequence,
            d: {
              v: 10,
              user: botUser,
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: gatewayUrl,
              shard: [0, 1],
              application: { id: applicationId, flags: 0 },
            },
          });
          const session: GatewaySession = { url, identify: d };
          sessions.push(session);
          for (const resolve of sessionWaiters.splice(0)) resolve(session);
          return;
        }
        default:
          return;
      }
    });
    send(socket, { op: 10, d: { heartbeat_interval: heartbeatInterval } });
  });

  return {
    apiUrl: `${base}/api`,
    gatewayUrl,
    applicationId,
    botUserId,
    requests,
    commands,
    get heartbeats() {
      return heartbeats;
    },
    waitForRequest(match) {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    waitForSession() {
      const [first] = sessions;
      if (first) return Promise.resolve(first);
      return new Promise((resolve) => sessionWaiters.push(resolve));
    },
    waitForHeartbeats(count) {
      if (heartbeats >= count) return Promise.resolve();
      return new Promise((resolve) => heartbeatWaiters.push({ count, resolve }));
    },
    dispatchInteraction(interaction) {
      if (typeof interaction.token === 'string' && typeof interaction.channel_id === 'string') {
        channelOfToken.set(interaction.token, interaction.channel_id);
      }
      sequence += 1;
      for (const socket of identified) {
        send(socket, { op: 0, t: 'INTERACTION_CREATE', s: sequence, d: interaction });
      }
    },
    failNext(rule) {
      failures.push({ ...rule, remaining: rule.times ?? 1 });
    },
    rateLimitNext({ method, path, retryAfterSeconds, global = false }) {
      // https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
      failures.push({
        method,
        path,
        status: 429,
        remaining: 1,
        headers: {
          // Whole seconds in the header (what @discordjs/rest reads), the exact value in the body.
          'retry-after': String(Math.ceil(retryAfterSeconds)),
          'x-ratelimit-scope': global ? 'global' : 'user',
          ...(global ? { 'x-ratelimit-global': 'true' } : {}),
        },
        body: {
          message: 'You are being rate limited.',
          retry_after: retryAfterSeconds,
          global,
          code: 0,
        },
      });
    },
    slowNext(rule) {
      slow.push({ ...rule, remaining: rule.times ?? 1 });
    },
    releaseHeld() {
      const waiting = held;
      held = [];
      for (const resolve of waiting) resolve();
    },
    channelMessages(channelId) {
      return posted.filter((sent) => sent.channelId === channelId);
    },
    posted,
    async close() {
      for (const resolve of held.splice(0)) resolve();
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A message object as Discord's API returns it, with no content and nothing mentioned; `fields`
 * sets the ids, author, time and anything else.
 * https://discord.com/developers/docs/resources/message#message-object
 */
export function discordMessage(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    type: 0,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    edited_timestamp: null,
    flags: 0,
    ...fields,
  };
}
