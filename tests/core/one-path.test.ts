import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Briefing,
  type CommandRequest,
  createCore,
  type DailyRequestContext,
  type DailyService,
  type Knowledge,
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
  platform: 'slack',
});

/** A daily service that records what it was asked with. */
function recordingDaily(): DailyService & { readonly seen: DailyRequestContext[] } {
  const seen: DailyRequestContext[] = [];
  const answer: Briefing = {
    title: 'daily',
    blocks: [],
    footer: '',
    visibility: 'ephemeral',
    outcome: 'daily',
  };
  return {
    seen,
    handle: async (_request, context) => {
      seen.push(context);
      return answer;
    },
    compose: async () => answer,
  };
}

describe('Core.handle: one path for every command', () => {
  it('given an unknown command, names it and suggests the closest ones, privately', async () => {
    const briefing = await createCore(knowledge).handle(request('agreemnt', 'budapest'), {});
    expect(briefing.summary).toBe(
      'Unknown command /agreemnt. Did you mean /agreement? Type /help for the list.',
    );
    expect(briefing.visibility).toBe('ephemeral');
    expect(briefing.outcome).toBe('error');
  });

  it('given /daily without a daily service, says daily posts are not available here', async () => {
    const briefing = await createCore(knowledge).handle(request('daily', 'status'), {});
    expect(briefing.title).toBe('Daily briefings are not available here');
  });

  it('given /daily status, answers through the daily service without asking who manages', async () => {
    const daily = recordingDaily();
    let asked = 0;
    await createCore(knowledge, { daily }).handle(request('daily', 'status'), {
      workspaceId: 'T1',
      dailyManager: async () => {
        asked++;
        return { canManage: true };
      },
    });
    expect(asked).toBe(0);
    expect(daily.seen).toEqual([{ canManage: false, workspaceId: 'T1' }]);
  });

  it('given /daily subscribe without a zone, asks who manages and for their zone', async () => {
    const daily = recordingDaily();
    const wanted: boolean[] = [];
    const core = createCore(knowledge, { daily });
    const dailyManager = async (wantsTimeZone: boolean) => {
      wanted.push(wantsTimeZone);
      return { canManage: true, timeZone: 'Europe/Kyiv' };
    };
    await core.handle(request('daily', 'subscribe 07:30'), { dailyManager });
    await core.handle(request('daily', 'subscribe 07:30 Europe/Berlin'), { dailyManager });
    await core.handle(request('daily', 'unsubscribe'), {});
    expect(wanted).toEqual([true, false]);
    expect(daily.seen).toEqual([
      { canManage: true, defaultTimeZone: 'Europe/Kyiv' },
      { canManage: true, defaultTimeZone: 'Europe/Kyiv' },
      { canManage: false },
    ]);
  });
});
