import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, defaultRateLimits } from '../../../src/core/index.ts';
import { createFixtureCore, type Harness, startHarness } from './harness.ts';
import { slashCommand } from './interactions.ts';

describe('Discord per-user limits (real discord.js, fake Discord, the core’s rate limits)', () => {
  let harness: Harness;

  beforeAll(async () => {
    const { knowledge } = await createFixtureCore();
    harness = await startHarness({
      core: createCore(knowledge, {
        rateLimits: defaultRateLimits,
        // Time stands still for the limits, so a slow machine refills no bucket between commands.
        now: () => Date.UTC(2026, 11, 2, 12, 0),
      }),
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('answers the first ten commands from one person and asks them, privately, to wait for the rest', async () => {
    const callbacks = [];
    for (let i = 0; i < 12; i++) {
      callbacks.push(await harness.interact(slashCommand('fact', 'when was minsk ii signed')));
    }
    const titles = callbacks.map(
      (callback) =>
        (callback.body as { data: { embeds: { title: string }[] } }).data.embeds[0]?.title,
    );
    expect(titles.slice(0, 10)).not.toContain('One moment, please');
    expect(titles.slice(10)).toEqual(['One moment, please', 'One moment, please']);
    const wait = callbacks[11]?.body as {
      data: { flags?: number; embeds: { description?: string }[] };
    };
    // 64: EPHEMERAL, seen only by the asker.
    expect((wait.data.flags ?? 0) & 64).toBe(64);
    expect(wait.data.embeds[0]?.description).toContain('Please try again in');
  });
});
