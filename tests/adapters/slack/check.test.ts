import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackManifest } from '../../../src/adapters/slack/manifest.ts';
import type { FakeSlack, FakeSlackRequest } from '../../fakes/fake-slack.ts';
import {
  buttonClick,
  eventCallback,
  interactionBody,
  postToApp,
  slashCommandBody,
} from '../../fakes/slack-requests.ts';
import {
  buttonsOf,
  type ReceivedMessage,
  type SlackHttpApp,
  startSlackHttpApp,
  testSigningSecret,
} from './helpers.ts';

const signingSecret = testSigningSecret;

/** A "Check this" message shortcut as Slack posts it, on a message in a thread. */
function messageShortcut(options: {
  readonly text?: string;
  readonly threadTs?: string;
  readonly responseUrl: string;
  readonly extra?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    action_ts: '1700000002.000500',
    team: { id: 'T0FAKE', domain: 'example' },
    user: { id: 'U0ASKER', username: 'asker', name: 'asker', team_id: 'T0FAKE' },
    channel: { id: 'C0CHANNEL', name: 'truce-watch' },
    is_enterprise_install: false,
    callback_id: 'trucebrief_check',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    response_url: options.responseUrl,
    message_ts: '1700000000.000900',
    message: {
      type: 'message',
      user: 'U0AUTHOR',
      ts: '1700000000.000900',
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      ...options.extra,
    },
  };
}

describe('Slack "Check this" message shortcut (real Bolt, fake Slack)', () => {
  let app: SlackHttpApp;
  let fake: FakeSlack;
  let eventsUrl: string;
  let counter = 0;

  beforeAll(async () => {
    app = await startSlackHttpApp();
    ({ fake, eventsUrl } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (payload: Record<string, unknown>) =>
    postToApp(eventsUrl, interactionBody(payload), {
      signingSecret,
      contentType: 'application/x-www-form-urlencoded',
    });

  /** Runs the shortcut and resolves with the private answer Slack received. */
  const check = async (text: string | undefined, threadTs?: string) => {
    const before = fake.calls('chat.postEphemeral').length;
    const responseUrl = fake.responseUrl(`check-${++counter}`);
    const result = await post(
      messageShortcut({
        ...(text === undefined ? {} : { text }),
        responseUrl,
        ...(threadTs ? { threadTs } : {}),
      }),
    );
    expect(result.status).toBe(200);
    const request = await fake.waitFor(
      (r) =>
        r.name === 'chat.postEphemeral' && fake.calls('chat.postEphemeral').indexOf(r) >= before,
    );
    return request.body as ReceivedMessage & { user?: string; channel?: string };
  };

  it('answers privately in the thread, claim by claim, with a Share button', async () => {
    const answer = await check(
      'Minsk II was signed in 2014, per the thread above',
      '1700000000.000100',
    );
    expect(answer.user).toBe('U0ASKER');
    expect(answer.channel).toBe('C0CHANNEL');
    expect(answer.thread_ts).toBe('1700000000.000100');
    const json = JSON.stringify(answer.blocks);
    expect(json).toContain('the record says');
    expect(json).toContain('12 February 2015');
    const [share] = buttonsOf(answer);
    expect(share?.label).toBe('Share');
    expect(share?.value.length).toBeLessThanOrEqual(2000);
  });

  it('Share posts the check in the thread, saying who shared it', async () => {
    const answer = await check('Minsk II was signed in 2014', '1700000000.000100');
    const [share] = buttonsOf(answer);
    const before = fake.calls('chat.postMessage').length;
    await post(
      buttonClick({
        actionId: share?.actionId ?? '',
        value: share?.value ?? '',
        responseUrl: fake.responseUrl(`share-${++counter}`),
        ephemeral: true,
        threadTs: '1700000000.000100',
      }),
    );
    const posted: FakeSlackRequest = await fake.waitFor(
      (r) => r.name === 'chat.postMessage' && fake.calls('chat.postMessage').indexOf(r) >= before,
    );
    expect(posted.body.channel).toBe('C0CHANNEL');
    expect(posted.body.thread_ts).toBe('1700000000.000100');
    const blocks = JSON.stringify(posted.body.blocks);
    expect(blocks).toContain('Shared by <@U0CLICKER>');
    expect(blocks).toContain('the record says');
    expect(buttonsOf(posted.body as ReceivedMessage).some((b) => b.label === 'Share')).toBe(false);
  });

  it('/check with a long pasted message checks all of it, and Share posts that check', async () => {
    const text = `${'Some context from the thread, nothing to check here. '.repeat(12)}Minsk II was signed in 2014.`;
    const result = await postToApp(
      eventsUrl,
      slashCommandBody({
        command: '/check',
        text,
        response_url: fake.responseUrl(`slash-${++counter}`),
      }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    const reply = JSON.parse(result.text) as ReceivedMessage;
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('the record says');
    const [share] = buttonsOf(reply);
    expect(share?.value).toContain('#check:');
    const before = fake.calls('chat.postMessage').length;
    await post(
      buttonClick({
        actionId: share?.actionId ?? '',
        value: share?.value ?? '',
        responseUrl: fake.responseUrl(`share-${++counter}`),
        ephemeral: true,
      }),
    );
    const posted = await fake.waitFor(
      (r) => r.name === 'chat.postMessage' && fake.calls('chat.postMessage').indexOf(r) >= before,
    );
    expect(posted.body.thread_ts).toBeUndefined();
    expect(JSON.stringify(posted.body.blocks)).toContain('the record says');
  });

  it('quotes nothing back that could ping anyone or render as a live link', async () => {
    const answer = await check(
      '&lt;!channel&gt; <!here> @everyone Minsk II was signed in 2014 <https://evil.example|click> <@U0OTHER>',
    );
    const json = JSON.stringify(answer);
    expect(json).not.toMatch(/<!(channel|here|everyone)>/);
    expect(json).not.toContain('<@U0OTHER>');
    expect(json).not.toContain('evil.example');
    expect(json).toContain('the record says');
  });

  it('given a message with only an attachment, says there is no text to check', async () => {
    const answer = await check(undefined);
    expect(JSON.stringify(answer)).toContain('There is no text to check');
  });

  it('publishes the Home tab: the obstacles, recent changes, how to check, the commands', async () => {
    const result = await postToApp(
      eventsUrl,
      JSON.stringify(
        eventCallback({
          type: 'app_home_opened',
          user: 'U0ASKER',
          channel: 'D0HOME',
          tab: 'home',
          event_ts: '1700000003.000600',
        }),
      ),
      { signingSecret, contentType: 'application/json' },
    );
    expect(result.status).toBe(200);
    const published = await fake.waitFor((r) => r.name === 'views.publish');
    expect(published.body.user_id).toBe('U0ASKER');
    const view = (
      typeof published.body.view === 'string'
        ? JSON.parse(published.body.view)
        : published.body.view
    ) as { type: string; blocks: ReceivedMessage['blocks'] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Check this');
    expect(text).toContain('/check');
    expect(view.blocks?.length).toBeLessThanOrEqual(100);
    expect(view.blocks?.some((block) => block.type === 'actions')).toBe(false);
    expect(view.blocks?.filter((block) => block.type === 'header').length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('shows someone who may manage daily posts the daily status of their own channels', async () => {
    fake.addUser({ id: 'U0ADMIN', is_admin: true });
    fake.addChannel({ id: 'C0DAILY', is_member: true, members: ['U0ADMIN', 'U0MEMBER'] });
    // A channel the bot is in but the manager is not: not theirs to see here.
    fake.addChannel({ id: 'C0OTHERS', is_member: true, members: ['U0MEMBER'] });
    const before = fake.calls('views.publish').length;
    const open = (user: string, ts: string) =>
      postToApp(
        eventsUrl,
        JSON.stringify(
          eventCallback({
            type: 'app_home_opened',
            user,
            channel: 'D0HOME',
            tab: 'home',
            event_ts: ts,
          }),
        ),
        { signingSecret, contentType: 'application/json' },
      );
    const publishedFor = async (user: string) => {
      const published = await fake.waitFor(
        (r) =>
          r.name === 'views.publish' &&
          r.body.user_id === user &&
          fake.calls('views.publish').indexOf(r) >= before,
      );
      return JSON.stringify(published.body.view);
    };
    await open('U0ADMIN', '1700000004.000700');
    const adminView = await publishedFor('U0ADMIN');
    expect(adminView).toContain('#c0daily');
    expect(adminView).not.toContain('#c0others');
    await open('U0MEMBER', '1700000005.000800');
    expect(await publishedFor('U0MEMBER')).not.toContain('#c0daily');
  });

  it('is declared in the manifest as a message shortcut, with the Home tab and its event', () => {
    const manifest = createSlackManifest() as {
      features: { app_home: { home_tab_enabled: boolean } };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('is declared in the manifest as a message shortcut', () => {
    const features = createSlackManifest().features as {
      shortcuts: { callback_id: string; type: string }[];
    };
    expect(features.shortcuts).toContainEqual(
      expect.objectContaining({ callback_id: 'trucebrief_check', type: 'message' }),
    );
  });
});
