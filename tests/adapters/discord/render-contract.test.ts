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

describeRendererContract({
  name: 'Discord',
  hasMessageLimit: true,
  render: renderBriefingForDiscord,
  visibleText: (rendering) => textsOf(rendering).join('\n'),
  // Discord shows the first embed's title where there is no content (notifications, replies).
  fallbackText: (rendering) => rendering[0].embeds[0]?.title ?? '',
  limitViolations: (rendering) =>
    rendering.flatMap((message, i) => {
      const result = discordMessagePayloadSchema.safeParse(message);
      return result.success
        ? []
        : result.error.issues.map((issue) => `message ${i}: ${issue.message}`);
    }),
  // With `parse: []` Discord pings nobody, whatever the text; raw mention syntax must not render either.
  liveMentions: (rendering) =>
    rendering.flatMap((message) => [
      ...(message.allowed_mentions.parse.length === 0 ? [] : ['allowed_mentions parses mentions']),
      ...textsOf([message]).flatMap((text) =>
        [...text.matchAll(/(?<!\\)<@[!&]?\d+>|@everyone|@here/g)].map((m) => m[0]),
      ),
    ]),
});
