import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingBlock, BriefingBlockType } from '../../src/core/index.ts';

/** What the shared contract needs to know about one platform's renderer. */
export interface RendererUnderTest<Rendered> {
  readonly name: string;
  render(briefing: Briefing): Rendered;
  /** Every piece of text a person would see, joined. */
  visibleText(rendered: Rendered): string;
  /** The plain-text fallback (notifications, screen readers, clients without rich layout). */
  fallbackText(rendered: Rendered): string;
  /** Every way the rendered message breaks the platform's limits; empty when it would be accepted. */
  limitViolations(rendered: Rendered): string[];
  /** Mentions or broadcasts the platform would act on. */
  liveMentions(rendered: Rendered): string[];
  /** The same, in the fallback text alone: notifications show it with nothing around it. */
  fallbackMentions(rendered: Rendered): string[];
  /**
   * False for incoming-webhook posts, which no app answers: action buttons are left out (related
   * entries still show, as text). Default true.
   */
  readonly interactive?: boolean;
  /** Whether the platform caps a message, so a huge briefing must be shortened (a terminal does not). */
  readonly hasMessageLimit: boolean;
}

const everyBlock: Record<BriefingBlockType, BriefingBlock> = {
  heading: { type: 'heading', text: 'HeadingMarker' },
  paragraph: { type: 'paragraph', text: 'ParagraphMarker explains the point.' },
  facts: {
    type: 'facts',
    title: 'Key facts',
    items: [
      {
        date: '1994-12-05',
        when: '5 December 1994',
        text: 'FactMarker was signed.',
        source: 'SourceTitle',
      },
    ],
  },
  list: { type: 'list', title: 'At a glance', items: ['ListMarker one', 'ListMarker two'] },
  citation: {
    type: 'citation',
    items: [{ title: 'CitationMarker', url: 'https://example.org/citation-marker' }],
  },
  related: {
    type: 'related',
    items: [
      {
        id: 'minsk-ii',
        title: 'RelatedMarker',
        kind: 'agreement',
        request: { command: 'agreement', query: 'Minsk II' },
      },
    ],
  },
  actions: {
    type: 'actions',
    items: [
      { type: 'share', label: 'ShareMarker', request: { command: 'fact', query: 'minsk ii' } },
      { type: 'run', label: 'RunMarker', request: { command: 'agreement', query: 'Minsk II' } },
    ],
  },
};

const markers: Record<BriefingBlockType, string> = {
  heading: 'HeadingMarker',
  paragraph: 'ParagraphMarker',
  facts: 'FactMarker',
  list: 'ListMarker',
  citation: 'CitationMarker',
  related: 'RelatedMarker',
  actions: 'RunMarker',
};

function briefingWith(
  blocks: readonly BriefingBlock[],
  overrides: Partial<Briefing> = {},
): Briefing {
  return {
    title: 'TitleMarker',
    summary: 'SummaryMarker',
    blocks,
    footer: 'FooterMarker · Knowledge as of 25 November 2026',
    visibility: 'public',
    outcome: 'found',
    ...overrides,
  };
}

const hostile =
  '<!channel> <!here> <!everyone> @everyone @here <@U024BE7LH> <@&123456789012345678> <#C123> <https://evil.example|click>';

/** NUL, the bidirectional overrides and embeddings, the isolates and the direction marks. */
const unsafeCharacters = '\u0000\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const anyUnsafe = /[\u0000\u202a-\u202e\u2066-\u2069\u200e\u200f]/u;

/** The suite every renderer passes: every block renders, the title survives, limits hold, user text cannot ping. */
export function describeRendererContract<Rendered>(renderer: RendererUnderTest<Rendered>): void {
  describe(`${renderer.name} renderer contract`, () => {
    const interactive = renderer.interactive !== false;
    it.each(Object.keys(everyBlock) as BriefingBlockType[])('renders a %s block', (type) => {
      const rendered = renderer.render(briefingWith([everyBlock[type]]));
      if (type === 'actions' && !interactive) {
        expect(renderer.visibleText(rendered)).not.toContain(markers[type]);
      } else {
        expect(renderer.visibleText(rendered)).toContain(markers[type]);
      }
    });

    it('keeps the title in the fallback text', () => {
      const rendered = renderer.render(briefingWith(Object.values(everyBlock)));
      expect(renderer.fallbackText(rendered)).toContain('TitleMarker');
    });

    it('shows the footer with the as-of date', () => {
      const rendered = renderer.render(briefingWith([everyBlock.paragraph]));
      expect(renderer.visibleText(rendered)).toContain('Knowledge as of 25 November 2026');
    });

    it('keeps a huge briefing within the platform limits, saying so where it shortens', () => {
      const long = 'A long sentence about the obstacles to a truce. '.repeat(400);
      const blocks: BriefingBlock[] = [
        ...Array.from(
          { length: 60 },
          (_, i): BriefingBlock => ({ type: 'paragraph', text: `${i} ${long}` }),
        ),
        {
          type: 'facts',
          items: Array.from({ length: 200 }, (_, i) => ({
            text: `Fact ${i} ${long.slice(0, 900)}`,
          })),
        },
        {
          type: 'list',
          items: Array.from({ length: 200 }, (_, i) => `Item ${i} ${long.slice(0, 500)}`),
        },
      ];
      const rendered = renderer.render(
        briefingWith(blocks, { title: `TitleMarker ${'t'.repeat(400)}` }),
      );
      expect(renderer.limitViolations(rendered)).toEqual([]);
      if (renderer.hasMessageLimit) {
        expect(renderer.visibleText(rendered)).toMatch(/shortened|trimmed|omitted|left out|more/i);
      }
    });

    it('renders text a user typed without live mentions', () => {
      const rendered = renderer.render(
        briefingWith(
          [
            { type: 'paragraph', text: hostile },
            { type: 'list', items: [hostile] },
          ],
          {
            title: `No match for “${hostile}”`,
            summary: hostile,
          },
        ),
      );
      expect(renderer.liveMentions(rendered)).toEqual([]);
      expect(renderer.limitViolations(rendered)).toEqual([]);
    });

    it('drops NUL and bidirectional controls from user text in every field', () => {
      const typed = (word: string) => `${word}${unsafeCharacters}gnp.exe`;
      const rendered = renderer.render(
        briefingWith(
          [
            { type: 'heading', text: typed('Heading') },
            { type: 'paragraph', text: typed('Paragraph') },
            { type: 'list', title: typed('List'), items: [typed('Item')] },
            {
              type: 'facts',
              title: typed('Facts'),
              items: [{ when: typed('When'), text: typed('Fact'), source: typed('Source') }],
            },
            {
              type: 'citation',
              items: [
                { title: typed('Cited'), url: `https://example.org/${unsafeCharacters}` },
                { title: typed('Linked'), url: 'https://example.org/ok', publisher: typed('Pub') },
              ],
            },
            {
              type: 'related',
              items: [
                {
                  id: 'x',
                  title: typed('Related'),
                  kind: 'agreement',
                  request: { command: 'agreement', query: typed('q') },
                },
              ],
            },
            {
              type: 'actions',
              items: [
                { type: 'run', label: typed('Run'), request: { command: 'fact', query: 'x' } },
              ],
            },
          ],
          {
            title: `No match for “${typed('Title')}”`,
            summary: typed('Summary'),
            footer: typed('Footer'),
          },
        ),
      );
      expect(renderer.visibleText(rendered)).not.toMatch(anyUnsafe);
      expect(renderer.fallbackText(rendered)).not.toMatch(anyUnsafe);
      expect(renderer.visibleText(rendered)).toContain('Summarygnp.exe');
    });

    it('keeps hostile text in the title and summary out of the fallback as live mentions', () => {
      const rendered = renderer.render(
        briefingWith([], { title: `Daily: ${hostile}`, summary: `Today ${hostile}` }),
      );
      expect(renderer.fallbackText(rendered)).toContain('Daily:');
      expect(renderer.fallbackMentions(rendered)).toEqual([]);
    });
  });
}
