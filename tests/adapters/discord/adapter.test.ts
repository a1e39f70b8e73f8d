import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../fakes/fake-discord.ts';
import { type Harness, startHarness } from './harness.ts';
import { autocomplete, buttonClick, ids, slashCommand } from './interactions.ts';

const ephemeral = 64;

interface CallbackBody {
  type: number;
  data?: {
    flags?: number;
    content?: string;
    embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
    components?: Array<{ type: number; components: Array<{ label: string; custom_id: string }> }>;
    allowed_mentions?: { parse: string[] };
    choices?: Array<{ name: string; value: string }>;
  };
}

function body(request: RecordedRequest): CallbackBody {
  return request.body as CallbackBody;
}

function buttons(callback: CallbackBody): Array<{ label: string; custom_id: string }> {
  return (callback.data?.components ?? []).flatMap((row) => row.components);
}

describe('Discord adapter against a fake Discord', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('connects over the gateway with API v10, JSON encoding, its token and no intents', async () => {
    const session = await harness.discord.waitForSession();
    const url = new URL(session.url);
    expect(url.searchParams.get('v')).toBe('10');
    expect(url.searchParams.get('encoding')).toBe('json');
    expect(url.searchParams.has('compress')).toBe(false);
    expect(session.identify.token).toBe('test-token');
    expect(session.identify.intents).toBe(0);
  });

  it('answers /fact privately with the answer, its source and a share button', async () => {
    const callback = body(await harness.interact(slashCommand('fact', 'when was minsk ii signed')));
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(ephemeral);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    const [embed] = callback.data?.embeds ?? [];
    expect(embed?.title).toBe('Minsk II');
    expect(embed?.description).toContain('12 February 2015');
    expect(buttons(callback).map((button) => button.label)).toContain('Share in channel');
  });
});
