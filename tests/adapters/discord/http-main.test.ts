// npm start with DISCORD_PUBLIC_KEY: the endpoint on PORT, alone or on Slack's HTTP server, and
// no gateway connection.
import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { freePort } from '../../helpers/free-port.ts';
import { type RunningMain, startMain } from '../../helpers/start-main.ts';
import { createSigningKeys } from './http-harness.ts';
import { slashCommand } from './interactions.ts';

const keys = createSigningKeys();

/** POSTs a payload signed as Discord signs it. */
async function postSigned(
  url: string,
  payload: unknown,
): Promise<{ status: number; body: unknown }> {
  const raw = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), keys.privateKey).toString('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: raw,
  });
  return { status: response.status, body: await response.json() };
}

describe('npm start with DISCORD_PUBLIC_KEY and no bot token', () => {
  let discord: FakeDiscord;
  let main: RunningMain;
  let port: number;

  beforeAll(async () => {
    discord = await createFakeDiscord();
    port = await freePort();
    main = await startMain({
      PORT: String(port),
      HOST: '127.0.0.1',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    });
  });
  afterAll(async () => {
    if (main.child.exitCode === null) main.child.kill('SIGKILL');
    await discord.close();
  });

  it('answers PING and a slash command at /discord/interactions on PORT', async () => {
    const url = `http://127.0.0.1:${port}/discord/interactions`;
    expect(
      await postSigned(url, {
        id: '1',
        application_id: discord.applicationId,
        type: 1,
        token: 't',
      }),
    ).toEqual({
      status: 200,
      body: { type: 1 },
    });
    const command = slashCommand('agreement', 'budapest').payload;
    const answer = await postSigned(url, { ...command, application_id: discord.applicationId });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      type: 4,
      data: { embeds: [{ title: 'Budapest Memorandum' }] },
    });
  });

  it('serves health on the same port, ready without a gateway connection', async () => {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { discord: 'ok' } });
    // Neither the gateway nor a token was asked for.
    expect(discord.requests.filter((r) => r.path === '/gateway/bot')).toEqual([]);
  });
});

describe('npm start with Slack in HTTP mode and DISCORD_PUBLIC_KEY: one port', () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let main: RunningMain;
  let port: number;

  beforeAll(async () => {
    discord = await createFakeDiscord();
    slack = await createFakeSlack();
    port = await freePort();
    main = await startMain({
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: 'e2e-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_TOKEN: 'e2e-discord-token',
      DISCORD_API_URL: discord.apiUrl,
    });
  });
  afterAll(async () => {
    if (main.child.exitCode === null) main.child.kill('SIGKILL');
    await Promise.all([discord.close(), slack.close()]);
  });

  it('serves /discord/interactions on Slack’s server, and connects no gateway though a token is set', async () => {
    const url = `http://127.0.0.1:${port}/discord/interactions`;
    const command = slashCommand('agreement', 'budapest').payload;
    const answer = await postSigned(url, { ...command, application_id: discord.applicationId });
    expect(answer).toMatchObject({ status: 200, body: { type: 4 } });
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ checks: { slack: 'ok', discord: 'ok' } });
    expect(discord.requests.filter((r) => r.path === '/gateway/bot')).toEqual([]);
  });
});
