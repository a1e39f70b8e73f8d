import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Core,
  claimedUnitCodes,
  createCore,
  loadKnowledgeDir,
} from '../../../src/core/index.ts';
import { createPictureRenderer } from '../../../src/pictures/renderer.ts';
import { type HttpHarness, startHttpHarness } from './http-harness.ts';
import { ids, slashCommand } from './interactions.ts';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface EditWithPicture {
  flags?: number;
  embeds?: Array<{ image?: { url: string } }>;
  attachments?: Array<{ id: string; filename?: string; description?: string }>;
  allowed_mentions?: unknown;
}

describe('pictures over HTTP interactions: deferred, then uploaded by editing @original', () => {
  let http: HttpHarness;
  let core: Core;

  beforeAll(async () => {
    const knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '../../../knowledge'));
    core = createCore(knowledge, {
      pictures: await createPictureRenderer({ requiredUnits: claimedUnitCodes }),
    });
    http = await startHttpHarness({ core });
  });
  afterAll(async () => {
    await http.close();
  });

  it('defers /timeline publicly, then PATCHes the PNG as multipart with its alt text', async () => {
    const interaction = slashCommand('timeline');
    const result = await http.post(interaction.payload);
    expect(result).toEqual({ status: 200, body: { type: 5 } });
    const [edit] = await http.webhookCalls(interaction.token, 1);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/webhooks/${ids.application}/${interaction.token}/messages/@original`);
    expect(edit?.authorization).toBeUndefined();
    expect(edit?.files).toHaveLength(1);
    const [file] = edit?.files ?? [];
    expect(file?.field).toBe('files[0]');
    expect(file?.name).toBe('timeline.png');
    expect([...(file?.bytes.slice(0, 8) ?? [])]).toEqual(pngSignature);
    const body = edit?.body as EditWithPicture;
    expect(body.embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(body.attachments).toEqual([
      expect.objectContaining({
        id: '0',
        description: expect.stringContaining('Timeline chart of'),
      }),
    ]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    // The edit keeps the deferral's visibility, so it carries no flags.
    expect(body.flags).toBeUndefined();
  });

  it('defers a private answer with its picture privately', async () => {
    const privately: Core = {
      ...core,
      handle: async (request, context) => ({
        ...(await core.handle(request, context)),
        visibility: 'ephemeral',
      }),
    };
    const quiet = await startHttpHarness({ core: privately });
    try {
      const interaction = slashCommand('brief', 'crimea');
      expect((await quiet.post(interaction.payload)).body).toEqual({
        type: 5,
        data: { flags: 64 },
      });
      const [edit] = await quiet.webhookCalls(interaction.token, 1);
      expect(edit?.files?.[0]?.name).toBe('map.png');
    } finally {
      await quiet.close();
    }
  });
});
