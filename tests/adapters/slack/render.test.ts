import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeActionValue } from '../../../src/adapters/slack/actions.ts';
import { escapeSlackText } from '../../../src/adapters/slack/escape.ts';
import { renderBriefingForSlack, trimmedNote } from '../../../src/adapters/slack/render.ts';
import {
  type Briefing,
  type BriefingBlock,
  type Core,
  commands,
  maxQueryLength,
} from '../../../src/core/index.ts';
import { createTestCore } from './helpers.ts';
import { limitViolations, textsOf, unescapedMentions } from './limits-check.ts';

const base: Briefing = {
  title: 'Budapest Memorandum',
  summary: 'Security assurances to Ukraine.',
  blocks: [],
  footer: 'Test fixture · Knowledge as of 25 November 2026',
  visibility: 'public',
  outcome: 'found',
};

const everyBlock: readonly BriefingBlock[] = [
  { type: 'heading', text: 'Provisions' },
  { type: 'paragraph', text: 'The signatories assured Ukraine.' },
  {
    type: 'facts',
    title: 'Key facts',
    items: [
      {
        date: '1994-12-05',
        when: '5 December 1994',
        text: 'Signed in Budapest.',
        source: 'Wikipedia',
      },
    ],
  },
  { type: 'list', title: 'Parties', items: ['Ukraine', 'Russia'] },
  {
    type: 'citation',
    items: [
      { title: 'Budapest Memorandum', url: 'https://example.org/a?b=1&c=2', publisher: 'Wiki' },
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
      { type: 'share', label: 'Share in channel', request: { command: 'fact', query: 'budapest' } },
      { type: 'run', label: 'Full briefing', request: { command: 'agreement', query: 'budapest' } },
    ],
  },
];

describe('renderBriefingForSlack', () => {
  it('renders every block type, with the title as header and in the fallback text', () => {
    const message = renderBriefingForSlack({ ...base, blocks: everyBlock });
    expect(message.text).toContain('Budapest Memorandum');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Budapest Memorandum', emoji: true },
    });
    const shown = textsOf(message).join('\n');
    for (const expected of [
      '*Provisions*',
      'The signatories assured Ukraine.',
      '*5 December 1994*: Signed in Budapest. _(Wikipedia)_',
      '• Russia',
      '<https://example.org/a?b=1&amp;c=2|Budapest Memorandum> (Wiki)',
      'Minsk II',
      'Share in channel',
      'Knowledge as of 25 November 2026',
    ]) {
      expect(shown).toContain(expected);
    }
    expect(limitViolations(message)).toEqual([]);
  });

  it('gives each button a unique action_id and a value that decodes to its request', () => {
    const message = renderBriefingForSlack({ ...base, blocks: everyBlock });
    const buttons = message.blocks.flatMap((block) =>
      block.type === 'actions' ? block.elements : [],
    );
    expect(buttons.map((b) => b.action_id)).toEqual([
      'trucebrief.run.0',
      'trucebrief.share.0',
      'trucebrief.run.1',
    ]);
    expect(buttons.map((b) => decodeActionValue(b.value))).toEqual([
      { command: 'agreement', query: 'Minsk II' },
      { command: 'fact', query: 'budapest' },
      { command: 'agreement', query: 'budapest' },
    ]);
  });

  it('drops the Share button when the briefing is posted publicly', () => {
    const message = renderBriefingForSlack({ ...base, blocks: everyBlock }, { public: true });
    expect(textsOf(message)).not.toContain('Share in channel');
    expect(textsOf(message)).toContain('Full briefing');
  });

  it('shortens a title longer than a header allows, with an ellipsis', () => {
    const message = renderBriefingForSlack({ ...base, title: 'A'.repeat(400) });
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(`${'A'.repeat(149)}…`);
  });

  it('splits a long paragraph across sections without losing text', () => {
    const words = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    const message = renderBriefingForSlack({
      ...base,
      blocks: [{ type: 'paragraph', text: words }],
    });
    const sections = message.blocks.filter((block) => block.type === 'section');
    expect(sections.length).toBeGreaterThan(2);
    const rejoined = sections
      .slice(1)
      .map((block) => (block.type === 'section' ? block.text.text : ''))
      .join(' ');
    expect(rejoined).toBe(words);
    expect(limitViolations(message)).toEqual([]);
  });

  it('trims an over-long briefing with a note, keeping its buttons and footer', () => {
    const paragraphs: BriefingBlock[] = Array.from({ length: 80 }, (_, i) => ({
      type: 'paragraph',
      text: `Paragraph ${i}. ${'x'.repeat(400)}`,
    }));
    const message = renderBriefingForSlack({
      ...base,
      blocks: [...paragraphs, ...everyBlock.filter((b) => b.type === 'actions')],
    });
    expect(limitViolations(message)).toEqual([]);
    const shown = textsOf(message);
    expect(shown.some((text) => text.startsWith("_Shortened to fit Slack's message limits."))).toBe(
      true,
    );
    expect(shown).toContain('Share in channel');
    expect(shown.at(-1)).toContain('Knowledge as of');
    expect(trimmedNote(3)).toContain('3 more parts not shown');
  });

  it('escapes text so it cannot mention anyone, and shows it as typed', () => {
    const message = renderBriefingForSlack({
      ...base,
      title: 'No match for <!channel> & <@U123>',
      blocks: [{ type: 'paragraph', text: '@here <!everyone> <#C1|general>' }],
    });
    expect(unescapedMentions(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({
      text: { text: 'No match for &lt;!channel&gt; &amp; &lt;@U123&gt;' },
    });
  });

  it('shows a citation with an odd URL as text, not as a link', () => {
    const message = renderBriefingForSlack({
      ...base,
      blocks: [{ type: 'citation', items: [{ title: 'x', url: 'javascript:alert(1)|<!here>' }] }],
    });
    expect(unescapedMentions(message)).toEqual([]);
    expect(textsOf(message).join('\n')).toContain('x (javascript:alert(1)|&lt;!here&gt;)');
  });
});

describe('renderBriefingForSlack, where text is cut', () => {
  it('never leaves a broadcast word at a cut that escaping saw as part of a longer word', () => {
    const message = renderBriefingForSlack({
      title: `${'x'.repeat(140)} @channelwatchers`,
      summary: `${'y '.repeat(1495)}@heresay and more`,
      blocks: [],
      footer: 'f',
      visibility: 'public',
      outcome: 'found',
    });
    expect(unescapedMentions(message)).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('splits long citation lists between links, never inside one', () => {
    const items = [
      ...Array.from({ length: 80 }, (_, i) => ({
        title: `Source number ${i} with a label of several words`,
        url: `https://example.org/source/${i}`,
      })),
      { title: 'An overlong label '.repeat(250), url: 'https://example.org/long' },
    ];
    const message = renderBriefingForSlack({
      title: 'Sources',
      blocks: [{ type: 'citation', items }],
      footer: 'f',
      visibility: 'public',
      outcome: 'sources',
    });
    const sections = textsOf(message).filter((text) => text.includes('https://example.org'));
    expect(sections.length).toBeGreaterThan(1);
    for (const text of sections) {
      expect(text.split('<').length).toBe(text.split('>').length);
    }
  });
});

// Text that leans on Slack's control characters and mention syntax, mixed with anything at all.
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        '<!channel>',
        '<!here>',
        '<!everyone>',
        '<@U0VICTIM>',
        '<#C0|general>',
        '<!subteam^S1>',
        '@channel',
        '@here',
        '@everyone',
        '&',
        '<',
        '>',
        '&lt;',
        '*',
        '\n',
        ' ',
        '😀',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const longText = fc.oneof(hostileText, fc.string({ minLength: 2000, maxLength: 8000 }));

const actionRequest = fc.record({
  command: fc.constantFrom(...commands.map((c) => c.name)),
  query: fc.string({ maxLength: maxQueryLength }),
});

const briefingBlock: fc.Arbitrary<BriefingBlock> = fc.oneof(
  fc.record({ type: fc.constant('heading' as const), text: hostileText }),
  fc.record({ type: fc.constant('paragraph' as const), text: longText }),
  fc.record({
    type: fc.constant('facts' as const),
    title: hostileText,
    items: fc.array(fc.record({ when: hostileText, text: longText, source: hostileText }), {
      maxLength: 8,
    }),
  }),
  fc.record({
    type: fc.constant('list' as const),
    items: fc.array(hostileText, { maxLength: 40 }),
  }),
  fc.record({
    type: fc.constant('citation' as const),
    items: fc.array(fc.record({ title: hostileText, url: fc.oneof(fc.webUrl(), hostileText) }), {
      maxLength: 8,
    }),
  }),
  fc.record({
    type: fc.constant('related' as const),
    items: fc.array(
      fc.record({
        id: fc.string(),
        title: hostileText,
        kind: fc.constantFrom('obstacle' as const, 'agreement' as const, 'place' as const),
        request: actionRequest,
      }),
      { maxLength: 30 },
    ),
  }),
  fc.record({
    type: fc.constant('actions' as const),
    items: fc.array(
      fc.record({
        type: fc.constantFrom('share' as const, 'run' as const),
        label: hostileText,
        request: actionRequest,
      }),
      { maxLength: 30 },
    ),
  }),
);

const briefing: fc.Arbitrary<Briefing> = fc.record({
  title: hostileText,
  summary: hostileText,
  blocks: fc.array(briefingBlock, { maxLength: 60 }),
  footer: longText,
  visibility: fc.constantFrom('public' as const, 'ephemeral' as const),
  outcome: fc.constant('found' as const),
});

describe('renderBriefingForSlack, for any input (property)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
  });

  it('whatever a user types, the real core and renderer stay within limits and mention no one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...commands.map((c) => c.name)),
        hostileText,
        async (command, query) => {
          const rendered = renderBriefingForSlack(
            await core.handle(
              { command, query, user: { id: 'U1' }, channel: { id: 'C1' }, platform: 'slack' },
              {},
            ),
          );
          expect(limitViolations(rendered)).toEqual([]);
          expect(unescapedMentions(rendered)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any briefing renders within limits, with the title leading the fallback, and mentions no one', () => {
    fc.assert(
      fc.property(briefing, fc.boolean(), (input, isPublic) => {
        const rendered = renderBriefingForSlack(input, { public: isPublic });
        expect(limitViolations(rendered)).toEqual([]);
        expect(unescapedMentions(rendered)).toEqual([]);
        expect(rendered.blocks[0]?.type).toBe('header');
        const title = escapeSlackText(input.title.trim());
        if (title !== '') expect(rendered.text.startsWith(title.slice(0, 100))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
