/**
 * A gate in front of Bolt's HTTP receiver for what Bolt lets through. Bolt refuses requests more
 * than five minutes old but not ones dated in the future, accepts the same signed request twice,
 * and crashes the process on a signed body that is valid JSON but not an object (`null`, or form
 * `payload=null`: its receiver reads `body.ssl_check` outside any catch). The gate buffers the body,
 * checks all three and hands Bolt the buffered request, which Bolt reuses instead of reading the
 * stream again. Bolt still verifies the signature itself afterwards.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ParsedUrlQuery, parse as parseQuery } from 'node:querystring';
import { type HTTPReceiver, verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';
import { createReplayMemory, type ReplayMemory } from '../replay-memory.ts';
import { slackLimits } from './limits.ts';

/** What the gate needs besides the receiver. */
export interface SlackRequestGateOptions {
  readonly signingSecret: string;
  /** The paths Bolt serves events on; other requests pass untouched (Bolt answers them 404). */
  readonly endpoints: readonly string[];
  readonly logger: Logger;
  /** Epoch milliseconds; tests move it. */
  readonly now?: () => number;
}

/** A request the gate refuses: the status to answer and the log line saying why. */
interface Refusal {
  readonly status: number;
  readonly reason: string;
}

const windowMs = slackLimits.requestAgeSeconds * 1000;
// Bolt's own default body limit (4 MB), so the gate refuses nothing Bolt would have taken.
const bodyLimitBytes = 4 * 1024 * 1024;

/** Puts the gate in front of the receiver's request listener. */
export function gateSlackRequests(receiver: HTTPReceiver, options: SlackRequestGateOptions): void {
  const now = options.now ?? Date.now;
  const replays = createReplayMemory(windowMs);
  const bolt = receiver.requestListener;
  receiver.requestListener = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'POST' || !options.endpoints.includes(path)) {
      bolt(request, response);
      return;
    }
    void readBody(request).then(
      (raw) => {
        const refusal = screen(request, raw, options.signingSecret, now(), replays);
        if (refusal) {
          options.logger.warn('Slack request refused', {
            status: refusal.status,
            reason: refusal.reason,
          });
          answer(response, refusal.status);
          return;
        }
        // Bolt reads `rawBody` when it is there instead of the stream we have already drained.
        (request as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
        // Called from a promise now, outside the server's own try around the listener: a throw
        // here would otherwise be an unhandled rejection.
        try {
          bolt(request, response);
        } catch (error) {
          options.logger.error('Slack request failed in Bolt', { error });
          if (!response.headersSent) answer(response, 500);
        }
      },
      (error: unknown) => {
        const tooLarge = error instanceof BodyTooLargeError;
        options.logger.warn('Slack request refused', {
          status: tooLarge ? 413 : 400,
          reason: tooLarge ? 'body over 4 MB' : 'body could not be read',
        });
        answer(response, tooLarge ? 413 : 400);
      },
    );
  };
}

/** The first reason to refuse a request, or undefined when Bolt may have it. */
function screen(
  request: IncomingMessage,
  raw: Buffer,
  signingSecret: string,
  nowMs: number,
  replays: ReplayMemory,
): Refusal | undefined {
  const text = raw.toString();
  const form = request.headers['content-type'] === 'application/x-www-form-urlencoded';
  const fields = form ? parseQuery(text) : undefined;
  // Slack's SSL check is unsigned by design; Bolt answers it and drops anything smuggled with it.
  if (fields?.ssl_check === '1') return undefined;

  const signature = request.headers['x-slack-signature'];
  const timestampHeader = request.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestampHeader !== 'string') {
    return { status: 401, reason: 'signature or timestamp header missing' };
  }
  const timestamp = Number(timestampHeader);
  if (!Number.isInteger(timestamp) || Math.abs(nowMs - timestamp * 1000) > windowMs) {
    return { status: 401, reason: 'timestamp more than five minutes from now' };
  }
  try {
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { status: 401, reason: 'signature does not match' };
  }
  // Only a verified signature is remembered: a forged one must not block the genuine request.
  if (!replays.firstSight(signature, nowMs)) {
    return { status: 401, reason: 'signature already used' };
  }
  return isObjectBody(text, fields)
    ? undefined
    : { status: 400, reason: 'body is not a JSON object' };
}

/** Whether the body parses, as Bolt will parse it, to an object (Bolt assumes one). */
function isObjectBody(text: string, form: ParsedUrlQuery | undefined): boolean {
  try {
    // A form is read as its `payload` field's JSON when it has one, else as the fields themselves.
    const body: unknown = form
      ? typeof form.payload === 'string'
        ? JSON.parse(form.payload)
        : form
      : JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > bodyLimitBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(response: ServerResponse, status: number): void {
  response.writeHead(status);
  response.end();
}
