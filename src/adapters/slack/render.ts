import {
  assertNever,
  type Briefing,
  type BriefingAction,
  type BriefingBlock,
  type BriefingFact,
  type BriefingPicture,
  picturePath,
} from '../../core/index.ts';
import { ellipsis, truncate } from '../truncate.ts';
import { actionId, encodeActionValue, type SlackActionKind } from './actions.ts';
import { escapeSlackText, slackLink } from './escape.ts';
import { slackLimits } from './limits.ts';

/** A Block Kit plain-text object. */
export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}

/** A Block Kit mrkdwn object; `verbatim` stops Slack from auto-linking names and mentions. */
export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}

/** A Block Kit button that carries a request in its value. */
export interface SlackButton {
  type: 'button';
  text: SlackPlainText;
  action_id: string;
  value: string;
  style?: 'primary';
}

/** The Block Kit blocks this renderer produces. */
export type SlackBlock =
  | { type: 'header'; text: SlackPlainText }
  | { type: 'section'; text: SlackMrkdwn }
  | { type: 'context'; elements: SlackMrkdwn[] }
  | { type: 'actions'; elements: SlackButton[] }
  | SlackImageBlock;

/** A Block Kit image block: Slack fetches `image_url` itself, so it must be public. */
export interface SlackImageBlock {
  type: 'image';
  image_url: string;
  alt_text: string;
  title: SlackPlainText;
}

/** One Slack message: Block Kit blocks and the plain-text fallback notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** How a briefing is shown. */
export interface SlackRenderOptions {
  /** Posted for everyone: the briefing drops its own "Share" button. */
  readonly public?: boolean;
  /**
   * False for incoming webhooks, whose posts have no app to answer a click: no buttons, and
   * related entries are listed as text.
   */
  readonly interactive?: boolean;
}

/**
 * The picture as an image block, served by the bot at PUBLIC_BASE_URL (src/infra/picture-route.ts):
 * the only way to show a picture in an ephemeral reply or an incoming webhook's post, which cannot
 * carry uploads. The alt text is the picture's text equivalent, for screen readers.
 * https://docs.slack.dev/reference/block-kit/blocks/image-block
 */
export function pictureImageBlock(
  picture: BriefingPicture,
  publicBaseUrl: string,
): SlackImageBlock {
  // The base may carry a path (a proxy's prefix): the picture's path goes under it.
  const base = publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`;
  return {
    type: 'image',
    image_url: new URL(picturePath(picture).slice(1), base).href,
    alt_text: truncate(picture.alt, slackLimits.imageAltText),
    title: {
      type: 'plain_text',
      text: truncate(picture.title, slackLimits.imageTitle),
      emoji: false,
    },
  };
}

/** Shown when a briefing had to be shortened; the only wording the renderer adds, because only it knows. */
export function trimmedNote(droppedParts: number): string {
  const more =
    droppedParts > 0 ? ` ${droppedParts} more part${droppedParts === 1 ? '' : 's'} not shown.` : '';
  return `_Shortened to fit Slack's message limits.${more}_`;
}

/** The footer is attribution and an as-of date; past this it is clamped so it cannot crowd out content. */
const footerLimit = 1000;

/**
 * The fallback `text` shows in notifications and is read by screen readers alongside the blocks,
 * and it counts towards the message total, so it is the lead line only, well under messageText.
 */
const fallbackLimit = 500;

/** A rendered block and whether it may be dropped when the message is too long. */
interface Piece {
  readonly block: SlackBlock;
  readonly keep: boolean;
}

/**
 * Renders a briefing as one Slack message within Slack's limits. Long text is split across
 * sections; when the message would still be too long, trailing content is dropped (buttons and
 * footer stay) and a note says how much.
 */
export function renderBriefingForSlack(
  briefing: Briefing,
  options: SlackRenderOptions = {},
): SlackMessage {
  const counters: Record<SlackActionKind, number> = { share: 0, run: 0, report: 0 };
  const lead = [briefing.title, briefing.summary ?? '']
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(': ');
  // Slack wants a non-empty fallback; an empty briefing title still gets one.
  const text = clamp(escapeSlackText(lead), fallbackLimit) || ellipsis;
  const pieces: Piece[] = [
    { block: header(briefing.title), keep: true },
    ...(briefing.summary ? sections(briefing.summary).map(content) : []),
  ];
  for (const block of briefing.blocks) {
    pieces.push(...renderBlock(block, counters, options));
  }
  const footer: Piece[] = briefing.footer.trim()
    ? [{ block: context(clamp(escapeSlackText(briefing.footer.trim()), footerLimit)), keep: true }]
    : [];
  return { text, blocks: fitToLimits([...pieces, ...footer], text.length) };
}

function renderBlock(
  block: BriefingBlock,
  counters: Record<SlackActionKind, number>,
  options: SlackRenderOptions,
): Piece[] {
  switch (block.type) {
    case 'heading':
      return sectionsOf(`*${escapeSlackText(block.text)}*`).map(content);
    case 'paragraph':
      return sections(block.text).map(content);
    case 'facts':
      return titled(block.title, block.items.map(factLine)).map(content);
    case 'list':
      return titled(
        block.title,
        block.items.map((item) => `• ${escapeSlackText(item)}`),
      ).map(content);
    case 'citation':
      return titled(
        undefined,
        block.items.map(
          (citation) =>
            `• ${slackLink(citation.url, citation.title)}${
              citation.publisher ? ` (${escapeSlackText(citation.publisher)})` : ''
            }`,
        ),
      ).map(content);
    case 'related':
      if (options.interactive === false) {
        return titled('See also', [
          block.items.map((item) => escapeSlackText(item.title)).join(', '),
        ]).map(content);
      }
      return buttons(
        block.items.map((item) => ({ type: 'run', label: item.title, request: item.request })),
        counters,
        false,
      );
    case 'actions':
      if (options.interactive === false) return [];
      return buttons(
        block.items.filter((action) => !(options.public && action.type === 'share')),
        counters,
        true,
      );
    default:
      return assertNever(block);
  }
}

function factLine(fact: BriefingFact): string {
  const when = fact.when ?? fact.date;
  const source = fact.source ? ` _(${escapeSlackText(fact.source)})_` : '';
  return `• ${when ? `*${escapeSlackText(when)}*: ` : ''}${escapeSlackText(fact.text)}${source}`;
}

function buttons(
  actions: readonly BriefingAction[],
  counters: Record<SlackActionKind, number>,
  keep: boolean,
): Piece[] {
  const elements = actions.map((action): SlackButton => {
    const index = counters[action.type]++;
    return {
      type: 'button',
      text: plain(action.label, slackLimits.buttonText),
      action_id: actionId(action.type, index),
      value: encodeActionValue(action.request),
      ...(action.type === 'share' ? { style: 'primary' as const } : {}),
    };
  });
  const pieces: Piece[] = [];
  for (let start = 0; start < elements.length; start += slackLimits.actionsElements) {
    pieces.push({
      block: {
        type: 'actions',
        elements: elements.slice(start, start + slackLimits.actionsElements),
      },
      keep,
    });
  }
  return pieces;
}

/** Lines under an optional bold title, packed into as few sections as the limit allows. */
function titled(title: string | undefined, lines: readonly string[]): SlackBlock[] {
  const all = title ? [`*${escapeSlackText(title)}*`, ...lines] : [...lines];
  if (all.length === 0) return [];
  return sectionsOf(all.join('\n'));
}

function sections(plainText: string): SlackBlock[] {
  return sectionsOf(escapeSlackText(plainText));
}

function sectionsOf(mrkdwn: string): SlackBlock[] {
  if (mrkdwn.trim() === '') return [];
  return chunk(mrkdwn, slackLimits.sectionText).map((part) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: part, verbatim: true },
  }));
}

function header(title: string): SlackBlock {
  return { type: 'header', text: plain(title, slackLimits.headerText) };
}

function context(mrkdwn: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn, verbatim: true }] };
}

function plain(raw: string, limit: number): SlackPlainText {
  // Escaped too: Slack decodes entities in plain_text, and it keeps one rule for every field.
  const text = clamp(escapeSlackText(raw.trim()), limit);
  return { type: 'plain_text', text: text === '' ? ellipsis : text, emoji: true };
}

function content(block: SlackBlock): Piece {
  return { block, keep: false };
}

/**
 * Room kept for the header, buttons and footer before content is counted, so a briefing with
 * many buttons cannot push its own text out entirely (or break the limits itself).
 */
const reserved = { blocks: 8, chars: 2500 } as const;

/**
 * Keeps the pieces marked `keep` (within a reserve) and as much content, in order, as fits in the
 * block and character budgets; the first piece that does not fit is shortened if there is room,
 * and a note says what was dropped.
 */
function fitToLimits(pieces: readonly Piece[], fallbackLength: number): SlackBlock[] {
  const total = pieces.reduce((sum, piece) => sum + blockLength(piece.block), fallbackLength);
  if (pieces.length <= slackLimits.blocksPerMessage && total <= slackLimits.totalText) {
    return pieces.map((piece) => piece.block);
  }
  const note = context(trimmedNote(999));
  let keptBlocks = 0;
  let keptChars = 0;
  const keep = pieces.map((piece) => {
    const length = blockLength(piece.block);
    if (!piece.keep || keptBlocks >= reserved.blocks || keptChars + length > reserved.chars) {
      return false;
    }
    keptBlocks++;
    keptChars += length;
    return true;
  });
  let blocksLeft = slackLimits.blocksPerMessage - keptBlocks - 1;
  let charsLeft = slackLimits.totalText - fallbackLength - blockLength(note) - keptChars;
  const out: SlackBlock[] = [];
  let dropped = 0;
  let full = false;
  pieces.forEach((piece, index) => {
    if (keep[index]) {
      out.push(piece.block);
      return;
    }
    const length = blockLength(piece.block);
    if (!full && blocksLeft > 0 && length <= charsLeft) {
      out.push(piece.block);
      blocksLeft--;
      charsLeft -= length;
      return;
    }
    full = true;
    if (blocksLeft > 0 && piece.block.type === 'section' && charsLeft > 200) {
      out.push({
        type: 'section',
        text: { ...piece.block.text, text: clamp(piece.block.text.text, charsLeft) },
      });
      blocksLeft = 0;
      charsLeft = 0;
      return;
    }
    dropped++;
  });
  // The note goes before the footer, which is the trailing run of context blocks.
  let at = out.length;
  while (at > 0 && out[at - 1]?.type === 'context') at--;
  out.splice(at, 0, context(trimmedNote(dropped)));
  return out;
}

/** Characters of text a block carries, as Slack counts them towards the message total. */
export function blockLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((sum, element) => sum + element.text.length, 0);
    case 'actions':
      return block.elements.reduce((sum, element) => sum + element.text.text.length, 0);
    case 'image':
      return block.alt_text.length + block.title.text.length;
    default:
      return assertNever(block);
  }
}

/** Splits escaped text into parts of at most `limit` characters, preferring line and word breaks. */
function chunk(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = limit;
    // A break at a line or a space can still fall inside a link's label: safeCut moves it out.
    cut = safeCut(rest, cut);
    if (endsInBroadcastWord(rest.slice(0, cut)) && cut > 1) cut--;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  // Slack rejects blank text objects, so whitespace-only parts are dropped.
  return parts.filter((part) => part.trim() !== '');
}

/** Escaped mrkdwn cut to `limit` with Slack's rules: no half entity, open link or broadcast word. */
function clamp(text: string, limit: number): string {
  return truncate(text, limit, {
    safeEnd: safeCut,
    tidy: (kept) => {
      const trimmed = kept.trimEnd();
      return endsInBroadcastWord(trimmed) ? trimmed.slice(0, -1) : trimmed;
    },
  });
}

/**
 * Cutting "@channelwatchers" after "@channel" would leave a broadcast word that escaping did not
 * see as one (it was part of a longer word); such a cut moves back one character.
 */
function endsInBroadcastWord(text: string): boolean {
  return /@(channel|here|everyone)$/i.test(text);
}

/**
 * The largest cut at or before `limit` that splits neither an entity (`&amp;`) nor a surrogate
 * pair, so no part ends in half an escape or half an emoji.
 */
function safeCut(text: string, limit: number): number {
  let cut = Math.min(limit, text.length);
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && amp > cut - 5 && !text.slice(amp, cut).includes(';')) {
    const end = text.indexOf(';', amp);
    if (end !== -1 && end >= cut) cut = amp;
  }
  // Escaped text has no raw `<` but our own links (`<url|label>`): never leave one open, or the
  // cut-off remainder could pair with a later `>`.
  const open = text.lastIndexOf('<', cut - 1);
  if (open > 0 && open > text.lastIndexOf('>', cut - 1)) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return Math.max(cut, 1);
}
