import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import {
  type Briefing,
  createCore,
  createDailyService,
  DeliveryError,
} from '../../../src/core/index.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import {
  createSlackInstallations,
  type SlackInstallations,
} from '../../../src/infra/store/installations.ts';
import { openDailyStore } from '../../../src/infra/store/open.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { sqliteFileIn } from '../../../src/infra/store/sqlite.ts';
import { createTokenCipher } from '../../../src/infra/store/token-cipher.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { eventCallback, postToApp, slashCommandBody } from '../../fakes/slack-requests.ts';
import {
  createRecordingLogger,
  createTestCore,
  finishInstall,
  headerOf,
  installThroughOAuth,
  type ReceivedMessage,
  startInstall,
} from './helpers.ts';

// Made up for the test, shaped like the real ones.
const signingSecret = 'test-signing-secret-0123456789abcdef';
const oauth = {
  clientId: '1111111111.2222222222',
  clientSecret: 'test-client-secret-0123456789',
  stateSecret: 'test-state-secret-0123456789',
};
const admin = 'U0ADMIN';
// 20:00 in Kyiv on 4 December 2024.
const start = Date.parse('2024-12-04T18:00:00Z');

const teamA = { teamId: 'T0AAA', teamName: 'Alpha' };
const teamB = { teamId: 'T0BBB', teamName: 'Bravo' };
// Its token expires within Bolt's two-hour window, so every use refreshes it first.
const teamC = { teamId: 'T0CCC', teamName: 'Charlie', expiresIn: 60 };

describe('Slack OAuth in many workspaces (real Bolt, fake Slack, SQLite in a temp dir)', () => {
  let fake: FakeSlack;
  let store: SqlStore;
  let installations: SlackInstallations;
  let dataDir: string;
  let adapter: SlackAdapter;
  let appUrl: string;
  let records: Record<string, unknown>[];
  let responses = 0;
  let events = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    fake.acceptOAuthApp({ clientId: oauth.clientId, clientSecret: oauth.clientSecret });
    fake.addUser({ id: admin, is_admin: true, tz: 'Europe/Kyiv' });
    const knowledge = (await createTestCore()).knowledge;
    dataDir = await mkdtemp(path.join(tmpdir(), 'trucebrief-slack-oauth-'));
    store = await openDailyStore({ dataDir });
    installations = createSlackInstallations(
      store,
      createTokenCipher({ current: randomBytes(32), previous: [] }),
    );
    const daily = createDailyService({ store, knowledge, clock: createManualClock(start) });
    const recording = createRecordingLogger();
    records = recording.records;
    adapter = createSlackAdapter(
      { oauth, signingSecret, apiUrl: fake.apiUrl, port: 0, dailyManagers: [] },
      createCore(knowledge, { daily }),
      recording.logger,
      // The editors' digest names no workspace: it goes out with team C's token.
      { host: '127.0.0.1', installations, defaultWorkspace: teamC.teamId },
    );
    await adapter.start();
    appUrl = `http://127.0.0.1:${adapter.port}`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const subscribe = async (teamId: string, channel: string) => {
    const result = await postToApp(
      `${appUrl}/slack/events`,
      slashCommandBody({
        command: '/daily',
        text: 'subscribe 07:30 Europe/Kyiv',
        response_url: fake.responseUrl(`oauth-${++responses}`),
        user_id: admin,
        channel_id: channel,
        team_id: teamId,
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    return { ...result, message: JSON.parse(result.text || '{}') as ReceivedMessage };
  };

  const sendEvent = (teamId: string, event: Readonly<Record<string, unknown>>) =>
    postToApp(
      `${appUrl}/slack/events`,
      JSON.stringify(eventCallback(event, `Ev0OAUTH${++events}`, teamId)),
      {
        signingSecret,
        contentType: 'application/json',
      },
    );

  const usersInfoTokens = () => fake.calls('users.info').map((call) => call.headers.authorization);
  const find = (teamId: string) => installations.find({ teamId, isEnterpriseInstall: false });
  const briefing: Briefing = {
    title: 'Daily briefing: 5 December 2024',
    summary: 'Today’s focus',
    blocks: [{ type: 'paragraph', text: 'Ceasefire lines.' }],
    footer: 'Test knowledge',
    visibility: 'public',
    outcome: 'daily',
  };
  const post = (teamId: string, channelId: string) =>
    adapter.deliverer.send({ platform: 'slack', channelId, workspaceId: teamId }, briefing);
  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError: ${error}`);
    return error.failure;
  };

  it('GET /slack/install redirects to Slack’s authorize page with the scopes, the client id and a signed state in a cookie', async () => {
    const started = await startInstall(appUrl);
    expect(started.status).toBe(302);
    // On the host of the Web API URL (SLACK_API_URL), so a test or a proxy moves both.
    expect(started.authorizeUrl.origin).toBe(new URL(fake.apiUrl).origin);
    expect(started.authorizeUrl.pathname).toBe('/oauth/v2/authorize');
    expect(started.authorizeUrl.searchParams.get('client_id')).toBe(oauth.clientId);
    expect(started.authorizeUrl.searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read']),
    );
    expect(started.state.split('.')).toHaveLength(3);
    expect(started.cookie).toBe(`slack-app-oauth-state=${started.state}`);
    // Nothing is exchanged until Slack sends the browser back.
    expect(fake.calls('oauth.v2.access')).toHaveLength(0);
  });

  it('refuses a redirect with no state, a state not ours, or from another browser, and stores nothing', async () => {
    const code = fake.authorizeInstall(teamA);
    const started = await startInstall(appUrl);
    // No state at all.
    expect((await finishInstall(appUrl, { code }, started.cookie)).status).toBe(400);
    // The state of this install, from a browser without its cookie.
    expect((await finishInstall(appUrl, { code, state: started.state })).status).toBe(400);
    // A state signed with another secret, in a cookie to match.
    const [head, body] = started.state.split('.');
    const forged = `${head}.${body}.${Buffer.from('not our signature').toString('base64url')}`;
    const refused = await finishInstall(
      appUrl,
      { code, state: forged },
      `slack-app-oauth-state=${forged}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Start again at /slack/install.');
    // Hostile fields are refused the same way and never shown back.
    const hostile = '<script>alert(1)</script>'.repeat(60);
    const page = await finishInstall(
      appUrl,
      { code: hostile, state: hostile },
      `slack-app-oauth-state=${encodeURIComponent(hostile)}; junk`,
    );
    expect(page.status).toBe(400);
    expect(page.text).not.toContain('<script>');
    // The person pressed Cancel on Slack's page: told to start again, not a server error.
    const again = await startInstall(appUrl);
    const cancelled = await finishInstall(
      appUrl,
      { error: 'access_denied', state: again.state },
      again.cookie,
    );
    expect(cancelled.status).toBe(400);
    expect(fake.calls('oauth.v2.access')).toHaveLength(0);
    expect(await find(teamA.teamId)).toBeUndefined();
  });

  it('installs in a workspace: exchanges the code with oauth.v2.access and stores the installation, its tokens sealed', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await installThroughOAuth(appUrl, fake, teamA);
    expect(result.status).toBe(200);
    expect(result.text).toContain('Thank you!');
    const [exchange] = fake.calls('oauth.v2.access');
    expect(exchange?.body).toMatchObject({ client_id: oauth.clientId });
    expect(exchange?.body.code).toMatch(/^t0aaa\.code\./);
    const token = fake.botTokenOf(teamA.teamId);
    const installed = await find(teamA.teamId);
    expect(installed?.bot).toEqual({
      token,
      refreshToken: expect.stringMatching(/^xoxe-1-refresh-T0AAA-/),
      expiresAt: expect.any(Number),
    });
    expect(installed?.bot?.expiresAt).toBeGreaterThanOrEqual(before + 43_200);
    expect(installed?.details).toMatchObject({ team: { id: 'T0AAA', name: 'Alpha' } });
    // At rest: no token in the row as the database holds it.
    const raw = new Database(sqliteFileIn(dataDir), { readonly: true });
    try {
      const rows = JSON.stringify(raw.prepare('SELECT * FROM slack_installations').all());
      expect(rows).toContain('team:T0AAA');
      expect(rows).not.toContain(String(token));
      expect(rows).not.toContain('xoxe');
    } finally {
      raw.close();
    }
  });

  it('answers 500 when Slack refuses the code (used already), and keeps the installation it has', async () => {
    const [exchange] = fake.calls('oauth.v2.access');
    const started = await startInstall(appUrl);
    const replayed = await finishInstall(
      appUrl,
      { code: String(exchange?.body.code), state: started.state },
      started.cookie,
    );
    expect(replayed.status).toBe(500);
    expect(replayed.text).toContain('Slack did not complete the installation');
    expect((await find(teamA.teamId))?.bot?.token).toBe(fake.botTokenOf(teamA.teamId));
  });

  it('answers a signed command from that workspace with the workspace’s own token', async () => {
    const { status, message } = await subscribe(teamA.teamId, 'C0AAA');
    expect(status).toBe(200);
    expect(headerOf(message)).toBe('Subscribed: daily briefing at 07:30 (Europe/Kyiv)');
    expect(usersInfoTokens().at(-1)).toBe(`Bearer ${fake.botTokenOf(teamA.teamId)}`);
    expect(await store.getSubscription('slack', 'C0AAA')).toMatchObject({ workspaceId: 'T0AAA' });
  });

  it('two workspaces: each is answered, and posted to, with its own token', async () => {
    expect((await installThroughOAuth(appUrl, fake, teamB)).status).toBe(200);
    const tokenA = `Bearer ${fake.botTokenOf(teamA.teamId)}`;
    const tokenB = `Bearer ${fake.botTokenOf(teamB.teamId)}`;
    expect(tokenB).not.toBe(tokenA);
    await subscribe(teamB.teamId, 'C0BBB');
    expect(usersInfoTokens().at(-1)).toBe(tokenB);

    await post(teamA.teamId, 'C0AAA');
    await post(teamB.teamId, 'C0BBB');
    const posts = fake.calls('chat.postMessage');
    expect(posts.find((call) => call.body.channel === 'C0AAA')?.headers.authorization).toBe(tokenA);
    expect(posts.find((call) => call.body.channel === 'C0BBB')?.headers.authorization).toBe(tokenB);
  });

  it('refreshes an expiring token with oauth.v2.access (grant_type=refresh_token) and stores the new one', async () => {
    expect((await installThroughOAuth(appUrl, fake, teamC)).status).toBe(200);
    const first = await find(teamC.teamId);
    const firstToken = first?.bot?.token;

    await subscribe(teamC.teamId, 'C0CCC');
    const refresh = fake
      .calls('oauth.v2.access')
      .find((call) => call.body.grant_type === 'refresh_token');
    expect(refresh?.body).toMatchObject({
      client_id: oauth.clientId,
      refresh_token: first?.bot?.refreshToken,
    });
    const refreshed = fake.botTokenOf(teamC.teamId);
    expect(refreshed).not.toBe(firstToken);
    expect(usersInfoTokens().at(-1)).toBe(`Bearer ${refreshed}`);
    expect((await find(teamC.teamId))?.bot?.token).toBe(refreshed);

    // A daily post refreshes it the same way, and posts with the new token.
    await post(teamC.teamId, 'C0CCC');
    const latest = fake.botTokenOf(teamC.teamId);
    expect(latest).not.toBe(refreshed);
    const [posted] = fake.calls('chat.postMessage').filter((call) => call.body.channel === 'C0CCC');
    expect(posted?.headers.authorization).toBe(`Bearer ${latest}`);
    expect((await find(teamC.teamId))?.bot?.token).toBe(latest);
  });

  it('posts what names no workspace (the editors’ digest) with the default workspace’s token', async () => {
    await adapter.deliverer.send(
      { platform: 'slack', channelId: 'C0EDITORS', workspaceId: null },
      briefing,
    );
    const [posted] = fake
      .calls('chat.postMessage')
      .filter((call) => call.body.channel === 'C0EDITORS');
    expect(posted?.headers.authorization).toBe(`Bearer ${fake.botTokenOf(teamC.teamId)}`);
  });

  it('does not answer a workspace that never installed the app with anyone’s token', async () => {
    const calls = fake.requests.length;
    const { status, text } = await subscribe('T0NEVER', 'C0NEVER');
    expect(status).toBe(200);
    expect(text).toBe('');
    expect(fake.requests.slice(calls).filter((request) => request.kind === 'api')).toEqual([]);
    expect(await failureOf(post('T0NEVER', 'C0NEVER'))).toEqual({
      kind: 'permanent',
      reason: 'app_not_installed',
    });
  });

  it('app_uninstalled deletes the workspace’s installation and its daily subscriptions, and its posts stop', async () => {
    expect((await sendEvent(teamA.teamId, { type: 'app_uninstalled' })).status).toBe(200);
    await vi.waitFor(async () => expect(await find(teamA.teamId)).toBeUndefined());
    expect(await store.getSubscription('slack', 'C0AAA')).toBeUndefined();
    expect(await store.getSubscription('slack', 'C0BBB')).toBeDefined();
    expect(await find(teamB.teamId)).toBeDefined();
    expect(await failureOf(post(teamA.teamId, 'C0AAA'))).toEqual({
      kind: 'permanent',
      reason: 'app_not_installed',
    });
  });

  it('tokens_revoked deletes the revoked bot token, and with it the installation that had no other', async () => {
    const revoked = { type: 'tokens_revoked', tokens: { bot: [`U0BOT${teamB.teamId}`] } };
    expect((await sendEvent(teamB.teamId, revoked)).status).toBe(200);
    await vi.waitFor(async () => expect(await find(teamB.teamId)).toBeUndefined());
    expect(await failureOf(post(teamB.teamId, 'C0BBB'))).toEqual({
      kind: 'permanent',
      reason: 'app_not_installed',
    });
    // Revoking tokens is not an uninstall: the subscription waits for a new install.
    expect(await store.getSubscription('slack', 'C0BBB')).toBeDefined();
    expect(await find(teamC.teamId)).toBeDefined();
  });

  it('logged what happened, and no token, secret or code', () => {
    const logs = JSON.stringify(records);
    expect(logs).toContain('Slack app uninstalled');
    expect(logs).toContain('Slack tokens revoked');
    expect(logs).not.toMatch(/xoxe|xoxb-1-T0|refresh-T0/);
    for (const secret of [oauth.clientSecret, oauth.stateSecret, signingSecret]) {
      expect(logs).not.toContain(secret);
    }
  });
});
