import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import type { Core, DailyRequestContext, DailyService } from '../../../src/core/index.ts';
import type { RecordedRequest } from '../../fakes/fake-discord.ts';
import { createFixtureCore, type Harness, startHarness } from './harness.ts';
import { type HttpHarness, startHttpHarness } from './http-harness.ts';
import {
  autocomplete,
  buttonClick,
  ids,
  modalSubmit,
  slashCommand,
  slashSubcommand,
} from './interactions.ts';

const ephemeral = 64;

interface MessageBody {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string; footer?: { text?: string } }>;
  components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }>;
  allowed_mentions?: unknown;
}

interface ResponseBody {
  type: number;
  data?: MessageBody & {
    choices?: Array<{ name: string; value: string }>;
    custom_id?: string;
    title?: string;
  };
}

function responseOf(result: { body: unknown }): ResponseBody {
  return result.body as ResponseBody;
}

/** What Discord would check: the message JSON within every limit, with no mentions allowed. */
function expectValidMessage(message: MessageBody | undefined): void {
  expect(message?.allowed_mentions).toEqual({ parse: [] });
  discordMessagePayloadSchema.parse({ components: [], embeds: [], ...message });
}

describe('Discord HTTP interactions: answers in the response body', () => {
  let http: HttpHarness;

  beforeAll(async () => {
    http = await startHttpHarness();
  });
  afterAll(async () => {
    await http.close();
  });

  it('answers PING with PONG', async () => {
    const result = await http.post({
      id: '1',
      application_id: ids.application,
      type: 1,
      token: 't',
      version: 1,
    });
    expect(result).toEqual({ status: 200, body: { type: 1 } });
  });

  it('answers /fact privately with the answer and a share button, with no bot token', async () => {
    const result = await http.post(slashCommand('fact', 'when was minsk ii signed').payload);
    expect(result.status).toBe(200);
    const body = responseOf(result);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(ephemeral);
    expectValidMessage(body.data);
    expect(body.data?.embeds?.[0]?.title).toBe('Minsk II');
    expect(body.data?.embeds?.[0]?.description).toContain('12 February 2015');
    expect(body.data?.components?.[0]?.components).toContainEqual(
      expect.objectContaining({ custom_id: 'tb:share:fact:when was minsk ii signed' }),
    );
    // Nothing went to Discord's REST API: the answer was the response.
    expect(http.discord.requests).toEqual([]);
  });

  it('suggests entries while the user types (type 8)', async () => {
    const body = responseOf(await http.post(autocomplete('agreement', 'min').payload));
    expect(body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'Minsk Protocol', value: 'Minsk Protocol' },
          { name: 'Minsk II', value: 'Minsk II' },
        ],
      },
    });
  });

  it('replaces a private answer in place when a private button is clicked (type 7)', async () => {
    const body = responseOf(
      await http.post(buttonClick('tb:run:fact:who signed minsk ii', { ephemeral: true }).payload),
    );
    expect(body.type).toBe(7);
    expect(body.data?.flags).toBeUndefined();
    expectValidMessage(body.data);
    expect(body.data?.embeds?.[0]?.title).toBe('Minsk II');
  });

  it('shares a private answer in the channel (type 4, public)', async () => {
    const body = responseOf(
      await http.post(
        buttonClick('tb:share:fact:when was minsk ii signed', { ephemeral: true }).payload,
      ),
    );
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBeUndefined();
    expect(body.data?.embeds?.[0]?.title).toBe('Minsk II');
  });

  it('answers a button it does not know with a short private message', async () => {
    const body = responseOf(
      await http.post(buttonClick('tb:run:retired-command:x', { ephemeral: false }).payload),
    );
    expect(body).toEqual({
      type: 4,
      data: {
        content: expect.stringMatching(/no longer works/),
        embeds: [],
        components: [],
        allowed_mentions: { parse: [] },
        flags: ephemeral,
      },
    });
  });

  it('never pings, whatever the user types', async () => {
    const body = responseOf(
      await http.post(slashCommand('brief', '@everyone <@&400000000000000001> <@1> @here').payload),
    );
    expectValidMessage(body.data);
    const shown = JSON.stringify(body.data?.embeds);
    expect(shown).not.toMatch(/@(everyone|here)/);
    expect(shown).not.toMatch(/[^\\]<@/);
  });
});

describe('Discord HTTP interactions: the same answers as the gateway', () => {
  let http: HttpHarness;
  let gateway: Harness;

  beforeAll(async () => {
    const core = await createFixtureCore();
    [http, gateway] = await Promise.all([startHttpHarness({ core }), startHarness({ core })]);
  });
  afterAll(async () => {
    await Promise.all([http.close(), gateway.close()]);
  });

  /** The parts of a message both modes decide through the shared translation. */
  const decided = (body: ResponseBody) => ({
    type: body.type,
    flags: body.data?.flags,
    content: body.data?.content,
    embeds: body.data?.embeds ?? [],
    components: body.data?.components ?? [],
    choices: body.data?.choices,
    allowed_mentions: body.data?.allowed_mentions,
  });

  it.each([
    ['/brief budapest', () => slashCommand('brief', 'budapest')],
    ['/agreement crimea (did you mean)', () => slashCommand('agreement', 'crimea')],
    ['/help', () => slashCommand('help')],
    ['autocomplete /brief', () => autocomplete('brief', '')],
    ['a "did you mean" click', () => buttonClick('tb:run:agreement:Minsk II', { ephemeral: true })],
    ['a stale button', () => buttonClick('tb:nope', { ephemeral: false })],
    ['the report button', () => buttonClick('tb:report:brief:Minsk II', { ephemeral: true })],
  ])('%s', async (_name, make) => {
    const viaHttp = responseOf(await http.post(make().payload));
    const viaGateway = (await gateway.interact(make())).body as ResponseBody;
    expect(decided(viaHttp)).toEqual(decided(viaGateway));
    if (viaHttp.type === 9) expect(viaHttp.data).toEqual(viaGateway.data);
  });
});

describe('Discord HTTP interactions: deferred answers and follow-ups through the webhook', () => {
  const calls: Array<{ query: string; context: DailyRequestContext }> = [];
  let http: HttpHarness;

  beforeAll(async () => {
    const daily: DailyService = {
      async handle(request, context) {
        calls.push({ query: request.query, context });
        return {
          title: 'Daily briefing set up',
          summary: 'Every day at 07:30 (Europe/Kyiv).',
          blocks: [],
          footer: 'Test fixture knowledge',
          visibility: 'ephemeral',
          outcome: 'daily',
        };
      },
      compose() {
        return Promise.reject(new Error('the scheduler is not under test'));
      },
    };
    http = await startHttpHarness({ core: await createFixtureCore(), daily });
  });
  afterAll(async () => {
    await http.close();
  });

  it('defers /daily privately (type 5), then edits the answer in without a bot token', async () => {
    const interaction = slashSubcommand(
      'daily',
      'subscribe',
      { time: '07:30', timezone: 'Europe/Kyiv' },
      String(1 << 4),
    );
    const body = responseOf(await http.post(interaction.payload));
    expect(body).toEqual({ type: 5, data: { flags: ephemeral } });
    const [edit] = await http.webhookCalls(interaction.token, 1);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/webhooks/${ids.application}/${interaction.token}/messages/@original`);
    expect(edit?.authorization).toBeUndefined();
    expectValidMessage(edit?.body as MessageBody);
    expect((edit?.body as MessageBody | undefined)?.embeds?.[0]?.title).toBe(
      'Daily briefing set up',
    );
    expect(calls.at(-1)).toEqual({
      query: 'subscribe 07:30 Europe/Kyiv',
      context: { canManage: true, workspaceId: ids.guild },
    });
  });

  it('reads a member without Manage Channels as one who may not manage /daily', async () => {
    const interaction = slashSubcommand('daily', 'unsubscribe', {});
    await http.post(interaction.payload);
    await http.webhookCalls(interaction.token, 1);
    expect(calls.at(-1)?.context).toEqual({ canManage: false, workspaceId: ids.guild });
  });

  it('takes a submitted report form: deferred privately, thanked by editing', async () => {
    const interaction = modalSubmit('tb:report-form:Minsk II', {
      select: { reason: ['wrong'] },
      text: { details: 'The date is off by a day.' },
    });
    const body = responseOf(await http.post(interaction.payload));
    expect(body).toEqual({ type: 5, data: { flags: ephemeral } });
    const [edit] = await http.webhookCalls(interaction.token, 1);
    expect(edit?.method).toBe('PATCH');
    expectValidMessage(edit?.body as MessageBody);
  });

  it('answers a form it cannot read as a stale one', async () => {
    const interaction = modalSubmit('tb:report-form:Minsk II', { text: { details: 'x' } });
    const body = responseOf(await http.post(interaction.payload));
    expect(body.type).toBe(4);
    expect(body.data?.content).toMatch(/no longer works/);
  });
});

describe('Discord HTTP interactions: when the core is slow or fails', () => {
  it('defers privately before Discord’s 3 seconds run out, then edits the answer in', async () => {
    const fixture = await createFixtureCore();
    const slow: Core = {
      ...fixture,
      handle: async (request, context) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return fixture.handle(request, context);
      },
    };
    const http = await startHttpHarness({ core: slow, adapter: { deferAfterMs: 50 } });
    try {
      const interaction = slashCommand('brief', 'budapest');
      const body = responseOf(await http.post(interaction.payload));
      expect(body).toEqual({ type: 5, data: { flags: ephemeral } });
      const [edit] = await http.webhookCalls(interaction.token, 1);
      expect(edit?.method).toBe('PATCH');
      expect((edit?.body as MessageBody | undefined)?.embeds?.[0]?.title).toBe(
        'Budapest Memorandum',
      );
    } finally {
      await http.close();
    }
  });

  it('answers the core’s apology privately when the core fails, and logs why', async () => {
    const fixture = await createFixtureCore();
    const failing: Core = {
      ...fixture,
      handle: () => Promise.reject(new Error('store down')),
    };
    const http = await startHttpHarness({ core: failing });
    try {
      const body = responseOf(await http.post(slashCommand('brief', 'budapest').payload));
      expect(body.type).toBe(4);
      expect(body.data?.flags).toBe(ephemeral);
      expect(body.data?.content).toMatch(/\S/);
      expect(http.logger.records).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'discord interaction failed',
          context: expect.objectContaining({ command: 'brief', userId: ids.user }),
        }),
      );
    } finally {
      await http.close();
    }
  });
});

describe('Discord HTTP interactions: daily posts', () => {
  it('has no deliverer without DISCORD_TOKEN, and one that posts as the bot with it', async () => {
    const without = await startHttpHarness();
    const withToken = await startHttpHarness({ token: 'test-token' });
    try {
      expect(without.adapter.deliverer).toBeUndefined();
      const channel = '300000000000000777';
      const briefing = await withToken.core.handle(
        {
          command: 'brief',
          query: 'budapest',
          user: { id: ids.user },
          channel: { id: channel },
          platform: 'discord',
        },
        {},
      );
      await withToken.adapter.deliverer?.send(
        { platform: 'discord', channelId: channel, workspaceId: ids.guild },
        briefing,
      );
      const post = await withToken.discord.waitForRequest(
        (r: RecordedRequest) => r.path === `/channels/${channel}/messages`,
      );
      expect(post.authorization).toBe('Bot test-token');
    } finally {
      await Promise.all([without.close(), withToken.close()]);
    }
  });
});
