import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one request: a status, optional headers and body. */
export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A request the fake received. */
export interface ReceivedPost {
  readonly path: string;
  readonly query: string;
  /** The JSON body, or a multipart request's `payload_json`. */
  readonly body: unknown;
  /** A multipart request's file parts (Discord webhooks' `files[n]`). */
  readonly files?: readonly { field: string; name: string; type: string; bytes: Uint8Array }[];
}

/** A Slack/Discord incoming-webhook endpoint on 127.0.0.1 with scripted answers per path. */
export interface FakeWebhookServer {
  readonly baseUrl: string;
  readonly received: ReceivedPost[];
  /** Queues answers for a path; once used up, the path answers like the real platform's success. */
  script(path: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

let nextDiscordId = 1_100_000_000_000_000_000n;

/**
 * Starts the fake on port 0. Success looks like the platform's: Slack answers 200 "ok";
 * Discord (paths under /api/webhooks/) answers 200 with the message JSON when `wait=true`.
 */
export async function startFakeWebhookServer(): Promise<FakeWebhookServer> {
  const scripts = new Map<string, FakeAnswer[]>();
  const received: ReceivedPost[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.startsWith('multipart/form-data')) {
        // https://discord.com/developers/docs/reference#uploading-files
        const form = await new Response(raw, {
          headers: { 'content-type': contentType },
        }).formData();
        const files: NonNullable<ReceivedPost['files']>[number][] = [];
        let body: unknown;
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') {
            if (field === 'payload_json') body = JSON.parse(value);
          } else {
            const bytes = new Uint8Array(await value.arrayBuffer());
            files.push({ field, name: value.name, type: value.type, bytes });
          }
        }
        received.push({ path: url.pathname, query: url.search, body, files });
      } else {
        const text = raw.toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Keep the raw text: a test may want to see a malformed payload.
        }
        received.push({ path: url.pathname, query: url.search, body });
      }
      const answer = scripts.get(url.pathname)?.shift();
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? '');
        return;
      }
      if (url.pathname.startsWith('/api/webhooks/')) {
        nextDiscordId++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: String(nextDiscordId), channel_id: '1' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    script: (path, ...answers) => {
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
