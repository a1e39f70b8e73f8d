import type { Briefing } from '../../../src/core/briefing/model.ts';
import {
  type DailyDeliverer,
  DeliveryError,
  type DeliveryFailure,
  type DeliveryTarget,
} from '../../../src/core/daily/delivery.ts';
import type { DailyPlatform } from '../../../src/core/daily/store.ts';
import type { RateLimit } from '../../../src/core/schedule/rate-limiter.ts';

/** What a fake send does: succeed, fail a given way, or wait for the test to let it finish. */
export type Script = 'ok' | DeliveryFailure | { readonly hold: Promise<void> };

/** A DailyDeliverer that records sends and answers from a per-channel script (the port, not HTTP). */
export interface FakeDeliverer extends DailyDeliverer {
  readonly sent: { readonly channelId: string; readonly title: string; readonly at: number }[];
  readonly attempts: string[];
  script(channelId: string, ...steps: Script[]): void;
}

/** A scripted fake deliverer; unscripted channels succeed. */
export function createFakeDeliverer(
  platform: DailyPlatform,
  now: () => number,
  rateLimit?: RateLimit,
): FakeDeliverer {
  const scripts = new Map<string, Script[]>();
  const sent: FakeDeliverer['sent'] = [];
  const attempts: string[] = [];
  let id = 0;
  return {
    platform,
    ...(rateLimit ? { rateLimit } : {}),
    sent,
    attempts,
    script: (channelId, ...steps) => {
      scripts.set(channelId, steps);
    },
    send: async (target: DeliveryTarget, briefing: Briefing) => {
      attempts.push(target.channelId);
      const step = scripts.get(target.channelId)?.shift() ?? 'ok';
      if (typeof step === 'object' && 'hold' in step) await step.hold;
      else if (step !== 'ok') throw new DeliveryError(step);
      sent.push({ channelId: target.channelId, title: briefing.title, at: now() });
      id++;
      return { messageId: `m${id}` };
    },
  };
}
