import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import {
  assertNever,
  type Briefing,
  type BriefingAction,
  type BriefingBlock,
  type BriefingFact,
  type Citation,
} from '../../core/index.ts';
import { encodeCustomId } from './custom-id.ts';
import { discordLimits } from './limits.ts';
import { defuseMentions, escapeMarkdown, splitEscaped, truncate } from './text.ts';

/** Mentions Discord may turn into pings: none. Sent with every message the bot posts. */
export const noMentions: { readonly parse: [] } = Object.freeze({ parse: [] });

/** A row of buttons, as Discord's message JSON spells it. */
export type DiscordButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One message as Discord's REST API receives it: a reply, an update or a follow-up. */
export interface DiscordMessagePayload {
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly DiscordButtonRow[];
  readonly allowed_mentions: { readonly parse: [] };
  /** `MessageFlags.Ephemeral` when only the requester should see it. */
  readonly flags?: number;
}

/** How a briefing is shown. */
export interface DiscordRenderOptions {
  /**
   * False for incoming webhooks, whose posts cannot carry buttons the bot would answer: no
   * buttons, and related entries are listed as text.
   */
  readonly interactive?: boolean;
}

/** A briefing rendered for Discord: the reply first, then follow-ups. */
export type DiscordRendering = readonly [DiscordMessagePayload, ...DiscordMessagePayload[]];

const { embed: embedLimits, message: messageLimits, component: componentLimits } = discordLimits;

/** Longest single line we pack; long paragraphs are wrapped into several. */
const maxLineLength = 1000;
/** Room kept in every embed and message for the trimming note, so adding it never breaks a limit. */
const noteReserve = 120;
const maxButtons = messageLimits.actionRows * componentLimits.buttonsPerRow;

/**
 * Renders a briefing as Discord messages within every limit in `discordLimits`. Text goes into
 * embed descriptions, split across embeds and follow-up messages when long, and trimmed with a
 * note past `maxMessagesPerReply`; buttons go on the last message.
 */
export function renderBriefingForDiscord(
  briefing: Briefing,
  options: DiscordRenderOptions = {},
): DiscordRendering {
  const lines: string[] = [];
  const buttons: BriefingAction[] = [];
  if (briefing.summary) lines.push(...splitEscaped(briefing.summary, maxLineLength));
  const interactive = options.interactive !== false;
  for (const block of briefing.blocks) renderBlock(block, lines, interactive ? buttons : undefined);

  const footer = truncate(defuseMentions(briefing.footer.trim()), embedLimits.footer);
  const title = truncate(escapeMarkdown(briefing.title.trim()), embedLimits.title);
  const messageBudget = embedLimits.totalPerMessage - footer.length - noteReserve;
  const descriptionBudget = embedLimits.description - noteReserve;

  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [];
  let description: string[] = [];
  let descriptionLength = 0;
  let messageLength = title.length;
  let firstEmbed = true;
  let omitted = 0;

  const closeEmbed = () => {
    if (description.length === 0 && !(firstEmbed && title)) return;
    embeds.push({
      ...(firstEmbed && title ? { title } : {}),
      ...(description.length > 0 ? { description: description.join('\n') } : {}),
    });
    firstEmbed = false;
    description = [];
    descriptionLength = 0;
  };
  const closeMessage = () => {
    closeEmbed();
    if (embeds.length > 0) messages.push(embeds);
    embeds = [];
    messageLength = 0;
  };

  for (const [index, line] of lines.entries()) {
    // A blank line only separates sections; it is not worth starting an embed with.
    if (line === '' && description.length === 0) continue;
    if (descriptionLength + separator(description) + line.length > descriptionBudget) closeEmbed();
    const embedsFull = description.length === 0 && embeds.length >= messageLimits.embeds;
    if (messageLength + separator(description) + line.length > messageBudget || embedsFull) {
      if (messages.length + 1 >= discordLimits.maxMessagesPerReply) {
        omitted = lines.slice(index).filter((rest) => rest !== '').length;
        break;
      }
      closeMessage();
    }
    const cost = separator(description) + line.length;
    description.push(line);
    descriptionLength += cost;
    messageLength += cost;
  }
  closeMessage();

  const rows = renderButtons(buttons);
  const droppedButtons = buttons.length - rows.reduce((n, row) => n + row.components.length, 0);
  const last = messages.at(-1) ?? [];
  if (messages.length === 0) messages.push(last);
  let lastEmbed = last.at(-1);
  if (!lastEmbed) {
    // A briefing with no title and no text still needs a visible embed to carry the footer.
    lastEmbed = { description: '\u200b' };
    last.push(lastEmbed);
  }
  const note = trimNote(omitted, droppedButtons);
  if (note) {
    lastEmbed.description = lastEmbed.description ? `${lastEmbed.description}\n\n${note}` : note;
  }
  if (footer) lastEmbed.footer = { text: footer };

  const flags = briefing.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {};
  const payloads = messages.map(
    (messageEmbeds, index): DiscordMessagePayload => ({
      embeds: messageEmbeds,
      components: index === messages.length - 1 ? rows : [],
      allowed_mentions: noMentions,
      ...flags,
    }),
  );
  const [first, ...rest] = payloads;
  if (!first) throw new Error('renderBriefingForDiscord produced no message');
  return [first, ...rest];
}

/**
 * The briefing as a post everyone in the channel sees: public, and without share buttons, since
 * it is already shared. "Run" buttons stay; the adapter answers their clicks.
 */
export function asChannelPost(briefing: Briefing): Briefing {
  return {
    ...briefing,
    visibility: 'public',
    blocks: briefing.blocks
      .map((block) =>
        block.type === 'actions'
          ? { ...block, items: block.items.filter((action) => action.type !== 'share') }
          : block,
      )
      .filter((block) => block.type !== 'actions' || block.items.length > 0),
  };
}

function separator(description: readonly string[]): number {
  return description.length > 0 ? 1 : 0;
}

/** Renders one block into lines and buttons; without `buttons` (webhooks) related entries are text. */
function renderBlock(
  block: BriefingBlock,
  lines: string[],
  buttons: BriefingAction[] | undefined,
): void {
  switch (block.type) {
    case 'heading':
      pushSection(lines, block.text);
      return;
    case 'paragraph':
      if (lines.length > 0) lines.push('');
      lines.push(...splitEscaped(block.text, maxLineLength));
      return;
    case 'facts':
      if (block.title) pushSection(lines, block.title);
      for (const fact of block.items) lines.push(...bullet(factText(fact)));
      return;
    case 'list':
      if (block.title) pushSection(lines, block.title);
      for (const item of block.items) lines.push(...bullet(item));
      return;
    case 'citation':
      if (lines.length > 0) lines.push('');
      for (const citation of block.items) lines.push(...citationLines(citation));
      return;
    case 'related':
      if (!buttons) {
        pushSection(lines, 'See also');
        lines.push(...bullet(block.items.map((item) => item.title).join(', ')));
        return;
      }
      for (const item of block.items) {
        buttons.push({ type: 'run', label: item.title, request: item.request });
      }
      return;
    case 'actions':
      buttons?.push(...block.items);
      return;
    default:
      assertNever(block);
  }
}

function pushSection(lines: string[], heading: string): void {
  if (lines.length > 0) lines.push('');
  const [first, ...rest] = splitEscaped(heading, maxLineLength - 4);
  if (first !== undefined) lines.push(`**${first}**`, ...rest);
}

function factText(fact: BriefingFact): string {
  const when = fact.when ?? fact.date;
  const source = fact.source ? ` (${fact.source})` : '';
  return `${when ? `${when}: ` : ''}${fact.text}${source}`;
}

function bullet(text: string): string[] {
  const pieces = splitEscaped(text, maxLineLength - 2);
  return pieces.map((piece, index) => (index === 0 ? `• ${piece}` : `  ${piece}`));
}

function citationLines(citation: Citation): string[] {
  const publisher = citation.publisher ? ` (${citation.publisher})` : '';
  const url = safeUrl(citation.url);
  if (!url) return bullet(`${citation.title}${publisher}`);
  const title = truncate(escapeMarkdown(citation.title), 300);
  const line = `• [${title}](<${url}>)${escapeMarkdown(publisher)}`;
  return line.length <= maxLineLength ? [line] : bullet(`${citation.title}${publisher}: ${url}`);
}

/** Only http(s) links become masked links; characters that would end the link early are encoded. */
function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[<>()\s]/g, (char) => encodeURIComponent(char));
  } catch {
    return undefined;
  }
}

function renderButtons(actions: readonly BriefingAction[]): DiscordButtonRow[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const action of actions) {
    // Discord rejects a message whose buttons share a custom_id; one button per request is enough.
    const customId = encodeCustomId(action);
    if (!customId || seen.has(customId) || buttons.length >= maxButtons) continue;
    seen.add(customId);
    const label = action.label.trim() || action.request.query || action.request.command;
    buttons.push({
      type: ComponentType.Button,
      style: action.type === 'share' ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: truncate(defuseMentions(label), componentLimits.buttonLabel),
      custom_id: customId,
    });
  }
  const rows: DiscordButtonRow[] = [];
  for (let start = 0; start < buttons.length; start += componentLimits.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + componentLimits.buttonsPerRow),
    });
  }
  return rows;
}

function trimNote(omittedLines: number, droppedButtons: number): string | undefined {
  if (omittedLines === 0 && droppedButtons === 0) return undefined;
  const parts: string[] = [];
  if (omittedLines > 0) parts.push(`${omittedLines} more line${omittedLines === 1 ? '' : 's'}`);
  if (droppedButtons > 0) {
    parts.push(`${droppedButtons} more button${droppedButtons === 1 ? '' : 's'}`);
  }
  return `*Trimmed to fit Discord's limits: ${parts.join(' and ')} not shown.*`;
}
