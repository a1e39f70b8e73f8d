import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../../src/infra/metrics.ts';
import { type Harness, startHarness } from './harness.ts';
import { slashCommand } from './interactions.ts';

describe('a 429 to a Discord reply (real discord.js, fake Discord)', () => {
  const prometheus = createPrometheusMetrics();
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      adapter: { onReplyRateLimited: () => prometheus.metrics.rateLimited('discord', 'reply') },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('is counted in /metrics as a reply’s, and the reply still goes out once the wait is over', async () => {
    const command = slashCommand('timeline');
    harness.discord.rateLimitNext({
      method: 'POST',
      path: new RegExp(`^/interactions/${command.id}/`),
      retryAfterSeconds: 0.2,
    });
    harness.discord.dispatchInteraction(command.payload);
    const callbacks = () =>
      harness.discord.requests.filter(
        (r) => r.path === `/interactions/${command.id}/${command.token}/callback`,
      );
    await harness.discord.waitForRequest(() => callbacks().length >= 2);
    const metrics = await prometheus.render();
    expect(metrics).toContain('trucebrief_rate_limited_total{platform="discord",work="reply"} 1');
    expect(metrics).not.toContain('work="daily-post"');
  });
});
