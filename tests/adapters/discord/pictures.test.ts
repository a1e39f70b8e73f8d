import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Core,
  claimedUnitCodes,
  createCore,
  type DeliveryTarget,
  loadKnowledgeDir,
  pictureOfKind,
} from '../../../src/core/index.ts';
import { createPictureRenderer } from '../../../src/pictures/renderer.ts';
import type { RecordedRequest } from '../../fakes/fake-discord.ts';
import { type Harness, startHarness } from './harness.ts';
import { ids, slashCommand } from './interactions.ts';

interface CallbackWithPicture {
  type: number;
  data?: {
    flags?: number;
    embeds?: Array<{ title?: string; image?: { url: string } }>;
    attachments?: Array<{ id: string; description?: string }>;
  };
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What Discord receives: the PNG as a `files[n]` part and the JSON naming it in the embed. */
function expectPictureUpload(request: RecordedRequest, fileName: string): CallbackWithPicture {
  expect(request.files).toHaveLength(1);
  const [file] = request.files ?? [];
  // The attachment's id in the JSON is the n of its `files[n]` part.
  expect(file?.field).toBe('files[0]');
  expect(file?.name).toBe(fileName);
  expect([...(file?.bytes.slice(0, 8) ?? [])]).toEqual(pngSignature);
  const callback = request.body as CallbackWithPicture;
  expect(callback.data?.embeds?.[0]?.image?.url).toBe(`attachment://${fileName}`);
  expect(callback.data?.attachments).toEqual([
    expect.objectContaining({ id: '0', description: expect.stringMatching(/\S/) }),
  ]);
  return callback;
}

describe('pictures on Discord (real discord.js against a fake Discord)', () => {
  let harness: Harness;
  let core: Core;

  beforeAll(async () => {
    const knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '../../../knowledge'));
    core = createCore(knowledge, {
      pictures: await createPictureRenderer({ requiredUnits: claimedUnitCodes }),
    });
    harness = await startHarness({ core });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('uploads the timeline with /timeline and shows it in the embed, with alt text', async () => {
    const callback = expectPictureUpload(
      await harness.interact(slashCommand('timeline')),
      'timeline.png',
    );
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBeUndefined();
    expect(callback.data?.attachments?.[0]?.description).toContain('Timeline chart of');
  });

  it('uploads the map with /obstacle 1, whose text names the six units too', async () => {
    const request = await harness.interact(slashCommand('obstacle', '1'));
    const callback = expectPictureUpload(request, 'map.png');
    expect(callback.data?.attachments?.[0]?.description).toContain('Sevastopol');
    expect(JSON.stringify(request.body)).toContain('Highlighted are the six units');
  });

  it('sends a private answer with its picture privately', async () => {
    // A core that answers every command privately, as /fact does: the same adapter path.
    const privately: Core = {
      ...core,
      handle: async (request, context) => ({
        ...(await core.handle(request, context)),
        visibility: 'ephemeral',
      }),
    };
    const quiet = await startHarness({ core: privately });
    try {
      const callback = expectPictureUpload(
        await quiet.interact(slashCommand('brief', 'crimea')),
        'map.png',
      );
      expect(callback.data?.flags).toBe(64);
    } finally {
      await quiet.close();
    }
  });

  it('attaches a daily post’s map to its first message, and a repeat gets that message back', async () => {
    const deliverer = harness.adapter.deliverer;
    if (!deliverer) throw new Error('the Discord adapter has no deliverer');
    const channel = '310000000000099001';
    const target = (attempt: number): DeliveryTarget => ({
      platform: 'discord',
      channelId: channel,
      workspaceId: ids.guild,
      post: { subscriptionId: `discord:${channel}`, localDate: '2026-12-05', attempt },
    });
    const briefing = {
      title: 'Daily briefing: 5 December 2026',
      blocks: [
        { type: 'paragraph' as const, text: 'Map: the six units both constitutions claim.' },
      ],
      footer: 'test',
      visibility: 'public' as const,
      outcome: 'daily' as const,
      picture: pictureOfKind('map', core.knowledge),
    };
    const first = await deliverer.send(target(1), briefing);
    const posts = () =>
      harness.discord.requests.filter(
        (request) => request.method === 'POST' && request.path === `/channels/${channel}/messages`,
      );
    const [request] = posts();
    if (!request) throw new Error('no channel post arrived');
    const body = request.body as {
      nonce?: string;
      enforce_nonce?: boolean;
      embeds?: Array<{ image?: { url: string } }>;
      attachments?: Array<{ id: number; filename: string; description?: string }>;
    };
    expect(body.enforce_nonce).toBe(true);
    expect(body.embeds?.[0]?.image?.url).toBe('attachment://map.png');
    expect(body.attachments).toEqual([
      expect.objectContaining({
        id: 0,
        filename: 'map.png',
        description: expect.stringContaining('Sevastopol'),
      }),
    ]);
    expect(request.files?.[0]?.field).toBe('files[0]');
    expect([...(request.files?.[0]?.bytes.slice(0, 8) ?? [])]).toEqual(pngSignature);

    const again = await deliverer.send(target(2), briefing);
    expect(again.messageId).toBe(first.messageId);
    expect(posts()).toHaveLength(2);
    expect(harness.discord.channelMessages(channel)).toHaveLength(1);
  });
});
