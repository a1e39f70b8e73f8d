import { describe, expect, it } from 'vitest';
import { discordLimits } from '../../../src/adapters/discord/limits.ts';
import { discordMessagePayloadSchema } from '../../../src/adapters/discord/payload-schema.ts';
import { renderBriefingForDiscord } from '../../../src/adapters/discord/render.ts';
import {
  type CommandName,
  commands,
  createCore,
  loadKnowledgeDir,
} from '../../../src/core/index.ts';

const core = createCore(await loadKnowledgeDir('knowledge'));
const user = { id: 'u' };
const channel = { id: 'c' };

const requests: Array<[CommandName, string]> = [
  ...commands.map((command): [CommandName, string] => [command.name, '']),
  ...core.knowledge.entries.flatMap(
    (entry): Array<[CommandName, string]> => [
      ['brief', entry.title],
      ['fact', entry.title],
    ],
  ),
];

describe('the real knowledge on Discord', () => {
  it.each(requests)('/%s %s renders within every limit', async (command, query) => {
    const briefing = await core.handle({ command, query, user, channel, platform: 'discord' }, {});
    const messages = renderBriefingForDiscord(briefing);
    expect(messages.length).toBeLessThanOrEqual(discordLimits.maxMessagesPerReply);
    for (const message of messages) discordMessagePayloadSchema.parse(message);
  });
});
