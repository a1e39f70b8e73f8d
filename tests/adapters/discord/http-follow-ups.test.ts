import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.ts';
import { createFixtureCore } from './harness.ts';
import { startHttpHarness } from './http-harness.ts';
import { ids, slashCommand } from './interactions.ts';

/** A core whose every answer is too long for one Discord message. */
async function createLongCore(): Promise<Core> {
  const fixture = await createFixtureCore();
  const paragraph = `${'A sentence that takes room in the message. '.repeat(90)}@everyone`;
  return {
    ...fixture,
    handle: async () => ({
      title: 'A long answer',
      blocks: Array.from({ length: 12 }, () => ({ type: 'paragraph' as const, text: paragraph })),
      footer: 'Test fixture knowledge',
      visibility: 'public',
      outcome: 'found',
    }),
  };
}

interface Message {
  embeds?: unknown[];
  allowed_mentions?: unknown;
}

describe('Discord HTTP interactions: long answers', () => {
  it('sends the first message in the response and the rest through the webhook, no token', async () => {
    const http = await startHttpHarness({ core: await createLongCore() });
    try {
      const interaction = slashCommand('brief', 'everything');
      const result = await http.post(interaction.payload);
      const body = result.body as { type: number; data?: Message };
      expect(body.type).toBe(4);
      const followUps = await http.webhookCalls(interaction.token, 1);
      expect(followUps.length).toBeGreaterThan(0);
      for (const followUp of followUps) {
        expect(followUp.method).toBe('POST');
        expect(followUp.path).toBe(`/webhooks/${ids.application}/${interaction.token}`);
        expect(followUp.authorization).toBeUndefined();
        expect((followUp.body as Message).allowed_mentions).toEqual({ parse: [] });
      }
      const shown = JSON.stringify([body, ...followUps.map((f) => f.body)]);
      expect(shown).toContain('A sentence that takes room');
      expect(shown).not.toMatch(/@(everyone|here)/);
    } finally {
      await http.close();
    }
  });

  it('counts a 429 on a follow-up as a reply’s, and the follow-up still goes out', async () => {
    let rateLimited = 0;
    const http = await startHttpHarness({
      core: await createLongCore(),
      adapter: { onReplyRateLimited: () => rateLimited++ },
    });
    try {
      const interaction = slashCommand('brief', 'everything');
      http.discord.rateLimitNext({
        method: 'POST',
        path: new RegExp(`^/webhooks/${ids.application}/${interaction.token}$`),
        retryAfterSeconds: 0.2,
      });
      await http.post(interaction.payload);
      const isFollowUp = (r: { method: string; path: string }) =>
        r.method === 'POST' && r.path === `/webhooks/${ids.application}/${interaction.token}`;
      // The refused attempt and its retry.
      await http.discord.waitForRequest(() => http.discord.requests.filter(isFollowUp).length >= 2);
      expect(rateLimited).toBe(1);
    } finally {
      await http.close();
    }
  });
});
