// Discord's HTTP interactions as Discord sends them: a real Ed25519 key pair made per harness,
// requests signed over timestamp + body, POSTed to the endpoint on 127.0.0.1.
// https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  createDiscordHttpAdapter,
  type DiscordHttpAdapter,
  type DiscordHttpAdapterOptions,
} from '../../../src/adapters/discord/http-interactions.ts';
import { type Core, createCore, type DailyService } from '../../../src/core/index.ts';
import { type HealthServer, startHealthServer } from '../../../src/infra/health.ts';
import {
  createFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
} from '../../fakes/fake-discord.ts';
import { createFixtureCore, createMemoryLogger } from './harness.ts';
import { ids } from './interactions.ts';

/** An Ed25519 key pair, the public half as the Developer Portal shows it (hex). */
export interface SigningKeys {
  readonly privateKey: KeyObject;
  readonly publicKeyHex: string;
}

/** A fresh key pair, as an application has. */
export function createSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // The raw key is the last 32 bytes of its DER SubjectPublicKeyInfo.
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKeyHex: der.subarray(der.length - 32).toString('hex') };
}

/** How one request is made: Discord's way unless a test says otherwise. */
export interface PostOptions {
  /** Seconds since the epoch, as X-Signature-Timestamp carries it; default now. */
  readonly timestamp?: string;
  /** The key that signs; default the application's. */
  readonly signingKey?: KeyObject;
  /** Overrides the computed headers, or removes one with undefined. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The body sent, when it is not the signed one (a tampered request). */
  readonly sentBody?: string | Buffer;
  readonly method?: string;
}

/** What the endpoint answered. */
export interface PostResult {
  readonly status: number;
  readonly body: unknown;
}

/** A running HTTP interactions endpoint against a fake Discord. */
export interface HttpHarness {
  readonly discord: FakeDiscord;
  readonly adapter: DiscordHttpAdapter;
  readonly core: Core;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  readonly keys: SigningKeys;
  readonly url: string;
  /** Signs `body` (a payload, or raw text) like Discord and POSTs it. */
  post(body: unknown, options?: PostOptions): Promise<PostResult>;
  /** The headers Discord would send with `raw`. */
  signedHeaders(raw: string | Buffer, options?: PostOptions): Record<string, string>;
  /** Webhook requests (follow-ups, edits) made with an interaction's token; waits until `count` arrived. */
  webhookCalls(token: string, count: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** Starts a fake Discord, the HTTP adapter (without a bot token unless given) and a server for its route. */
export async function startHttpHarness(
  options: {
    readonly core?: Core;
    readonly daily?: DailyService;
    readonly token?: string;
    readonly adapter?: DiscordHttpAdapterOptions;
  } = {},
): Promise<HttpHarness> {
  const discord = await createFakeDiscord({ applicationId: ids.application });
  const given = options.core ?? (await createFixtureCore());
  const core = options.daily ? createCore(given.knowledge, { daily: options.daily }) : given;
  const logger = createMemoryLogger();
  const keys = createSigningKeys();
  const adapter = createDiscordHttpAdapter(
    {
      applicationId: ids.application,
      publicKey: keys.publicKeyHex,
      apiUrl: discord.apiUrl,
      ...(options.token ? { token: options.token } : {}),
    },
    core,
    logger,
    options.adapter,
  );
  const server: HealthServer = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    routes: [adapter.route],
  });
  await adapter.start();
  const url = `http://127.0.0.1:${server.port}${adapter.route.path}`;

  const signedHeaders = (raw: string | Buffer, given: PostOptions = {}) => {
    const timestamp = given.timestamp ?? String(Math.floor(Date.now() / 1000));
    const signature = sign(
      null,
      Buffer.concat([Buffer.from(timestamp), Buffer.from(raw)]),
      given.signingKey ?? keys.privateKey,
    ).toString('hex');
    return {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    };
  };

  return {
    discord,
    adapter,
    core,
    logger,
    keys,
    url,
    signedHeaders,
    async post(body, given = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = { ...signedHeaders(raw, given) };
      for (const [name, value] of Object.entries(given.headers ?? {})) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      const response = await fetch(url, {
        method: given.method ?? 'POST',
        headers,
        ...(given.method === 'GET' || given.method === 'HEAD'
          ? {}
          : { body: given.sentBody ?? raw }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async webhookCalls(token, count) {
      const isWebhook = (request: RecordedRequest) =>
        request.path.startsWith(`/webhooks/${ids.application}/${token}`);
      await discord.waitForRequest(() => discord.requests.filter(isWebhook).length >= count);
      return discord.requests.filter(isWebhook);
    },
    async close() {
      await adapter.stop();
      await server.close();
      await discord.close();
    },
  };
}
