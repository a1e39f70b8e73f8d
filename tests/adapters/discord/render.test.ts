import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/adapters/discord/custom-id.ts';
import { discordLimits } from '../../../src/adapters/discord/limits.ts';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import {
  type DiscordMessagePayload,
  renderBriefingForDiscord,
} from '../../../src/adapters/discord/render.ts';
import type {
  Briefing,
  BriefingAction,
  BriefingBlock,
  CommandName,
} from '../../../src/core/index.ts';

const base: Briefing = {
  title: 'Budapest Memorandum',
  summary: 'Security assurances to Ukraine for giving up its nuclear arsenal.',
  blocks: [],
  footer: 'Test fixture knowledge · Knowledge as of 25 November 2026',
  visibility: 'public',
  outcome: 'found',
};

function descriptions(messages: readonly DiscordMessagePayload[]): string {
  return messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n');
}

function customIds(message: DiscordMessagePayload | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
}

describe('renderBriefingForDiscord', () => {
  it('renders every block type', () => {
    const [message, ...rest] = renderBriefingForDiscord({
      ...base,
      blocks: [
        { type: 'heading', text: 'Provisions' },
        { type: 'paragraph', text: 'The signatories undertook to respect Ukraine’s borders.' },
        {
          type: 'facts',
          title: 'Key facts',
          items: [
            {
              date: '1994-12-05',
              when: '5 December 1994',
              text: 'Signed in Budapest.',
              source: 'Budapest Memorandum (Wikipedia)',
            },
          ],
        },
        { type: 'list', title: 'Parties', items: ['Ukraine', 'Russia'] },
        {
          type: 'citation',
          items: [
            {
              title: 'Budapest Memorandum (Wikipedia)',
              url: 'https://en.wikipedia.org/wiki/Budapest_Memorandum',
              publisher: 'Wikipedia',
            },
          ],
        },
        {
          type: 'related',
          items: [
            {
              id: 'minsk-ii',
              title: 'Minsk II',
              kind: 'agreement',
              request: { command: 'agreement', query: 'Minsk II' },
            },
          ],
        },
        {
          type: 'actions',
          items: [
            {
              type: 'share',
              label: 'Share in channel',
              request: { command: 'fact', query: 'budapest' },
            },
          ],
        },
      ],
    });
    expect(rest).toEqual([]);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Budapest Memorandum');
    expect(embed?.footer?.text).toBe(base.footer);
    const text = embed?.description ?? '';
    expect(text).toContain('**Provisions**');
    expect(text).toContain('The signatories undertook');
    expect(text).toContain('**Key facts**');
    expect(text).toContain(
      '• 5 December 1994: Signed in Budapest. (Budapest Memorandum (Wikipedia))',
    );
    expect(text).toContain('• Ukraine');
    expect(text).toContain(
      '• [Budapest Memorandum (Wikipedia)](<https://en.wikipedia.org/wiki/Budapest_Memorandum>) (Wikipedia)',
    );
    const buttons = message.components.flatMap((row) => row.components);
    expect(buttons.map((b) => [b.label, b.style])).toEqual([
      ['Minsk II', 2],
      ['Share in channel', 1],
    ]);
    expect(buttons.map((b) => decodeCustomId(b.custom_id))).toEqual([
      { type: 'run', request: { command: 'agreement', query: 'Minsk II' } },
      { type: 'share', request: { command: 'fact', query: 'budapest' } },
    ]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.flags).toBeUndefined();
  });

  it('marks every message of a private briefing ephemeral', () => {
    const messages = renderBriefingForDiscord({ ...base, visibility: 'ephemeral' });
    expect(messages.map((m) => m.flags)).toEqual([64]);
  });

  it('escapes user text so it cannot render as a mention', () => {
    const [message] = renderBriefingForDiscord({
      ...base,
      title: 'No match for “@everyone <@&123>”',
      blocks: [{ type: 'paragraph', text: 'hello <@456> @here' }],
    });
    expect(message.embeds[0]?.title).toBe('No match for “@\u200beveryone \\<@&123>”');
    expect(message.embeds[0]?.description).toContain('hello \\<@456> @\u200bhere');
  });

  it('splits a long briefing into follow-ups, in order, with buttons and footer on the last', () => {
    const items = Array.from({ length: 120 }, (_, i) => `Event ${i + 1}: ${'detail '.repeat(12)}`);
    const messages = renderBriefingForDiscord({
      ...base,
      blocks: [
        { type: 'list', items },
        {
          type: 'actions',
          items: [
            {
              type: 'run',
              label: 'Minsk II',
              request: { command: 'agreement', query: 'Minsk II' },
            },
          ],
        },
      ],
    });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(discordLimits.maxMessagesPerReply);
    for (const message of messages) discordMessagePayloadSchema.parse(message);
    const text = descriptions(messages);
    const positions = items.map((item) => text.indexOf(`• ${item.trim()}`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(customIds(messages.at(-1))).toEqual(['tb:run:agreement:Minsk II']);
    expect(messages.slice(0, -1).every((m) => m.embeds.every((e) => !e.footer))).toBe(true);
    expect(messages.at(-1)?.embeds.at(-1)?.footer?.text).toBe(base.footer);
    expect(text).not.toContain('Trimmed');
  });

  it('trims past the message cap and says how much was left out', () => {
    const items = Array.from({ length: 600 }, (_, i) => `Event ${i + 1}: ${'detail '.repeat(12)}`);
    const messages = renderBriefingForDiscord({ ...base, blocks: [{ type: 'list', items }] });
    expect(messages).toHaveLength(discordLimits.maxMessagesPerReply);
    const text = descriptions(messages);
    const shown = items.filter((item) => text.includes(`• ${item.trim()}`)).length;
    expect(text).toContain(
      `Trimmed to fit Discord's limits: ${items.length - shown} more lines not shown.`,
    );
  });

  it('keeps one button per request and at most 25, saying how many were dropped', () => {
    const actions: BriefingAction[] = Array.from({ length: 30 }, (_, i) => ({
      type: 'run',
      label: `Option ${i}`,
      request: { command: 'brief', query: `topic ${i}` },
    }));
    const duplicate: BriefingAction = {
      type: 'run',
      label: 'Again',
      request: { command: 'brief', query: 'topic 0' },
    };
    const [message] = renderBriefingForDiscord({
      ...base,
      blocks: [{ type: 'actions', items: [...actions, duplicate] }],
    });
    discordMessagePayloadSchema.parse(message);
    expect(customIds(message)).toHaveLength(25);
    expect(message.embeds.at(-1)?.description).toContain('6 more buttons not shown');
  });
});

const tricky = [
  '@everyone',
  '@here',
  '<@123456>',
  '<@&42>',
  '**',
  '`',
  '\\',
  '# ',
  '> ',
  '\n',
  '😀',
];
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc
      .array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...tricky)), { maxLength: 60 })
      .map((p) => p.join('')),
    fc.string({ minLength: maxLength, maxLength: maxLength * 3, unit: 'grapheme-ascii' }),
  );
const commandNames: CommandName[] = [
  'brief',
  'obstacle',
  'agreement',
  'fact',
  'timeline',
  'sources',
  'help',
];
const request = fc.record({ command: fc.constantFrom(...commandNames), query: text(80) });
const action: fc.Arbitrary<BriefingAction> = fc.record({
  type: fc.constantFrom('share' as const, 'run' as const),
  label: text(100),
  request,
});
const block: fc.Arbitrary<BriefingBlock> = fc.oneof(
  fc.record({ type: fc.constant('heading' as const), text: text(300) }),
  fc.record({ type: fc.constant('paragraph' as const), text: text(5000) }),
  fc.record({
    type: fc.constant('facts' as const),
    items: fc.array(fc.record({ text: text(1200), when: text(30), source: text(200) }), {
      maxLength: 40,
    }),
  }),
  fc.record({
    type: fc.constant('list' as const),
    title: text(300),
    items: fc.array(text(1200), { maxLength: 40 }),
  }),
  fc.record({
    type: fc.constant('citation' as const),
    items: fc.array(
      fc.record({ title: text(300), url: fc.oneof(fc.webUrl(), text(50)), publisher: text(50) }),
      { maxLength: 10 },
    ),
  }),
  fc.record({
    type: fc.constant('related' as const),
    items: fc.array(
      fc.record({
        id: fc.constant('x'),
        title: text(120),
        kind: fc.constant('agreement' as const),
        request,
      }),
      { maxLength: 10 },
    ),
  }),
  fc.record({ type: fc.constant('actions' as const), items: fc.array(action, { maxLength: 30 }) }),
);
const briefing: fc.Arbitrary<Briefing> = fc.record({
  title: text(400),
  summary: text(600),
  blocks: fc.array(block, { maxLength: 12 }),
  footer: text(2500),
  visibility: fc.constantFrom('public' as const, 'ephemeral' as const),
  outcome: fc.constant('found' as const),
});

describe('renderBriefingForDiscord, whatever the text', () => {
  it('stays within every Discord limit and never leaves a live mention', () => {
    fc.assert(
      fc.property(briefing, (generated) => {
        const messages = renderBriefingForDiscord(generated);
        expect(messages.length).toBeLessThanOrEqual(discordLimits.maxMessagesPerReply);
        for (const message of messages) {
          discordMessagePayloadSchema.parse(message);
          expect(message.flags).toBe(generated.visibility === 'ephemeral' ? 64 : undefined);
          const shown = message.embeds.flatMap((e) => [
            e.title ?? '',
            e.description ?? '',
            e.footer?.text ?? '',
          ]);
          const labels = message.components.flatMap((row) => row.components.map((b) => b.label));
          for (const part of [...shown, ...labels]) expect(part).not.toMatch(/@(everyone|here)/i);
          const markdown = message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '']);
          for (const part of markdown) expect(part).not.toMatch(/(^|[^\\])<@/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('button custom_ids', () => {
  it('given a query longer than a custom_id holds, clips it at a word and keeps the button', () => {
    const query = `when was minsk ii signed ${'and by whom '.repeat(20)}`.trim();
    const [message] = renderBriefingForDiscord({
      title: 'Minsk II',
      blocks: [
        {
          type: 'actions',
          items: [
            { type: 'share', label: 'Share in channel', request: { command: 'fact', query } },
          ],
        },
      ],
      footer: 'Test',
      visibility: 'ephemeral',
      outcome: 'found',
    });
    const [id] = customIds(message);
    expect(id?.length).toBeLessThanOrEqual(discordLimits.component.customId);
    const decoded = decodeCustomId(id ?? '');
    expect(decoded?.request.command).toBe('fact');
    expect(query.startsWith(decoded?.request.query ?? '-')).toBe(true);
    expect(decoded?.request.query).toMatch(/whom$/);
  });
});
