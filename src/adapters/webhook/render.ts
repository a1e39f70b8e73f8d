import { assertNever, type Briefing, type BriefingBlock } from '../../core/index.ts';

// A minimal renderer for incoming webhooks. The Slack and Discord adapters' own renderers
// (renderBriefingForSlack / renderBriefingForDiscord) should replace these once they land.

/** Webhook payload limits; we truncate rather than let the platform reject the post. */
export const webhookLimits = {
  /** https://api.slack.com/reference/block-kit/blocks#header */
  slackHeaderText: 150,
  /** https://api.slack.com/reference/block-kit/blocks#section */
  slackSectionText: 3000,
  /** https://api.slack.com/reference/block-kit/blocks (50 blocks a message) */
  slackBlocks: 50,
  /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
  discordEmbedTitle: 256,
  discordEmbedDescription: 4096,
  discordEmbedFooter: 2048,
  discordEmbedTotal: 6000,
  /** https://discord.com/developers/docs/resources/webhook#execute-webhook (content) */
  discordContent: 2000,
} as const;

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** Slack mrkdwn needs only &, < and > escaped: https://api.slack.com/reference/surfaces/formatting#escaping */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Discord markdown: esc the characters that format, so knowledge text shows as written. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');
}

function blockLines(
  block: BriefingBlock,
  esc: (text: string) => string,
  bold: (t: string) => string,
): string[] {
  switch (block.type) {
    case 'heading':
      return [bold(esc(block.text))];
    case 'paragraph':
      return [esc(block.text)];
    case 'facts':
      return [
        ...(block.title ? [bold(esc(block.title))] : []),
        ...block.items.map(
          (f) =>
            `• ${f.when ? `${esc(f.when)}: ` : ''}${esc(f.text)}${f.source ? ` (${esc(f.source)})` : ''}`,
        ),
      ];
    case 'list':
      return [
        ...(block.title ? [bold(esc(block.title))] : []),
        ...block.items.map((i) => `• ${esc(i)}`),
      ];
    case 'citation':
      return [bold('Sources'), ...block.items.map((c) => `• ${esc(c.title)}: ${c.url}`)];
    case 'related':
      return [`${bold('More')}: ${block.items.map((r) => esc(r.title)).join(', ')}`];
    case 'actions':
      // Webhook posts cannot carry interactive buttons the bot would have to answer.
      return [];
    default:
      return assertNever(block);
  }
}

/** An incoming-webhook payload for Slack: Block Kit plus the `text` fallback for notifications. */
export function renderForSlackWebhook(briefing: Briefing): {
  text: string;
  blocks: Record<string, unknown>[];
} {
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(briefing.title, webhookLimits.slackHeaderText) },
    },
  ];
  if (briefing.summary) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(escapeSlack(briefing.summary), webhookLimits.slackSectionText),
      },
    });
  }
  for (const block of briefing.blocks) {
    const lines = blockLines(block, escapeSlack, (t) => `*${t}*`);
    if (lines.length === 0) continue;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), webhookLimits.slackSectionText) },
    });
  }
  const footer = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(escapeSlack(briefing.footer), webhookLimits.slackSectionText),
      },
    ],
  };
  const kept = blocks.slice(0, webhookLimits.slackBlocks - 1);
  return {
    text: truncate(
      `${briefing.title}${briefing.summary ? `: ${briefing.summary}` : ''}`,
      webhookLimits.slackSectionText,
    ),
    blocks: [...kept, footer],
  };
}

/** An incoming-webhook payload for Discord: one embed, and no mentions can ever ping anyone. */
export function renderForDiscordWebhook(briefing: Briefing): {
  content: string;
  embeds: Record<string, unknown>[];
  allowed_mentions: { parse: string[] };
} {
  const parts = [
    ...(briefing.summary ? [escapeDiscord(briefing.summary)] : []),
    ...briefing.blocks.map((block) =>
      blockLines(block, escapeDiscord, (t) => `**${t}**`).join('\n'),
    ),
  ].filter(Boolean);
  const title = truncate(briefing.title, webhookLimits.discordEmbedTitle);
  const footer = truncate(briefing.footer, webhookLimits.discordEmbedFooter);
  // The total embed budget covers title, description and footer together.
  const room = Math.min(
    webhookLimits.discordEmbedDescription,
    webhookLimits.discordEmbedTotal - title.length - footer.length,
  );
  return {
    content: truncate(briefing.title, webhookLimits.discordContent),
    embeds: [{ title, description: truncate(parts.join('\n\n'), room), footer: { text: footer } }],
    allowed_mentions: { parse: [] },
  };
}
