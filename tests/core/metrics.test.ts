import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CommandRequest,
  createCore,
  type Knowledge,
  type Metrics,
} from '../../src/core/index.ts';
import { fixtureKnowledge } from '../helpers/fixture-core.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await fixtureKnowledge();
});

const request = (command: string, query = ''): CommandRequest => ({
  command,
  query,
  user: { id: 'U1' },
  channel: { id: 'C1' },
  platform: 'discord',
});

/** Metrics that remember what the core reported. */
function recordingMetrics() {
  const commands: { command: string; platform: string; outcome: string }[] = [];
  const lookups: string[] = [];
  const metrics: Metrics = {
    commandHandled: ({ command, platform, outcome, seconds }) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      commands.push({ command, platform, outcome });
    },
    lookup: (outcome) => lookups.push(outcome),
    dailyPost: () => {},
    rateLimited: () => {},
  };
  return { metrics, commands, lookups };
}

describe('Core.handle reports to the Metrics port', () => {
  it('given a lookup that finds its entry, reports the command answered and one lookup', async () => {
    const { metrics, commands, lookups } = recordingMetrics();
    const core = createCore(knowledge, { metrics });
    await core.handle(request('agreement', 'budapest'), {});
    // Asked again: the briefing comes from the cache, and the lookup still counts.
    await core.handle(request('agreement', 'budapest'), {});
    expect(commands).toEqual([
      { command: 'agreement', platform: 'discord', outcome: 'answered' },
      { command: 'agreement', platform: 'discord', outcome: 'answered' },
    ]);
    expect(lookups).toEqual(['answered', 'answered']);
  });

  it('given nothing close, reports not-found', async () => {
    const { metrics, commands, lookups } = recordingMetrics();
    await createCore(knowledge, { metrics }).handle(request('brief', 'zzqx blorf'), {});
    expect(commands[0]?.outcome).toBe('not-found');
    expect(lookups).toEqual(['not-found']);
  });

  it('given a listing or an unknown name, counts no lookup and never labels what was typed', async () => {
    const { metrics, commands, lookups } = recordingMetrics();
    const core = createCore(knowledge, { metrics });
    await core.handle(request('timeline'), {});
    await core.handle(request('drop-table-users'), {});
    expect(commands).toEqual([
      { command: 'timeline', platform: 'discord', outcome: 'listed' },
      { command: 'unknown', platform: 'discord', outcome: 'unknown-command' },
    ]);
    expect(lookups).toEqual([]);
  });

  it('given a store that fails under /daily, reports failed and still rejects', async () => {
    const { metrics, commands } = recordingMetrics();
    const core = createCore(knowledge, {
      metrics,
      daily: {
        handle: () => Promise.reject(new Error('store down')),
        compose: () => Promise.reject(new Error('store down')),
      },
    });
    await expect(core.handle(request('daily', 'status'), {})).rejects.toThrow('store down');
    expect(commands).toEqual([{ command: 'daily', platform: 'discord', outcome: 'failed' }]);
  });
});
