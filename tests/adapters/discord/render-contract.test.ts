import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import {
  type DiscordRendering,
  renderBriefingForDiscord,
} from '../../../src/adapters/discord/render.ts';
import { describeRendererContract } from '../renderer-contract.ts';

function textsOf(rendering: DiscordRendering): string[] {
  return rendering.flatMap((message) => [
    ...message.embeds.flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      embed.footer?.text ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
    ...message.components.flatMap((row) => row.components.map((button) => button.label ?? '')),
  ]);
}

/** Raw mention syntax Discord would render as a mention or a mass ping. */
function liveMentionsIn(text: string): string[] {
  return [...text.matchAll(/(?<!\\)<@[!&]?\d+>|@everyone|@here/g)].map((m) => m[0]);
}

const checks = {
  hasMessageLimit: true,
  visibleText: (rendering: DiscordRendering) => textsOf(rendering).join('\n'),
  // Discord shows the first embed's title where there is no content (notifications, replies).
  fallbackText: (rendering: DiscordRendering) => rendering[0].embeds[0]?.title ?? '',
  limitViolations: (rendering: DiscordRendering) =>
    rendering.flatMap((message, i) => {
      const result = discordMessagePayloadSchema.safeParse(message);
      return result.success
        ? []
        : result.error.issues.map((issue) => `message ${i}: ${issue.message}`);
    }),
  // With `parse: []` Discord pings nobody, whatever the text; raw mention syntax must not render either.
  liveMentions: (rendering: DiscordRendering) =>
    rendering.flatMap((message) => [
      ...(message.allowed_mentions.parse.length === 0 ? [] : ['allowed_mentions parses mentions']),
      ...textsOf([message]).flatMap((text) => liveMentionsIn(text)),
    ]),
  fallbackMentions: (rendering: DiscordRendering) =>
    liveMentionsIn(rendering[0].embeds[0]?.title ?? ''),
} as const;

describeRendererContract({
  ...checks,
  name: 'Discord',
  render: (b) => renderBriefingForDiscord(b),
});

// Daily posts to incoming webhooks use the same renderer, without buttons.
describeRendererContract({
  ...checks,
  name: 'Discord (incoming webhook)',
  interactive: false,
  render: (briefing) => renderBriefingForDiscord(briefing, { interactive: false }),
});
