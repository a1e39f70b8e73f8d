import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One request the fake Slack received: a Web API call or a post to a response_url. */
export interface FakeSlackRequest {
  readonly kind: 'api' | 'response' | 'upload';
  /** The Web API method (`chat.postMessage`), the response_url id, or the uploaded file's id. */
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: IncomingMessage['headers'];
  /** An upload's bytes, as posted to the upload_url files.getUploadURLExternal gave. */
  readonly bytes?: Uint8Array;
}

/** A Socket Mode envelope's acknowledgement, as the app sent it over the WebSocket. */
export interface FakeSlackAck {
  readonly envelope_id: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/**
 * One scripted Web API answer: an HTTP status, headers and JSON body, optionally after a delay.
 * Without a body the call does what Slack would (a post is made) and only the answer is late.
 */
export interface FakeSlackReply {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, unknown>>;
  /** Waits this long before answering, to stand in for a slow Slack. */
  readonly delayMs?: number;
  /** Answers only when `releaseHeld()` is called: a client that died never hears back. */
  readonly hold?: boolean;
}

/** A message chat.postMessage put in a channel. */
export interface FakeSlackMessage {
  readonly channel: string;
  readonly ts: string;
  readonly text: unknown;
  /** `{ event_type, event_payload }` when the post carried metadata. */
  readonly metadata: unknown;
  /** The token that posted it: Slack shows metadata only to the app that posted it, by default. */
  readonly token: string | undefined;
}

/** A workspace member as users.info describes them; only the fields the bot reads. */
export interface FakeSlackUser {
  readonly id: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly is_primary_owner?: boolean;
  readonly tz?: string;
}

/** A conversation as conversations.info describes it; only the fields the bot reads. */
export interface FakeSlackChannel {
  readonly id: string;
  /** Whether the bot is in it; conversations.join makes it so for a public channel. */
  readonly is_member: boolean;
  readonly is_private?: boolean;
  /** People in it, for users.conversations asked with `user`. */
  readonly members?: readonly string[];
}

/** A workspace that installs the app through OAuth on the fake. */
export interface FakeSlackWorkspace {
  readonly teamId: string;
  readonly teamName?: string;
  /** Who clicked "Allow"; default U0INSTALLER. */
  readonly userId?: string;
  /** Seconds the bot token lives (token rotation); default 43200, Slack's 12 hours. */
  readonly expiresIn?: number;
}

/** The app's OAuth credentials, as the fake checks them in oauth.v2.access. */
export interface FakeSlackOAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A Slack stand-in on 127.0.0.1: Web API, response URLs and the Socket Mode WebSocket. */
export interface FakeSlack {
  /** Web API base URL, with the trailing slash Bolt expects. */
  readonly apiUrl: string;
  readonly requests: readonly FakeSlackRequest[];
  /** Queues answers for a Web API method, used one per call before the default answer resumes. */
  script(method: string, ...replies: FakeSlackReply[]): void;
  /** Adds or replaces a member that users.info knows; unknown ids get `user_not_found`. */
  addUser(user: FakeSlackUser): void;
  /**
   * Adds or replaces a conversation. Unknown ids answer as public channels the bot is in, so
   * tests that are not about membership need not declare theirs.
   */
  addChannel(channel: FakeSlackChannel): void;
  /** Answers every call held by a `hold` reply. */
  releaseHeld(): void;
  /** Messages posted to a channel (every channel when absent), oldest first. */
  messages(channel?: string): readonly FakeSlackMessage[];
  /** Calls to one Web API method so far, in order. */
  calls(method: string): readonly FakeSlackRequest[];
  /** A fresh response_url on the fake; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  /** Resolves with the first request, past or future, that matches. */
  waitFor(predicate: (request: FakeSlackRequest) => boolean): Promise<FakeSlackRequest>;
  /** Resolves once a Socket Mode client has connected and been greeted. */
  socketConnected(): Promise<void>;
  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement of it. */
  sendEnvelope(envelope: Readonly<Record<string, unknown>>): Promise<FakeSlackAck>;
  /**
   * OAuth: what oauth.v2.access checks the client id and secret against; without it, any pass.
   * https://docs.slack.dev/reference/methods/oauth.v2.access
   */
  acceptOAuthApp(app: FakeSlackOAuthApp): void;
  /**
   * OAuth: someone in `workspace` allowed the app; returns the one-time code Slack puts in the
   * redirect. Exchanging it with oauth.v2.access issues a rotating bot token (`xoxe.xoxb-…`).
   */
  authorizeInstall(workspace: FakeSlackWorkspace): string;
  /** The bot token the fake last issued to a workspace, by install or refresh. */
  botTokenOf(teamId: string): string | undefined;
  close(): Promise<void>;
}

/** Identity the fake's auth.test reports for the bot token. */
const fakeBotIdentity = {
  team_id: 'T0FAKE',
  user_id: 'U0BOT',
  bot_id: 'B0BOT',
} as const;

// A stuck wait fails the test with a message instead of hanging until vitest's own timeout.
const waitLimitMs = 10_000;

/** Starts the fake on an ephemeral loopback port. */
export async function createFakeSlack(): Promise<FakeSlack> {
  const requests: FakeSlackRequest[] = [];
  const waiters = new Set<(request: FakeSlackRequest) => void>();
  const scripts = new Map<string, FakeSlackReply[]>();
  const users = new Map<string, FakeSlackUser>();
  const channels = new Map<string, FakeSlackChannel>();
  let envelopeCounter = 0;
  let messageCounter = 0;
  let fileCounter = 0;
  const posted: FakeSlackMessage[] = [];
  let held: Array<() => void> = [];
  let oauthApp: FakeSlackOAuthApp | undefined;
  let grantCounter = 0;
  /** One-time codes from authorizeInstall, until exchanged. */
  const codes = new Map<string, FakeSlackWorkspace>();
  /** Live refresh tokens, each for one workspace; a used one is gone (Slack rotates them too). */
  const refreshTokens = new Map<string, FakeSlackWorkspace>();
  /** Every bot token issued, with its workspace, so auth.test can say whose it is. */
  const botTokens = new Map<string, FakeSlackWorkspace>();
  const latestBotToken = new Map<string, string>();

  const record = (request: FakeSlackRequest): void => {
    requests.push(request);
    for (const waiter of waiters) waiter(request);
  };

  const server: Server = createServer(async (req, res) => {
    const bytes = await readBytes(req);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // files.uploadV2's second step: the file's bytes, posted to the URL Slack handed out.
    // https://docs.slack.dev/messaging/working-with-files#upload
    const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
    if (upload?.[1]) {
      record({
        kind: 'upload',
        name: upload[1],
        body: {},
        headers: req.headers,
        bytes: await uploadedBytes(bytes, req.headers['content-type']),
      });
      res.setHeader('content-type', 'text/plain');
      res.end(`OK - ${bytes.length}`);
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const response = /^\/response\/([\w-]+)$/.exec(url.pathname);
    res.setHeader('content-type', 'application/json');
    if (api?.[1]) {
      const method = api[1];
      const body = parseBody(raw, req);
      record({ kind: 'api', name: method, body, headers: req.headers });
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      const scripted = scripts.get(method)?.shift();
      if (scripted) {
        // No body: Slack does the work (a post lands in the channel) and answers late.
        const answer = scripted.body ?? apiAnswer(method, body, token);
        if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
        if (scripted.hold) await new Promise<void>((resolve) => held.push(resolve));
        res.statusCode = scripted.status ?? 200;
        for (const [name, value] of Object.entries(scripted.headers ?? {}))
          res.setHeader(name, value);
        res.end(JSON.stringify(answer));
        return;
      }
      res.end(JSON.stringify(apiAnswer(method, body, token)));
      return;
    }
    if (response?.[1]) {
      record({
        kind: 'response',
        name: response[1],
        body: parseBody(raw, req),
        headers: req.headers,
      });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ ok: false, error: 'unknown_path' }));
  });
  const sockets = new WebSocketServer({ server, path: '/socket' });
  let client: WebSocket | undefined;
  const greeted = new Promise<void>((resolve) => {
    sockets.on('connection', (socket) => {
      client = socket;
      // Slack greets every Socket Mode connection before sending envelopes.
      // https://docs.slack.dev/apis/events-api/using-socket-mode#connect
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0FAKE' },
        }),
      );
      resolve();
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  function apiAnswer(
    method: string,
    body: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const installed = token === undefined ? undefined : botTokens.get(token);
        if (installed) {
          return {
            ok: true,
            url: `https://${installed.teamId.toLowerCase()}.slack.invalid/`,
            team: installed.teamName ?? installed.teamId,
            team_id: installed.teamId,
            user_id: `U0BOT${installed.teamId}`,
            bot_id: `B0BOT${installed.teamId}`,
          };
        }
        return { ok: true, url: 'https://fake.slack.invalid/', team: 'Fake', ...fakeBotIdentity };
      }
      case 'oauth.v2.access':
        return oauthAccess(body);
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/socket` };
      case 'chat.postMessage': {
        // Each message gets its own ts, as Slack's do, in the channel it was posted to.
        const message: FakeSlackMessage = {
          channel: String(body.channel ?? 'C0FAKE'),
          ts: `1700000000.${String(100 + messageCounter++).padStart(6, '0')}`,
          text: body.text,
          metadata: body.metadata,
          token,
        };
        posted.push(message);
        return { ok: true, channel: message.channel, ts: message.ts };
      }
      case 'conversations.history': {
        // Newest first, `limit` of them (Slack's default 100). Metadata is shown only to the app
        // that posted it unless include_all_metadata is set.
        // https://docs.slack.dev/reference/methods/conversations.history
        const all = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const limit = Number(body.limit ?? 100);
        const messages = posted
          .filter((m) => m.channel === body.channel)
          .reverse()
          .slice(0, limit)
          .map((m) => ({
            type: 'message',
            subtype: 'bot_message',
            bot_id: fakeBotIdentity.bot_id,
            ts: m.ts,
            text: m.text,
            ...(m.metadata !== undefined && (all || m.token === token)
              ? { metadata: m.metadata }
              : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'users.info': {
        // https://docs.slack.dev/reference/methods/users.info
        const user = users.get(String(body.user));
        return user
          ? { ok: true, user: { name: user.id.toLowerCase(), deleted: false, ...user } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.info': {
        // A private channel the bot is not in does not exist as far as the bot can tell.
        // https://docs.slack.dev/reference/methods/conversations.info
        const id = String(body.channel);
        const channel = channels.get(id) ?? { id, is_member: true };
        if (channel.is_private && !channel.is_member)
          return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: { is_channel: !channel.is_private, is_private: false, ...channel },
        };
      }
      case 'conversations.join': {
        // https://docs.slack.dev/reference/methods/conversations.join
        const id = String(body.channel);
        const channel = channels.get(id) ?? { id, is_member: true };
        if (channel.is_private)
          return { ok: false, error: 'method_not_supported_for_channel_type' };
        channels.set(id, { ...channel, is_member: true });
        return { ok: true, channel: { id, is_member: true } };
      }
      case 'users.conversations': {
        // The bot's own conversations: the channels added as members; with `user`, that person's
        // public channels and the private ones the bot shares with them.
        // https://docs.slack.dev/reference/methods/users.conversations
        const asked = body.user === undefined ? undefined : String(body.user);
        const member = [...channels.values()].filter((c) =>
          asked === undefined
            ? c.is_member
            : (c.members ?? []).includes(asked) && (!c.is_private || c.is_member),
        );
        return {
          ok: true,
          channels: member.map((c) => ({ id: c.id, name: c.id.toLowerCase(), is_member: true })),
          response_metadata: { next_cursor: '' },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1700000000.000200' };
      case 'files.getUploadURLExternal': {
        // https://docs.slack.dev/reference/methods/files.getUploadURLExternal
        const fileId = `F0FAKE${String(fileCounter++).padStart(4, '0')}`;
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        // https://docs.slack.dev/reference/methods/files.completeUploadExternal
        const files = Array.isArray(body.files) ? (body.files as Record<string, unknown>[]) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? null })) };
      }
      default:
        return { ok: true };
    }
  }

  /**
   * oauth.v2.access: a code from the redirect, or a refresh token (grant_type=refresh_token),
   * for a rotating bot token. The shape is Slack's documented answer.
   * https://docs.slack.dev/reference/methods/oauth.v2.access
   * https://docs.slack.dev/authentication/using-token-rotation
   */
  function oauthAccess(body: Record<string, unknown>): Record<string, unknown> {
    if (oauthApp && body.client_id !== oauthApp.clientId) {
      return { ok: false, error: 'invalid_client_id' };
    }
    if (oauthApp && body.client_secret !== oauthApp.clientSecret) {
      return { ok: false, error: 'bad_client_secret' };
    }
    const refreshing = body.grant_type === 'refresh_token';
    const key = String(refreshing ? body.refresh_token : body.code);
    const grants = refreshing ? refreshTokens : codes;
    const workspace = grants.get(key);
    if (!workspace)
      return { ok: false, error: refreshing ? 'invalid_refresh_token' : 'invalid_code' };
    grants.delete(key);
    const serial = ++grantCounter;
    const accessToken = `xoxe.xoxb-1-${workspace.teamId}-${serial}`;
    const refreshToken = `xoxe-1-refresh-${workspace.teamId}-${serial}`;
    botTokens.set(accessToken, workspace);
    latestBotToken.set(workspace.teamId, accessToken);
    refreshTokens.set(refreshToken, workspace);
    const userId = workspace.userId ?? 'U0INSTALLER';
    return {
      ok: true,
      app_id: 'A0FAKE',
      authed_user: refreshing ? { id: userId } : { id: userId, scope: '', token_type: 'user' },
      scope: 'commands,chat:write,app_mentions:read,users:read',
      token_type: 'bot',
      access_token: accessToken,
      bot_user_id: `U0BOT${workspace.teamId}`,
      refresh_token: refreshToken,
      expires_in: workspace.expiresIn ?? 43_200,
      team: { id: workspace.teamId, name: workspace.teamName ?? workspace.teamId },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  return {
    apiUrl: `${base}/api/`,
    requests,
    script(method, ...replies) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...replies]);
    },
    addUser(user) {
      users.set(user.id, user);
    },
    addChannel(channel) {
      channels.set(channel.id, channel);
    },
    releaseHeld() {
      const waiting = held;
      held = [];
      for (const resolve of waiting) resolve();
    },
    messages: (channel) => posted.filter((m) => channel === undefined || m.channel === channel),
    calls: (method) => requests.filter((r) => r.kind === 'api' && r.name === method),
    responseUrl: (id) => `${base}/response/${id}`,
    waitFor(predicate) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error('fake Slack: no matching request arrived'));
        }, waitLimitMs);
        const waiter = (request: FakeSlackRequest): void => {
          if (!predicate(request)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(request);
        };
        waiters.add(waiter);
      });
    },
    socketConnected: () => greeted,
    async sendEnvelope(envelope) {
      const socket = client;
      if (!socket) throw new Error('fake Slack: no Socket Mode client connected');
      const envelopeId = String(envelope.envelope_id ?? `env-${++envelopeCounter}`);
      const acked = new Promise<FakeSlackAck>((resolve) => {
        const onMessage = (data: Buffer): void => {
          const message = JSON.parse(data.toString()) as FakeSlackAck;
          if (message.envelope_id !== envelopeId) return;
          socket.off('message', onMessage);
          resolve(message);
        };
        socket.on('message', onMessage);
      });
      socket.send(JSON.stringify({ ...envelope, envelope_id: envelopeId }));
      return acked;
    },
    acceptOAuthApp(app) {
      oauthApp = app;
    },
    authorizeInstall(workspace) {
      const code = `${workspace.teamId.toLowerCase()}.code.${++grantCounter}`;
      codes.set(code, workspace);
      return code;
    },
    botTokenOf: (teamId) => latestBotToken.get(teamId),
    async close() {
      for (const resolve of held.splice(0)) resolve();
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The file of an upload: the raw body, or the file part of a multipart one (what the SDK sends). */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Uint8Array> {
  if (!contentType?.startsWith('multipart/form-data')) return new Uint8Array(raw);
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return new Uint8Array(await value.arrayBuffer());
  }
  return new Uint8Array();
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The Web API client sends form fields, with arrays and objects (blocks) as JSON strings;
 * response_url posts are JSON. Both become one object so tests assert on the same shape.
 */
function parseBody(raw: string, req: IncomingMessage): Record<string, unknown> {
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    return JSON.parse(raw) as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}
