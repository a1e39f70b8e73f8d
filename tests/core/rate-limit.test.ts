import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Briefing,
  type CommandRequest,
  type Core,
  createCore,
  defaultRateLimits,
  type Knowledge,
} from '../../src/core/index.ts';
import { fixtureKnowledge } from '../helpers/fixture-core.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await fixtureKnowledge();
});

const ask = (
  user: string,
  channel = 'C1',
  platform: CommandRequest['platform'] = 'slack',
  command = 'fact',
): CommandRequest => ({
  command,
  query: 'when was minsk ii signed',
  user: { id: user },
  channel: { id: channel },
  platform,
});

/** A core with the production limits over a clock the test moves. */
function limitedCore(): { core: Core; advance(ms: number): void } {
  let now = Date.UTC(2026, 11, 2, 12, 0);
  const core = createCore(knowledge, { rateLimits: defaultRateLimits, now: () => now });
  return { core, advance: (ms) => (now += ms) };
}

const slowedDown = (briefing: Briefing) => briefing.title === 'One moment, please';

describe('rate limits in Core.handle', () => {
  it('answers a burst of ten from one person, then asks them to wait, privately, saying how long', async () => {
    const { core } = limitedCore();
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await core.handle(ask('U1'), {}));
    expect(answers.slice(0, 10).some(slowedDown)).toBe(false);
    const refused = answers.slice(10);
    expect(refused.every(slowedDown)).toBe(true);
    expect(refused[0]).toMatchObject({
      visibility: 'ephemeral',
      outcome: 'error',
      summary: 'You have sent a lot of commands in a short time. Please try again in 1 second.',
    });
  });

  it('lets the person ask again once the cooldown has passed, one a second', async () => {
    const { core, advance } = limitedCore();
    for (let i = 0; i < 10; i++) await core.handle(ask('U1'), {});
    expect(slowedDown(await core.handle(ask('U1'), {}))).toBe(true);
    advance(1000);
    expect(slowedDown(await core.handle(ask('U1'), {}))).toBe(false);
    expect(slowedDown(await core.handle(ask('U1'), {}))).toBe(true);
  });

  it('keeps one person’s flood from limiting anyone else', async () => {
    const { core } = limitedCore();
    for (let i = 0; i < 50; i++) await core.handle(ask('U1'), {});
    expect(slowedDown(await core.handle(ask('U2'), {}))).toBe(false);
  });

  it('limits a channel many people flood together, with its own wording', async () => {
    const { core } = limitedCore();
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await core.handle(ask(`U${i}`, 'CBUSY'), {}));
    expect(answers.filter(slowedDown)).toHaveLength(10);
    expect(answers[39]?.summary).toMatch(/^This channel has sent a lot of commands/);
    // Elsewhere the same people are answered: a refusal spent none of their own allowance.
    expect(slowedDown(await core.handle(ask('U39', 'COTHER'), {}))).toBe(false);
  });

  it('applies to Discord alike, and never to the console', async () => {
    const { core } = limitedCore();
    for (let i = 0; i < 10; i++) await core.handle(ask('D1', 'G1', 'discord'), {});
    expect(slowedDown(await core.handle(ask('D1', 'G1', 'discord'), {}))).toBe(true);
    for (let i = 0; i < 50; i++) {
      expect(slowedDown(await core.handle(ask('local', 'console', 'console'), {}))).toBe(false);
    }
  });

  it('limits nobody when no limits are configured (tests, benchmarks)', async () => {
    const core = createCore(knowledge);
    for (let i = 0; i < 50; i++) expect(slowedDown(await core.handle(ask('U1'), {}))).toBe(false);
  });
});
