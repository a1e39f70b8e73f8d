import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake feed server answered, for assertions on conditional requests. */
export interface FeedRequest {
  readonly path: string;
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
}

/** How a path answers: a feed body with validators, or a scripted misbehaviour. */
export type FeedRoute =
  | {
      readonly kind: 'feed';
      readonly body: string | Buffer;
      readonly contentType?: string;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'huge'; readonly bytes: number };

/** A feed publisher on 127.0.0.1 whose paths the test scripts. */
export interface FakeFeeds {
  readonly url: string;
  readonly requests: readonly FeedRequest[];
  route(path: string, route: FeedRoute): void;
  close(): Promise<void>;
}

/** Starts the fake on an ephemeral loopback port. */
export async function createFakeFeeds(): Promise<FakeFeeds> {
  const routes = new Map<string, FeedRoute>();
  const requests: FeedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    requests.push({
      path,
      ifNoneMatch: header('if-none-match'),
      ifModifiedSince: header('if-modified-since'),
    });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    switch (route.kind) {
      case 'feed': {
        // Conditional GET as a well-behaved publisher does it: either validator matching is 304.
        const fresh =
          (route.etag !== undefined && header('if-none-match') === route.etag) ||
          (route.lastModified !== undefined && header('if-modified-since') === route.lastModified);
        const validators = {
          ...(route.etag ? { etag: route.etag } : {}),
          ...(route.lastModified ? { 'last-modified': route.lastModified } : {}),
        };
        if (fresh) {
          res.writeHead(304, validators).end();
          return;
        }
        res
          .writeHead(200, {
            'content-type': route.contentType ?? 'application/rss+xml; charset=UTF-8',
            ...validators,
          })
          .end(route.body);
        return;
      }
      case 'status':
        res.writeHead(route.status, { 'content-type': 'text/html' }).end('<h1>error</h1>');
        return;
      case 'redirect':
        res.writeHead(302, { location: route.location }).end();
        return;
      case 'hang':
        hanging.add(res);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'huge': {
        // No Content-Length: the reader must count as the bytes come.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < route.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => {});
        pump();
        return;
      }
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(path, route) {
      routes.set(path, route);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
