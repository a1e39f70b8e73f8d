/**
 * GET /pictures/<version>/<name>.png: the pictures Slack's image blocks point at when
 * PUBLIC_BASE_URL is set. Only paths the knowledge gives (core `pictureAtPath`) are drawn; anything
 * else is a 404 before any drawing, so a crawler cannot make the bot render at will, and nothing in
 * the path ever reaches the file system.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Core, type Logger, pictureAtPath } from '../core/index.ts';
import type { HealthRoute } from './health.ts';

/** The route's pattern, as Bolt's customRoutes (path-to-regexp) take it. */
export const picturesRoutePattern = '/pictures/:version/:file';

/** Lower-case hex version, a short name and `.png`: the only shape picturePath makes. */
const picturePathShape = /^\/pictures\/[0-9a-f]{16}\/[a-z0-9-]{1,32}\.png$/;

/**
 * A URL names one image forever (its version is a hash of what it shows), so caches may keep it
 * for a year without asking again.
 */
const cacheControl = 'public, max-age=31536000, immutable';

/** What the route draws from. */
export interface PictureRouteOptions {
  readonly core: Pick<Core, 'knowledge' | 'renderPicture'>;
  readonly logger: Logger;
}

/** The picture route, for Slack HTTP mode's customRoutes. */
export function createPictureRoute(options: PictureRouteOptions): HealthRoute {
  return {
    path: picturesRoutePattern,
    handler: (request, response) => {
      servePicture(request, response, options).catch((error: unknown) => {
        options.logger.error('picture route failed', { error, url: request.url });
        if (!response.headersSent) sendText(response, 500, 'error');
        else response.destroy();
      });
    },
  };
}

async function servePicture(
  request: IncomingMessage,
  response: ServerResponse,
  options: PictureRouteOptions,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return sendText(response, 405, 'method not allowed');
  }
  // The raw path, not a decoded one: `%2e%2e` or `%2f` never match the shape.
  const pathname = (request.url ?? '/').split('?')[0] ?? '/';
  const picture = picturePathShape.test(pathname)
    ? pictureAtPath(options.core.knowledge, pathname)
    : undefined;
  if (!picture) return sendText(response, 404, 'not found');
  const image = await options.core.renderPicture(picture);
  if (!image) return sendText(response, 404, 'not found');
  const version = pathname.split('/')[2] ?? '';
  const etag = `"${version}"`;
  const headers = {
    'content-type': 'image/png',
    'cache-control': cacheControl,
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': String(image.png.byteLength) });
  if (request.method === 'HEAD') response.end();
  else response.end(image.png);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}
