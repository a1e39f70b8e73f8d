import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { slackCommands } from '../../../src/adapters/slack/manifest.ts';
import { apology, type Core } from '../../../src/core/index.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import {
  buttonClick,
  eventCallback,
  interactionBody,
  nowSeconds,
  postToApp,
  signSlackRequest,
  slashCommandBody,
} from '../../fakes/slack-requests.ts';
import {
  buttonsOf,
  createRecordingLogger,
  createTestCore,
  headerOf,
  type ReceivedMessage,
} from './helpers.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';

describe('Slack adapter in HTTP mode (real Bolt, fake Slack)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let eventsUrl: string;
  let records: Record<string, unknown>[];
  let responseCounter = 0;

  beforeAll(async () => {
    fake = await createFakeSlack();
    const core = await createTestCore();
    // The real core, except one query that fails, to prove a failure is contained.
    const failing: Core = {
      ...core,
      handle: (request, context) => {
        if (request.query === 'explode') throw new Error('knowledge store unavailable');
        return core.handle(request, context);
      },
    };
    const recording = createRecordingLogger();
    records = recording.records;
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      failing,
      recording.logger,
      { host: '127.0.0.1' },
    );
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  const slash = async (command: string, text: string) => {
    const responseUrl = fake.responseUrl(`cmd-${++responseCounter}`);
    const result = await postToApp(
      eventsUrl,
      slashCommandBody({ command, text, response_url: responseUrl }),
      {
        signingSecret,
        contentType: 'application/x-www-form-urlencoded',
      },
    );
    return { ...result, message: JSON.parse(result.text || '{}') as ReceivedMessage };
  };

  const click = async (
    button: { actionId: string; value: string },
    ephemeral: boolean,
    threadTs?: string,
  ) => {
    const id = `click-${++responseCounter}`;
    const result = await postToApp(
      eventsUrl,
      interactionBody(
        buttonClick({
          actionId: button.actionId,
          value: button.value,
          responseUrl: fake.responseUrl(id),
          ephemeral,
          ...(threadTs ? { threadTs } : {}),
        }),
      ),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    return { ...result, id };
  };

  it('verified the bot token with auth.test on start', () => {
    const authTest = fake.requests.find((r) => r.kind === 'api' && r.name === 'auth.test');
    expect(authTest?.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  it('answers /agreement in the channel with the Block Kit briefing in the acknowledgement', async () => {
    const { status, message, contentType } = await slash('/agreement', 'budapest');
    expect(status).toBe(200);
    expect(contentType).toBe('application/json');
    expect(message.response_type).toBe('in_channel');
    expect(headerOf(message)).toBe('Budapest Memorandum');
    expect(message.text).toContain('Budapest Memorandum');
  });

  it('without a daily service, answers /daily with the core’s "not available here"', async () => {
    const { message } = await slash('/daily', 'subscribe 07:30 Europe/Kyiv');
    expect(message.response_type).toBe('ephemeral');
    expect(headerOf(message)).toBe('Daily briefings are not available here');
    expect(fake.requests.some((r) => r.name === 'users.info')).toBe(false);
  });

  it('answers /brief help with the help briefing, seen only by the asker', async () => {
    const { message } = await slash('/brief', 'help');
    expect(message.response_type).toBe('ephemeral');
    expect(headerOf(message)).toMatch(/trucebrief/);
    // Only commands the manifest defines: a bare /help on Slack opens Slack's own help.
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('/brief help');
    expect(text).not.toMatch(/\/help\b/);
    for (const command of slackCommands) expect(text).toContain(`/${command.name}`);
  });

  it('answers /fact ephemerally, and "Share in channel" posts the same briefing publicly as a new message', async () => {
    const { message } = await slash('/fact', 'when was minsk ii signed');
    expect(message.response_type).toBe('ephemeral');
    const share = buttonsOf(message).find((button) => button.label === 'Share in channel');
    expect(share).toBeDefined();
    if (!share) return;

    const { status, id } = await click(share, true);
    expect(status).toBe(200);
    const posted = await fake.waitFor((r) => r.name === id && r.body.response_type !== undefined);
    const shared = posted.body as ReceivedMessage;
    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expect(headerOf(shared)).toBe(headerOf(message));
    expect(shared.blocks?.filter((b) => b.type === 'section')).toEqual(
      message.blocks?.filter((b) => b.type === 'section'),
    );
    // Shared publicly, it no longer offers to be shared.
    expect(buttonsOf(shared).map((b) => b.label)).not.toContain('Share in channel');
    // The private copy goes away once shared.
    await fake.waitFor((r) => r.name === id && r.body.delete_original === true);
  });

  it('offers "did you mean" buttons for an ambiguous query, and a click runs that lookup', async () => {
    const { message } = await slash('/agreement', 'minsk');
    expect(message.response_type).toBe('ephemeral');
    const choices = buttonsOf(message);
    expect(choices.map((c) => c.label)).toEqual(['Minsk Protocol', 'Minsk II']);
    const minskII = choices[1];
    if (!minskII) return;

    const { id } = await click(minskII, true);
    const posted = await fake.waitFor(
      (r) => r.name === id && r.body.response_type === 'in_channel',
    );
    expect(headerOf(posted.body as ReceivedMessage)).toBe('Minsk II');
  });

  it('echoes what a user typed escaped, so it cannot mention @channel, @here or a user', async () => {
    // Mentions Slack encoded (`<!channel>`) come back as plain names, which cannot ping.
    const mentions = await slash('/brief', '<!channel> <!here> <@U0VICTIM> zzqx');
    // Text typed literally (Slack sends `<` as `&lt;`) comes back as typed, escaped.
    const literal = await slash('/brief', '&lt;!channel&gt; @here @everyone zzqx');
    for (const { message } of [mentions, literal]) {
      const json = JSON.stringify(message);
      expect(json).not.toMatch(/<[!@#]/);
      expect(json).not.toMatch(/@(here|channel|everyone)\b/);
    }
    expect(headerOf(mentions.message)).toContain('@\u2060channel @\u2060here @U0VICTIM zzqx');
    expect(headerOf(literal.message)).toContain(
      '&lt;!channel&gt; @\u2060here @\u2060everyone zzqx',
    );
  });

  it('answers a mention in the thread it came from', async () => {
    const body = JSON.stringify(
      eventCallback({
        type: 'app_mention',
        user: 'U0ASKER',
        text: '<@U0BOT> minsk 2',
        ts: '1700000000.000500',
        thread_ts: '1700000000.000001',
        channel: 'C0CHANNEL',
        event_ts: '1700000000.000500',
      }),
    );
    const { status } = await postToApp(eventsUrl, body, {
      signingSecret,
      contentType: 'application/json',
    });
    expect(status).toBe(200);
    const posted = await fake.waitFor(
      (r) => r.name === 'chat.postMessage' && r.body.thread_ts === '1700000000.000001',
    );
    expect(posted.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(posted.body.channel).toBe('C0CHANNEL');
    expect(headerOf(posted.body as ReceivedMessage)).toBe('Minsk II');
  });

  it('logs a reply Slack refuses with the request it answered, in the one catch', async () => {
    fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const body = JSON.stringify(
      eventCallback({
        type: 'app_mention',
        user: 'U0ASKER',
        text: '<@U0BOT> minsk 2',
        ts: '1700000000.000700',
        channel: 'C0GONE',
        event_ts: '1700000000.000700',
      }),
    );
    const { status } = await postToApp(eventsUrl, body, {
      signingSecret,
      contentType: 'application/json',
    });
    expect(status).toBe(200);
    await expect
      .poll(() => records.find((r) => r.message === 'Slack reply failed'))
      .toMatchObject({ level: 'error', command: 'brief', channel: 'C0GONE', user: 'U0ASKER' });
  });

  it('apologises and logs the cause with context when a command fails, then keeps serving', async () => {
    const { status, message } = await slash('/agreement', 'explode');
    expect(status).toBe(200);
    expect(message).toMatchObject({ response_type: 'ephemeral', text: apology });
    const logged = records.find((r) => r.message === 'Slack command failed');
    expect(logged).toMatchObject({
      level: 'error',
      command: 'agreement',
      query: 'explode',
      user: 'U0ASKER',
      channel: 'C0CHANNEL',
      error: { message: 'knowledge store unavailable' },
    });
    const next = await slash('/agreement', 'budapest');
    expect(headerOf(next.message)).toBe('Budapest Memorandum');
  });

  describe('request signatures', () => {
    const body = () =>
      slashCommandBody({
        command: '/agreement',
        text: 'budapest',
        response_url: fake.responseUrl('sig'),
      });

    it('rejects a request signed with the wrong secret with 401', async () => {
      const result = await postToApp(eventsUrl, body(), {
        signingSecret: 'not-the-secret',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(result.status).toBe(401);
    });

    it('rejects a correctly signed but stale request (over five minutes old) with 401', async () => {
      const result = await postToApp(eventsUrl, body(), {
        signingSecret,
        contentType: 'application/x-www-form-urlencoded',
        timestamp: nowSeconds() - 6 * 60,
      });
      expect(result.status).toBe(401);
    });

    it('rejects an unsigned request with 401', async () => {
      const result = await postToApp(eventsUrl, body(), {
        signingSecret,
        contentType: 'application/x-www-form-urlencoded',
        signature: null,
      });
      expect(result.status).toBe(401);
    });

    it('rejects a body changed after signing with 401', async () => {
      const timestamp = nowSeconds();
      const result = await postToApp(eventsUrl, body().replace('budapest', 'minsk'), {
        signingSecret,
        contentType: 'application/x-www-form-urlencoded',
        timestamp,
        signature: signSlackRequest(signingSecret, timestamp, body()),
      });
      expect(result.status).toBe(401);
    });
  });
});

describe("Slack's documented request-signing example", () => {
  // https://docs.slack.dev/authentication/verifying-requests-from-slack#a-recipe-for-security
  const documented = {
    signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
    timestamp: 1531420618,
    body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  };

  it('is reproduced by the signer the tests use', () => {
    expect(signSlackRequest(documented.signingSecret, documented.timestamp, documented.body)).toBe(
      documented.signature,
    );
  });

  it("is accepted by Bolt's verifier at the documented time, and a tampered body is not", () => {
    const options = {
      signingSecret: documented.signingSecret,
      headers: {
        'x-slack-signature': documented.signature,
        'x-slack-request-timestamp': documented.timestamp,
      },
      nowMilliseconds: documented.timestamp * 1000,
    };
    expect(() => verifySlackRequest({ ...options, body: documented.body })).not.toThrow();
    expect(() =>
      verifySlackRequest({ ...options, body: documented.body.replace('roadrunner', 'coyote') }),
    ).toThrow();
  });
});
