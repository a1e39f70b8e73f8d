import {
  assertNever,
  type Briefing,
  type BriefingBlock,
  dropUnsafeCharacters,
} from '../../core/index.ts';

/** How the text renderer lays out a briefing. */
export interface TextRenderOptions {
  /** Column to wrap at; terminals report theirs, pipes get 80. */
  readonly width?: number;
}

/** Wraps one paragraph at word boundaries; words longer than the width (URLs) stay whole. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = indent + word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wraps a list item with a hanging indent so continuation lines align under its text. */
function bullet(marker: string, text: string, width: number): string[] {
  const hang = ' '.repeat(marker.length);
  const [first = '', ...rest] = wrap(text, width - marker.length);
  return [marker + first, ...rest.map((line) => hang + line)];
}

function heading(text: string): string[] {
  return [text, '-'.repeat(Math.min(text.length, 60))];
}

function renderBlock(block: BriefingBlock, width: number): string[] {
  switch (block.type) {
    case 'heading':
      return heading(block.text);
    case 'paragraph':
      return wrap(block.text, width);
    case 'facts': {
      const lines = block.title ? heading(block.title) : [];
      for (const fact of block.items) {
        const source = fact.source ? ` [${fact.source}]` : '';
        const when = fact.when ? `${fact.when}: ` : '';
        lines.push(...bullet('* ', `${when}${fact.text}${source}`, width));
      }
      return lines;
    }
    case 'list': {
      const lines = block.title ? heading(block.title) : [];
      for (const item of block.items) lines.push(...bullet('- ', item, width));
      return lines;
    }
    case 'citation':
      return [
        ...heading('Sources'),
        ...block.items.flatMap((citation, i) =>
          bullet(`[${i + 1}] `, `${citation.title}: ${citation.url}`, width),
        ),
      ];
    case 'related':
      return wrap(
        `See also: ${block.items.map((item) => `${item.title} (/${item.request.command} ${item.request.query})`).join('; ')}`,
        width,
      );
    case 'actions':
      return block.items.flatMap((action) =>
        bullet(
          '> ',
          `${action.label}: type /${action.request.command} ${action.request.query}`,
          width,
        ),
      );
    default:
      return assertNever(block);
  }
}

/** Renders a briefing as plain text for a terminal: title, wrapped paragraphs, dated facts, sources. */
export function renderBriefingAsText(briefing: Briefing, options: TextRenderOptions = {}): string {
  const width = Math.max(40, options.width ?? 80);
  const sections: string[][] = [
    [
      '='.repeat(Math.min(width, briefing.title.length)),
      briefing.title,
      '='.repeat(Math.min(width, briefing.title.length)),
    ],
  ];
  if (briefing.summary) sections.push(wrap(briefing.summary, width));
  for (const block of briefing.blocks) sections.push(renderBlock(block, width));
  sections.push(wrap(briefing.footer, width));
  // Dropped from the finished text: an escape sequence or a bidi override would drive the terminal.
  return dropUnsafeCharacters(`${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`);
}
