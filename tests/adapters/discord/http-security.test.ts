// Requests Discord did not sign, or signed for another moment, are refused before anything reads
// them; nothing anyone sends crashes the endpoint. Discord itself sends bad signatures to check.
// https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKeys, type HttpHarness, startHttpHarness } from './http-harness.ts';
import { ids, slashCommand } from './interactions.ts';

const ping = () => ({
  id: `9${String(Math.random()).slice(2, 19)}`,
  application_id: ids.application,
  type: 1,
  token: 'ping-token',
  version: 1,
});
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('Discord HTTP interactions: what is refused', () => {
  let http: HttpHarness;

  beforeAll(async () => {
    http = await startHttpHarness();
  });
  afterAll(async () => {
    await http.close();
  });

  /** After every refusal the endpoint still answers Discord. */
  async function expectStillServing(): Promise<void> {
    expect(await http.post(ping())).toEqual({ status: 200, body: { type: 1 } });
  }

  it('refuses an unsigned request with 401', async () => {
    const result = await http.post(ping(), {
      headers: { 'x-signature-ed25519': undefined, 'x-signature-timestamp': undefined },
    });
    expect(result.status).toBe(401);
    await expectStillServing();
  });

  it('refuses a request signed with another key with 401', async () => {
    const result = await http.post(ping(), { signingKey: createSigningKeys().privateKey });
    expect(result.status).toBe(401);
  });

  it('refuses a tampered body with 401, and the command never runs', async () => {
    const honest = slashCommand('fact', 'when was minsk ii signed');
    const raw = JSON.stringify(honest.payload);
    const tampered = raw.replace('when was minsk ii signed', 'who signed minsk ii');
    expect(tampered).not.toBe(raw);
    const result = await http.post(raw, { sentBody: tampered });
    expect(result.status).toBe(401);
    expect(http.logger.records.some((r) => r.message === 'discord interaction failed')).toBe(false);
  });

  it.each([
    ['missing the timestamp', { 'x-signature-timestamp': undefined }],
    ['with a signature that is not hex', { 'x-signature-ed25519': 'z'.repeat(128) }],
    ['with a signature of the wrong length', { 'x-signature-ed25519': 'ab'.repeat(32) }],
    ['with a timestamp that is not a number', { 'x-signature-timestamp': '17e8' }],
  ])('refuses a request %s with 401', async (_name, headers) => {
    expect((await http.post(ping(), { headers })).status).toBe(401);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    const result = await http.post(ping(), { timestamp: seconds(Date.now() - 6 * 60_000) });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ message: 'timestamp too old' });
  });

  it('refuses a correctly signed request dated in the future with 401', async () => {
    const result = await http.post(ping(), { timestamp: seconds(Date.now() + 5 * 60_000) });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ message: 'timestamp in the future' });
  });

  it('accepts a request a few seconds old, as Discord’s are', async () => {
    const result = await http.post(ping(), { timestamp: seconds(Date.now() - 5000) });
    expect(result.status).toBe(200);
  });

  it('refuses a captured request replayed with a fresh timestamp with 401', async () => {
    const raw = JSON.stringify(slashCommand('fact', 'when was minsk ii signed').payload);
    const captured = http.signedHeaders(raw, { timestamp: seconds(Date.now() - 4 * 60_000) });
    const result = await http.post(raw, {
      headers: { ...captured, 'x-signature-timestamp': seconds(Date.now()) },
    });
    expect(result.status).toBe(401);
  });

  it('answers a signed request once: the same request again is refused with 401', async () => {
    const raw = JSON.stringify(slashCommand('fact', 'when was minsk ii signed').payload);
    const headers = http.signedHeaders(raw);
    expect((await http.post(raw, { headers })).status).toBe(200);
    const again = await http.post(raw, { headers });
    expect(again).toEqual({ status: 401, body: { message: 'signature already used' } });
  });

  it('does not let a forged request carrying a genuine signature block the genuine request', async () => {
    const raw = JSON.stringify(slashCommand('fact', 'when was minsk ii signed').payload);
    const headers = http.signedHeaders(raw);
    const forged = await http.post(raw, { headers, sentBody: raw.replace('minsk', 'MINSK') });
    expect(forged.status).toBe(401);
    expect((await http.post(raw, { headers })).status).toBe(200);
  });

  it.each([
    ['a year ahead', seconds(Date.now() + 365 * 86_400_000)],
    ['at the epoch', '0'],
    ['with more digits than any date', '9'.repeat(20)],
    ['negative', '-1'],
  ])('refuses a correctly signed request dated %s with 401', async (_name, timestamp) => {
    expect((await http.post(ping(), { timestamp })).status).toBe(401);
  });

  it('refuses a body over the limit with 413, whether it says its length or not', async () => {
    const huge = JSON.stringify({ ...ping(), padding: 'x'.repeat(2 * 1024 * 1024) });
    expect((await http.post(huge)).status).toBe(413);
    // Chunked, with no Content-Length to refuse it by: reading stops at the limit.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        http.url,
        {
          method: 'POST',
          headers: { ...http.signedHeaders(huge), 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      for (let i = 0; i < huge.length; i += 64 * 1024) request.write(huge.slice(i, i + 64 * 1024));
      request.end();
    });
    expect(status).toBe(413);
    await expectStillServing();
  });

  it('shrugs off a client that hangs up halfway through its body', async () => {
    const { port } = new URL(http.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /discord/interactions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"type":',
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on('error', reject);
    });
    // The half-read request ends, refused, rather than waiting for a body that never comes.
    while (!http.logger.records.some((r) => r.context?.reason === 'body could not be read')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await expectStillServing();
  });

  it.each([
    ['malformed JSON', '{"type": 1,'],
    ['JSON null', 'null'],
    ['a JSON array', '[1]'],
    ['a JSON string', '"hello"'],
    ['an object that is no interaction', '{"type": "1"}'],
  ])('refuses correctly signed %s with 400', async (_name, raw) => {
    expect((await http.post(raw)).status).toBe(400);
    await expectStillServing();
  });

  it('refuses correctly signed interactions it does not serve with 400', async () => {
    const command = slashCommand('brief', 'budapest').payload;
    for (const payload of [
      { ...command, type: 99 },
      { ...command, application_id: '100000000000000999' },
      { ...command, data: { name: 'brief', type: 3, target_id: '1' } },
      { ...command, data: 'not data' },
      { ...command, member: undefined, user: undefined },
    ]) {
      expect((await http.post(payload)).status).toBe(400);
    }
    await expectStillServing();
  });

  it('refuses another method with 405 and another content type with 415', async () => {
    expect((await http.post(ping(), { method: 'GET' })).status).toBe(405);
    expect((await http.post(ping(), { headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    );
    expect(
      (
        await http.post(ping(), {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
  });

  it('logs why it refused, never the signature', async () => {
    const raw = JSON.stringify(ping());
    const headers = http.signedHeaders(raw, { timestamp: seconds(Date.now() - 10 * 60_000) });
    await http.post(raw, { headers });
    const line = http.logger.records.at(-1);
    expect(line).toMatchObject({ level: 'warn', message: 'Discord request refused' });
    expect(JSON.stringify(line)).not.toContain(headers['x-signature-ed25519']);
  });

  it('is not serving once stopped: 503', async () => {
    const stopped = await startHttpHarness();
    await stopped.adapter.stop();
    try {
      expect((await stopped.post(ping())).status).toBe(503);
    } finally {
      await stopped.close();
    }
  });
});
