/**
 * Stateless instances on one PostgreSQL, proven with real processes: three `src/main.ts` bots
 * share a database and the fakes of Slack (OAuth installs, HTTP mode) and Discord (HTTP
 * interactions), take interleaved traffic (installs begun on one instance and finished on
 * another, signed slash commands from two workspaces, signed Discord interactions), then post a
 * daily fan-out while one of them is killed with SIGKILL. What is counted is what the platforms
 * received: every command answered once, every daily post exactly once, and Discord's 50 posts a
 * second held by the three together.
 *
 * The killed instance's claims are taken over when their lease (the scheduler's 2 minutes) runs
 * out, so the test runs for about three minutes.
 */
import { randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyStore } from '../../src/core/index.ts';
import { createSigningKeys } from '../adapters/discord/http-harness.ts';
import { ids, slashCommand } from '../adapters/discord/interactions.ts';
import { finishInstall, installThroughOAuth, startInstall } from '../adapters/slack/helpers.ts';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.ts';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from '../fakes/slack-requests.ts';
import { freePort } from '../helpers/free-port.ts';
import { type RunningMain, startMain } from '../helpers/start-main.ts';
import { databaseUrl, openPostgresSchema } from '../infra/store/postgres-harness.ts';

const signingSecret = 'scale-signing-secret-0123456789ab';
const clientId = '1234567890.0987654321';
const secrets = {
  SLACK_CLIENT_SECRET: 'ScaleOAuthClientSecret0123',
  SLACK_STATE_SECRET: 'ScaleOAuthStateSecret0123',
  SLACK_INSTALLATION_KEY: randomBytes(32).toString('base64'),
};
const discordKeys = createSigningKeys();
const discordChannels = Array.from(
  { length: 150 },
  (_, i) => `33000000000${String(i).padStart(5, '0')}`,
);
const slackChannels = Array.from({ length: 20 }, (_, i) => `C0SCALE${String(i).padStart(3, '0')}`);

interface Instance extends RunningMain {
  readonly url: string;
}

/** Starts one bot process on the shared database, on a port of its own. */
async function startInstance(env: Readonly<Record<string, string>>): Promise<Instance> {
  const port = await freePort();
  const { child, logs } = await startMain({ HOST: '127.0.0.1', PORT: String(port), ...env });
  return { url: `http://127.0.0.1:${port}`, child, logs };
}

/** POSTs a Discord interaction to an instance, signed as Discord signs it. */
async function postInteraction(url: string, payload: unknown) {
  const raw = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), discordKeys.privateKey).toString(
    'hex',
  );
  const response = await fetch(`${url}/discord/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The most posts the fake received within any one second, from their arrival times. */
function busiestSecond(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function waitFor(ready: () => boolean | Promise<boolean>, what: string, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!databaseUrl)('three stateless instances on one PostgreSQL', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let db: Awaited<ReturnType<typeof openPostgresSchema>>;
  let probe: DailyStore & { close(): Promise<void> };
  const instances: Instance[] = [];
  /** When each channel post reached the fake Discord, in real ms. */
  const discordArrivals: number[] = [];
  let watch: ReturnType<typeof setInterval> | undefined;

  beforeAll(async () => {
    slack = await createFakeSlack();
    slack.acceptOAuthApp({ clientId, clientSecret: secrets.SLACK_CLIENT_SECRET });
    slack.addUser({ id: 'U0ADMIN', is_admin: true, tz: 'Europe/Kyiv' });
    discord = await createFakeDiscord({ applicationId: ids.application });
    db = await openPostgresSchema();
    probe = await db.open();
    const url = new URL(databaseUrl ?? '');
    url.searchParams.set('options', `-c search_path=${db.schema}`);
    const env = {
      DATABASE_URL: url.toString(),
      SLACK_CLIENT_ID: clientId,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      ...secrets,
      DISCORD_APPLICATION_ID: ids.application,
      DISCORD_PUBLIC_KEY: discordKeys.publicKeyHex,
      DISCORD_TOKEN: 'scale-test-bot-token',
      DISCORD_API_URL: discord.apiUrl,
    };
    for (let i = 0; i < 3; i++) instances.push(await startInstance(env));
    let seen = 0;
    watch = setInterval(() => {
      for (; seen < discord.posted.length; seen++) discordArrivals.push(Date.now());
    }, 5);
  }, 120_000);

  afterAll(async () => {
    if (watch) clearInterval(watch);
    for (const instance of instances)
      if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await probe?.close();
    await db?.drop();
    await slack?.close();
    await discord?.close();
  });

  it('installs a workspace begun on one instance and finished on another', async () => {
    const [a, b, c] = instances;
    if (!a || !b || !c) throw new Error('three instances');
    const started = await startInstall(a.url);
    const code = slack.authorizeInstall({ teamId: 'T0ONE', teamName: 'One' });
    const finished = await finishInstall(b.url, { code, state: started.state }, started.cookie);
    expect(finished.status).toBe(200);
    expect(
      (await installThroughOAuth(c.url, slack, { teamId: 'T0TWO', teamName: 'Two' })).status,
    ).toBe(200);
  });

  it('answers interleaved Slack and Discord commands once each, on whichever instance gets them', async () => {
    const sends = Array.from({ length: 30 }, async (_, i) => {
      const slackTo = instances[i % 3];
      const discordTo = instances[(i + 1) % 3];
      if (!slackTo || !discordTo) throw new Error('three instances');
      const team = i % 2 === 0 ? 'T0ONE' : 'T0TWO';
      const responseId = `scale-${i}`;
      const answered = await postToApp(
        `${slackTo.url}/slack/events`,
        slashCommandBody({
          command: '/daily',
          // A manager's subscription: the bot reads the user with the workspace's token.
          text: 'subscribe 03:00 UTC',
          response_url: slack.responseUrl(responseId),
          user_id: 'U0ADMIN',
          channel_id: `C0ASK${i}`,
          team_id: team,
        }),
        { signingSecret, contentType: 'application/x-www-form-urlencoded' },
      );
      const interaction = slashCommand('brief');
      const replied = await postInteraction(discordTo.url, interaction.payload);
      return { team, responseId, answered, replied };
    });
    const results = await Promise.all(sends);
    for (const { answered, replied } of results) {
      expect(answered.status).toBe(200);
      expect(replied.status).toBe(200);
      // A message in the response itself (4), or deferred (5) and then one edit by webhook.
      expect([4, 5]).toContain(replied.body.type);
    }
    // Each Slack command answered once: in the acknowledgement, or by one response_url post.
    for (const { answered, responseId } of results) {
      const inAck = answered.text.includes('"blocks"') || answered.text.includes('"text"') ? 1 : 0;
      const later = slack.requests.filter(
        (r) => r.kind === 'response' && r.name === responseId,
      ).length;
      expect(inAck + later).toBe(1);
    }
    // Each workspace's command was served with that workspace's own token.
    const tokens = new Set(
      slack
        .calls('users.info')
        .map((call) => call.headers.authorization)
        .filter(Boolean),
    );
    expect(tokens).toEqual(
      new Set([`Bearer ${slack.botTokenOf('T0ONE')}`, `Bearer ${slack.botTokenOf('T0TWO')}`]),
    );
  });

  it("posts every daily briefing exactly once within Discord's 50 a second, though one instance is killed mid fan-out", async () => {
    // Due this minute: subscribed an hour ago at the current UTC minute.
    const now = Date.now();
    const minute = new Date(now).toISOString().slice(11, 16);
    const day = new Date(now).toISOString().slice(0, 10);
    for (const channelId of discordChannels) {
      await probe.subscribe(
        { platform: 'discord', channelId, time: minute, timeZone: 'UTC' },
        now - 3_600_000,
      );
    }
    for (const channelId of slackChannels) {
      await probe.subscribe(
        { platform: 'slack', channelId, workspaceId: 'T0ONE', time: minute, timeZone: 'UTC' },
        now - 3_600_000,
      );
    }
    await waitFor(() => discord.posted.length >= 20, 'the fan-out has begun', 60_000);
    const victim = instances[0];
    victim?.child.kill('SIGKILL');
    const allSent = async () => {
      for (const [platform, channels] of [
        ['discord', discordChannels],
        ['slack', slackChannels],
      ] as const) {
        for (const channelId of channels) {
          const row = await probe.getDelivery(`${platform}:${channelId}`, day);
          if (row?.state !== 'sent') return false;
        }
      }
      return true;
    };
    await waitFor(allSent, 'every daily post is recorded as sent', 200_000);
    for (const channelId of discordChannels) {
      expect(discord.channelMessages(channelId), channelId).toHaveLength(1);
    }
    for (const channelId of slackChannels) {
      expect(slack.messages(channelId), channelId).toHaveLength(1);
      expect(slack.messages(channelId)[0]?.token).toBe(slack.botTokenOf('T0ONE'));
    }
    // Three instances each pacing itself at 50 a second would send up to 150 in a second;
    // booked in the shared slots they keep Discord's 50 together. The room above 50 is for a
    // loaded machine, where a process that stalls sends the slots it slept through at once.
    expect(busiestSecond(discordArrivals)).toBeLessThanOrEqual(65);
    expect(
      discord.requests.filter((r) => r.path.endsWith('/messages')).length,
    ).toBeGreaterThanOrEqual(150);
  }, 260_000);
});
