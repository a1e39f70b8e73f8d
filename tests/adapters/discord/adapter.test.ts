import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discordLimits } from '../../../src/adapters/discord/limits.ts';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import {
  type CommandName,
  type Core,
  createCore,
  type DailyRequestContext,
  type DailyService,
  loadKnowledgeDir,
} from '../../../src/core/index.ts';
import { createFakeDiscord, type RecordedRequest } from '../../fakes/fake-discord.ts';
import { createFixtureCore, type Harness, startHarness } from './harness.ts';
import { autocomplete, buttonClick, ids, slashCommand, slashSubcommand } from './interactions.ts';

const ephemeral = 64;

interface Button {
  label: string;
  custom_id: string;
  style: number;
}

interface MessageBody {
  flags?: number;
  content?: string;
  embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
  components?: Array<{ type: number; components: Button[] }>;
  allowed_mentions?: { parse: string[] };
}

interface CallbackBody {
  type: number;
  data?: MessageBody & { choices?: Array<{ name: string; value: string }> };
}

// The fake records JSON as received; these readers give it the shape Discord documents.
function callbackOf(request: RecordedRequest): CallbackBody {
  return request.body as CallbackBody;
}

function messageOf(request: RecordedRequest): MessageBody {
  return request.body as MessageBody;
}

function buttonsOf(message: MessageBody | undefined): Button[] {
  return (message?.components ?? []).flatMap((row) => row.components);
}

/** What Discord would check: the message JSON within every limit, with no mentions allowed. */
function expectValidMessage(message: MessageBody | undefined): void {
  expect(message?.allowed_mentions).toEqual({ parse: [] });
  discordMessagePayloadSchema.parse({ components: [], embeds: [], ...message });
}

describe('Discord adapter (real discord.js against a fake Discord)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('connects over the gateway with API v10, JSON encoding, its token and no intents', async () => {
    const session = await harness.discord.waitForSession();
    const url = new URL(session.url);
    expect(url.searchParams.get('v')).toBe('10');
    expect(url.searchParams.get('encoding')).toBe('json');
    expect(url.searchParams.has('compress')).toBe(false);
    expect(session.identify.token).toBe('test-token');
    expect(session.identify.intents).toBe(0);
    const gateway = await harness.discord.waitForRequest((r) => r.path === '/gateway/bot');
    expect(gateway.authorization).toBe('Bot test-token');
  });

  it('answers /fact privately with the answer, its source and a share button', async () => {
    const callback = callbackOf(
      await harness.interact(slashCommand('fact', 'when was minsk ii signed')),
    );
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(ephemeral);
    expectValidMessage(callback.data);
    const [embed] = callback.data?.embeds ?? [];
    expect(embed?.title).toBe('Minsk II');
    expect(embed?.description).toContain('12 February 2015');
    expect(embed?.description).toContain('https://en.wikipedia.org/wiki/Minsk_agreements');
    expect(buttonsOf(callback.data)).toContainEqual({
      type: 2,
      style: 1,
      label: 'Share in channel',
      custom_id: 'tb:share:fact:when was minsk ii signed',
    });
  });

  it.each([
    ['brief', 'budapest', 'Budapest Memorandum'],
    ['obstacle', '3', 'Crimea as a trophy'],
    ['agreement', 'minsk ii', 'Minsk II'],
  ])('posts /%s %s in the channel as a briefing on %s', async (command, query, title) => {
    const callback = callbackOf(await harness.interact(slashCommand(command, query)));
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBeUndefined();
    expectValidMessage(callback.data);
    expect(callback.data?.embeds?.[0]?.title).toBe(title);
    expect(callback.data?.embeds?.at(-1)?.footer?.text).toContain('Covers events through');
  });

  it.each<CommandName>(['brief', 'timeline', 'sources', 'help', 'agreement'])(
    'answers /%s without a query with the briefing the core composes',
    async (command) => {
      const expected = await harness.core.handle(
        {
          command,
          query: '',
          user: { id: ids.user },
          channel: { id: ids.channel },
          platform: 'discord',
        },
        {},
      );
      const callback = callbackOf(await harness.interact(slashCommand(command)));
      expect(callback.type).toBe(4);
      expect(callback.data?.flags).toBe(
        expected.visibility === 'ephemeral' ? ephemeral : undefined,
      );
      expectValidMessage(callback.data);
      expect(callback.data?.embeds?.[0]?.title).toBe(expected.title);
    },
  );

  it('answers any command asked for "help" with the help briefing', async () => {
    const callback = callbackOf(await harness.interact(slashCommand('agreement', 'help')));
    const help = callbackOf(await harness.interact(slashCommand('help')));
    expect(callback.data?.embeds?.[0]?.title).toBe(help.data?.embeds?.[0]?.title);
  });

  it('suggests matching entries while the user types, within 25 choices of 100 characters', async () => {
    const callback = callbackOf(await harness.interact(autocomplete('agreement', 'min')));
    expect(callback.type).toBe(8);
    expect(callback.data?.choices).toEqual([
      { name: 'Minsk Protocol', value: 'Minsk Protocol' },
      { name: 'Minsk II', value: 'Minsk II' },
    ]);
  });

  it('caps autocomplete at 25 choices even when everything matches', async () => {
    const callback = callbackOf(await harness.interact(autocomplete('brief', '')));
    const choices = callback.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(discordLimits.autocomplete.choices);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('shares a private /fact answer in the channel, without a second share button', async () => {
    const callback = callbackOf(
      await harness.interact(
        buttonClick('tb:share:fact:when was minsk ii signed', { ephemeral: true }),
      ),
    );
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBeUndefined();
    expectValidMessage(callback.data);
    expect(callback.data?.embeds?.[0]?.title).toBe('Minsk II');
    expect(buttonsOf(callback.data).map((b) => b.label)).not.toContain('Share in channel');
  });

  it('offers "did you mean" buttons for an ambiguous query, and runs the one clicked', async () => {
    const choice = callbackOf(await harness.interact(slashCommand('brief', 'minsk')));
    expect(choice.data?.flags).toBe(ephemeral);
    const buttons = buttonsOf(choice.data);
    expect(buttons.map((b) => b.label)).toEqual(['Minsk Protocol', 'Minsk II']);
    const minskII = buttons.find((b) => b.label === 'Minsk II');
    expect(minskII?.custom_id).toBe('tb:run:agreement:Minsk II');

    const answer = callbackOf(
      await harness.interact(buttonClick(minskII?.custom_id ?? '', { ephemeral: true })),
    );
    // The briefing is public, so it is a new message in the channel rather than an update.
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBeUndefined();
    expect(answer.data?.embeds?.[0]?.title).toBe('Minsk II');
  });

  it('offers "did you mean" buttons for an unmatched query', async () => {
    const miss = callbackOf(await harness.interact(slashCommand('agreement', 'crimea')));
    expect(miss.data?.flags).toBe(ephemeral);
    expect(buttonsOf(miss.data)).toEqual([
      expect.objectContaining({
        label: 'Autonomous Republic of Crimea',
        custom_id: 'tb:run:brief:Autonomous Republic of Crimea',
      }),
    ]);
  });

  it('replaces a private answer in place when the clicked one is private too', async () => {
    const callback = callbackOf(
      await harness.interact(buttonClick('tb:run:fact:who signed minsk ii', { ephemeral: true })),
    );
    expect(callback.type).toBe(7);
    expect(callback.data?.flags).toBeUndefined();
    expectValidMessage(callback.data);
    expect(callback.data?.embeds?.[0]?.title).toBe('Minsk II');
  });

  it('answers a button it does not know with a short private message', async () => {
    const callback = callbackOf(
      await harness.interact(buttonClick('tb:run:retired-command:x', { ephemeral: false })),
    );
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(ephemeral);
    expect(callback.data?.content).toMatch(/no longer works/);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('never pings, whatever the user types', async () => {
    const callback = callbackOf(
      await harness.interact(slashCommand('brief', '@everyone <@&400000000000000001> <@1> @here')),
    );
    expectValidMessage(callback.data);
    const shown = JSON.stringify(callback.data?.embeds);
    expect(shown).not.toMatch(/@(everyone|here)/);
    expect(shown).not.toMatch(/[^\\]<@/);
  });
});

describe('Discord adapter: long replies', () => {
  let harness: Harness;

  beforeAll(async () => {
    // Enough dated events that /timeline cannot fit one message.
    const events = Array.from({ length: 90 }, (_, i) => {
      const day = String((i % 28) + 1).padStart(2, '0');
      return `  - id: event-${i + 1}
    title: Fixture event number ${i + 1}
    summary: A dated event for the split test.
    body: A dated event that only exists to make the timeline long.
    date: '${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-${day}'
    facts:
      - id: happened
        statement: Fixture event number ${i + 1} happened, with a sentence long enough to take room in the timeline.
        date: '${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-${day}'
        source: wiki-minsk
    sources: [wiki-minsk]
    reviewed: '2026-11-25'`;
    });
    const core = await createFixtureCore([
      { file: 'events.yaml', text: `events:\n${events.join('\n')}\n` },
    ]);
    harness = await startHarness({ core });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('splits /timeline into a reply and follow-ups, each within the limits', async () => {
    const interaction = slashCommand('timeline');
    const expected = await harness.core.handle(
      {
        command: 'timeline',
        query: '',
        user: { id: ids.user },
        channel: { id: ids.channel },
        platform: 'discord',
      },
      {},
    );
    const callback = callbackOf(await harness.interact(interaction));
    expect(callback.type).toBe(4);
    expectValidMessage(callback.data);
    expect(callback.data?.embeds?.[0]?.title).toBe(expected.title);

    const text = (messages: readonly (MessageBody | undefined)[]) =>
      messages
        .flatMap((m) => m?.embeds ?? [])
        .map((e) => e.description ?? '')
        .join('\n');
    // Wait for follow-ups until the footer (on the last message only) has arrived.
    let followUps: RecordedRequest[] = [];
    for (let count = 1; ; count += 1) {
      followUps = await harness.followUps(interaction.token, count);
      if (followUps.some((f) => messageOf(f).embeds?.some((e) => e.footer))) break;
    }
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps.length).toBeLessThan(discordLimits.maxMessagesPerReply);
    for (const followUp of followUps) {
      expectValidMessage(messageOf(followUp));
      expect(followUp.query.wait).toBe('true');
      expect(messageOf(followUp).flags ?? 0).toBe(0);
    }
    const all = text([callback.data, ...followUps.map(messageOf)]);
    for (const number of [1, 45, 90])
      expect(all).toContain(`Fixture event number ${number} happened`);
  });

  it('when a follow-up is refused, logs it and tells the user privately in another', async () => {
    harness.discord.failNext({
      method: 'POST',
      path: /^\/webhooks\//,
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    const interaction = slashCommand('timeline');
    const callback = callbackOf(await harness.interact(interaction));
    expect(callback.type).toBe(4);
    const [refused, explained] = await harness.followUps(interaction.token, 2);
    expect(messageOf(refused as RecordedRequest).embeds?.length).toBeGreaterThan(0);
    const message = messageOf(explained as RecordedRequest);
    expect(message.flags).toBe(ephemeral);
    expect(message.content).toMatch(/permission/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(harness.logger.records).toContainEqual(
      expect.objectContaining({
        level: 'error',
        context: expect.objectContaining({ discordCode: 50001, command: 'timeline' }),
      }),
    );
  });
});

describe('Discord adapter: the real knowledge', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ core: createCore(await loadKnowledgeDir('knowledge')) });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('offers at most 25 autocomplete choices when more entries match', async () => {
    expect(harness.core.knowledge.entries.length).toBeGreaterThan(
      discordLimits.autocomplete.choices,
    );
    const callback = callbackOf(await harness.interact(autocomplete('brief', '')));
    expect(callback.type).toBe(8);
    expect(callback.data?.choices).toHaveLength(discordLimits.autocomplete.choices);
  });
});

describe('Discord adapter: /daily', () => {
  let harness: Harness;
  const calls: Array<{ query: string; context: DailyRequestContext }> = [];
  let release: () => void = () => {};
  let entered: () => void = () => {};
  /** Resolves when the daily service has been asked, i.e. after discord.js acknowledged. */
  const nextCall = () =>
    new Promise<void>((resolve) => {
      entered = resolve;
    });

  beforeAll(async () => {
    const core = await createFixtureCore();
    // Stands in for the daily service and its store: it answers only when the test says so.
    const daily: DailyService = {
      async handle(request, context) {
        calls.push({ query: request.query, context });
        const answered = new Promise<void>((resolve) => {
          release = resolve;
        });
        entered();
        await answered;
        return {
          title: 'Daily briefing set up',
          summary: `Every day at 07:30 (Europe/Kyiv).`,
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
    harness = await startHarness({ core, daily });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('defers privately before the slow store answers, then edits the answer in', async () => {
    const interaction = slashSubcommand('daily', 'subscribe', {
      time: '07:30',
      timezone: 'Europe/Kyiv',
    });
    const asked = nextCall();
    const deferred = callbackOf(await harness.interact(interaction));
    expect(deferred).toEqual({ type: 5, data: { flags: ephemeral } });

    const edited = harness.discord.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${ids.application}/${interaction.token}/messages/@original`,
    );
    await asked;
    release();
    const message = messageOf(await edited);
    expectValidMessage(message);
    expect(message.embeds?.[0]?.title).toBe('Daily briefing set up');
    expect(calls[0]).toEqual({
      query: 'subscribe 07:30 Europe/Kyiv',
      context: { canManage: false, workspaceId: ids.guild },
    });
  });

  it('tells the daily service when the member may manage the channel', async () => {
    const interaction = slashSubcommand('daily', 'unsubscribe', {}, String(1 << 4));
    const asked = nextCall();
    await harness.interact(interaction);
    await asked;
    release();
    expect(calls[1]).toEqual({
      query: 'unsubscribe',
      context: { canManage: true, workspaceId: ids.guild },
    });
  });
});

describe('Discord adapter: failures', () => {
  let harness: Harness;

  beforeAll(async () => {
    const core = await createFixtureCore();
    // A core that fails on one query, to show what the user sees when something breaks.
    const failing: Core = {
      ...core,
      handle: (request, context) => {
        if (request.query === 'explode') throw new Error('composer failed');
        return core.handle(request, context);
      },
    };
    harness = await startHarness({ core: failing });
  });
  afterAll(async () => {
    await harness.close();
  });
  afterEach(() => {
    harness.logger.records.length = 0;
  });

  it('tells the user briefly, logs with context and keeps serving', async () => {
    const failed = callbackOf(await harness.interact(slashCommand('brief', 'explode')));
    expect(failed.type).toBe(4);
    expect(failed.data?.flags).toBe(ephemeral);
    expect(failed.data?.content).toMatch(/something went wrong/i);
    const logged = harness.logger.records.find((r) => r.level === 'error');
    expect(logged?.context).toMatchObject({
      command: 'brief',
      guildId: ids.guild,
      userId: ids.user,
    });

    const next = callbackOf(await harness.interact(slashCommand('brief', 'budapest')));
    expect(next.data?.embeds?.[0]?.title).toBe('Budapest Memorandum');
  });

  it('logs a missing permission with its Discord code and tells the user what to ask for', async () => {
    harness.discord.failNext({
      method: 'POST',
      path: /\/callback$/,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const interaction = slashCommand('brief', 'budapest');
    harness.discord.dispatchInteraction(interaction.payload);
    const callbacks = () =>
      harness.discord.requests.filter(
        (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      );
    await harness.discord.waitForRequest(() => callbacks().length >= 2);
    const [refused, explained] = callbacks();
    expect(callbackOf(refused as RecordedRequest).data?.embeds?.[0]?.title).toBe(
      'Budapest Memorandum',
    );
    const message = callbackOf(explained as RecordedRequest);
    expect(message.data?.flags).toBe(ephemeral);
    expect(message.data?.content).toMatch(/permission/);
    const logged = harness.logger.records.find((r) => r.level === 'error');
    expect(logged?.message).toMatch(/missing permission/);
    expect(logged?.context).toMatchObject({ discordCode: 50013, status: 403, command: 'brief' });

    const next = callbackOf(
      await harness.interact(slashCommand('fact', 'when was minsk ii signed')),
    );
    expect(next.data?.embeds?.[0]?.title).toBe('Minsk II');
  });
});

describe('Discord adapter: gateway', () => {
  it('heartbeats and the fake acknowledges, keeping the session open', async () => {
    const discord = await createFakeDiscord({
      applicationId: ids.application,
      heartbeatIntervalMs: 25,
    });
    const { createDiscordAdapter } = await import('../../../src/adapters/discord/adapter.ts');
    const adapter = createDiscordAdapter(
      { token: 'test-token', applicationId: ids.application, apiUrl: discord.apiUrl },
      await createFixtureCore(),
      { debug() {}, info() {}, warn() {}, error() {} },
    );
    await adapter.start();
    await discord.waitForHeartbeats(3);
    await adapter.stop();
    await adapter.stop();
    await discord.close();
    expect(discord.heartbeats).toBeGreaterThanOrEqual(3);
  });
});
