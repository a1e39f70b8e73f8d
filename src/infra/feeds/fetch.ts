/**
 * One feed request: bounded in time and size, conditional (ETag, Last-Modified), following a few
 * redirects by hand so each hop is checked (http or https only, counted), and decoded by the
 * charset the server or the XML declaration names (many Ukrainian and Russian sites still serve
 * windows-1251).
 */

/** How far a feed request may go. */
export interface FetchLimits {
  /** The whole request, redirects and body included. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

/** Generous for a feed, small for a machine: 20 s, 5 MiB, 3 redirects. */
export const defaultFetchLimits: FetchLimits = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 3,
};

/** What a poll fetched: nothing new (304), or the feed's text with its validators. */
export type FeedResponse =
  | { readonly status: 'not-modified' }
  | {
      readonly status: 'ok';
      readonly text: string;
      readonly etag: string | null;
      readonly lastModified: string | null;
    };

/** A feed request that failed; `message` is one line for the log (never the feed's body). */
class FeedFetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedFetchError';
  }
}

const redirects = new Set([301, 302, 303, 307, 308]);

/** Fetches a feed; throws FeedFetchError for every failure (status, time, size, redirects). */
export async function fetchFeed(
  url: string,
  validators: { readonly etag: string | null; readonly lastModified: string | null },
  limits: FetchLimits = defaultFetchLimits,
): Promise<FeedResponse> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    const target = httpUrl(current);
    let response: Response;
    try {
      response = await fetch(target, {
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': 'trucebrief-feed-reader/1 (+editors review queue)',
          accept:
            'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
          ...(validators.etag ? { 'if-none-match': validators.etag } : {}),
          ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
        },
      });
    } catch (cause) {
      throw new FeedFetchError(
        signal.aborted ? `no answer within ${limits.timeoutMs} ms` : 'could not connect',
        { cause },
      );
    }
    if (redirects.has(response.status)) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FeedFetchError(`HTTP ${response.status} without a Location`);
      if (hop >= limits.maxRedirects) {
        throw new FeedFetchError(`more than ${limits.maxRedirects} redirects`);
      }
      current = new URL(location, target).toString();
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FeedFetchError(`HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, limits.maxBytes, signal);
    return {
      status: 'ok',
      text: decode(bytes, response.headers.get('content-type')),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  }
}

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedFetchError('not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedFetchError(`refused a ${parsed.protocol} URL`);
  }
  return parsed;
}

/** Reads the body up to `maxBytes`, giving up (and closing the connection) past it. */
async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedFetchError(`larger than ${maxBytes} bytes`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FeedFetchError(`larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof FeedFetchError) throw cause;
    throw new FeedFetchError(signal.aborted ? 'the body came too slowly' : 'the body broke off', {
      cause,
    });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Decodes by the header's charset, else the XML declaration's, else UTF-8. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const named =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(named.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
