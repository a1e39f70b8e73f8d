/**
 * /healthz, /readyz and /metrics: served through Bolt's customRoutes in Slack HTTP mode, else by
 * the small server here on HEALTH_PORT. Answers carry no error text: in HTTP mode they share the
 * public port with /slack/events, and a driver's message may name hosts or users.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/index.ts';

/** One thing /readyz waits for, named in its report. */
export interface ReadinessCheck {
  readonly name: string;
  /** True when ready; false, a rejection or running past the timeout means not ready. */
  readonly ready: () => boolean | Promise<boolean>;
}

/** A route: the shape Bolt's customRoutes and the health server both take; `:name` matches a segment. */
export interface HealthRoute {
  readonly path: string;
  /** GET (and HEAD) when absent; POST for Discord's interactions endpoint. */
  readonly method?: 'GET' | 'POST';
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
}

/** What the routes answer from. */
export interface HealthRoutesOptions {
  readonly checks: readonly ReadinessCheck[];
  readonly metrics: { readonly contentType: string; render(): Promise<string> };
  readonly logger: Logger;
  /** How long a check may take before it counts as not ready; default 2 s (a hung database). */
  readonly timeoutMs?: number;
}

/** What /readyz found: each check `ok` or `not ready`, and which are not. */
interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'not ready'>>;
  readonly unready: readonly string[];
}

/** Runs every check side by side, each bounded by the timeout. */
async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
  logger: Logger,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (check) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        });
        return (await Promise.race([Promise.resolve().then(check.ready), timeout])) === true;
      } catch (error) {
        logger.debug('readiness check failed', { check: check.name, error });
        return false;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const unready = checks.filter((_, i) => !results[i]).map((check) => check.name);
  return {
    ready: unready.length === 0,
    checks: Object.fromEntries(
      checks.map((check, i) => [check.name, results[i] ? 'ok' : 'not ready'] as const),
    ),
    unready,
  };
}

/** The three routes. */
export function createHealthRoutes(options: HealthRoutesOptions): HealthRoute[] {
  const timeoutMs = options.timeoutMs ?? 2000;
  const fail = (response: ServerResponse, error: unknown) => {
    options.logger.error('health route failed', { error });
    if (!response.headersSent) sendJson(response, 500, { status: 'error' });
  };
  return [
    {
      path: '/healthz',
      // The process answers, so it is up; nothing else is asked, so a slow database never
      // gets a live bot restarted.
      handler: (_request, response) => sendJson(response, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      handler: (_request, response) => {
        checkReadiness(options.checks, timeoutMs, options.logger).then(
          (readiness) =>
            sendJson(response, readiness.ready ? 200 : 503, {
              status: readiness.ready ? 'ready' : 'not ready',
              checks: readiness.checks,
              ...(readiness.ready ? {} : { unready: readiness.unready }),
            }),
          (error: unknown) => fail(response, error),
        );
      },
    },
    {
      path: '/metrics',
      handler: (_request, response) => {
        options.metrics.render().then(
          (text) => {
            response.writeHead(200, { 'content-type': options.metrics.contentType });
            response.end(text);
          },
          (error: unknown) => fail(response, error),
        );
      },
    },
  ];
}

/** A running health server. */
export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the routes on `host:port` (port 0: any free one), each on its method; 404 elsewhere. */
export async function startHealthServer(options: {
  readonly host: string;
  readonly port: number;
  readonly routes: readonly HealthRoute[];
}): Promise<HealthServer> {
  const byPath = new Map(options.routes.map((route) => [route.path, route]));
  // Routes with `:name` segments (the pictures') match one path segment per name, as Bolt's do.
  const patterns = options.routes
    .filter((route) => route.path.includes('/:'))
    .map((route) => ({
      pattern: new RegExp(`^${route.path.replace(/\/:[A-Za-z]+/g, '/[^/]+')}$`),
      route,
    }));
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route =
      byPath.get(pathname) ?? patterns.find((candidate) => candidate.pattern.test(pathname))?.route;
    if (!route) return sendJson(response, 404, { status: 'not found' });
    const allowed = route.method === 'POST' ? ['POST'] : ['GET', 'HEAD'];
    if (!allowed.includes(request.method ?? '')) {
      response.setHeader('allow', allowed.join(', '));
      return sendJson(response, 405, { status: 'method not allowed' });
    }
    route.handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Probes keep connections alive; they must not hold shutdown open.
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
