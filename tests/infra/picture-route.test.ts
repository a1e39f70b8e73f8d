import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/adapter.ts';
import type { SlackImageBlock, SlackMessage } from '../../src/adapters/slack/render.ts';
import {
  type Core,
  claimedUnitCodes,
  createCore,
  loadKnowledgeDir,
  pictureOfKind,
  picturePath,
} from '../../src/core/index.ts';
import { type HealthServer, startHealthServer } from '../../src/infra/health.ts';
import { createPictureRoute } from '../../src/infra/picture-route.ts';
import { createPictureRenderer } from '../../src/pictures/renderer.ts';
import { createRecordingLogger } from '../adapters/slack/helpers.ts';
import { limitViolations } from '../adapters/slack/limits-check.ts';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { postToApp, slashCommandBody } from '../fakes/slack-requests.ts';

const signingSecret = 'test-signing-secret-0123456789abcdef';
const publicBaseUrl = 'https://bot.example.org/trucebrief';
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A request with the path exactly as written: fetch would resolve `..` before sending it. */
function raw(port: number, method: string, target: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pictures served at PUBLIC_BASE_URL for Slack image blocks (real Bolt in HTTP mode)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let core: Core;
  let port: number;

  beforeAll(async () => {
    const knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '../../knowledge'));
    core = createCore(knowledge, {
      pictures: await createPictureRenderer({ requiredUnits: claimedUnitCodes }),
    });
    // A core that answers privately, as /fact does: the reply Slack cannot carry an upload in.
    const privately: Core = {
      ...core,
      handle: async (request, context) => ({
        ...(await core.handle(request, context)),
        visibility: 'ephemeral',
      }),
    };
    fake = await createFakeSlack();
    const { logger } = createRecordingLogger();
    adapter = createSlackAdapter(
      {
        botToken: 'xoxb-test-token',
        signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        dailyManagers: [],
      },
      privately,
      logger,
      { host: '127.0.0.1', routes: [createPictureRoute({ core, logger })], publicBaseUrl },
    );
    await adapter.start();
    port = adapter.port ?? 0;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  const slash = async (command: string, text: string) => {
    const result = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({ command, text, response_url: fake.responseUrl(`pictures-${text}`) }),
      { signingSecret, contentType: 'application/x-www-form-urlencoded' },
    );
    return JSON.parse(result.text || '{}') as SlackMessage & { response_type?: string };
  };

  it('shows a private answer’s map as an image block at PUBLIC_BASE_URL, keeping "Post map"', async () => {
    const message = await slash('/brief', 'crimea');
    expect(message.response_type).toBe('ephemeral');
    const image = message.blocks.find((block): block is SlackImageBlock => block.type === 'image');
    expect(image).toEqual({
      type: 'image',
      image_url: expect.stringMatching(
        /^https:\/\/bot\.example\.org\/trucebrief\/pictures\/[0-9a-f]{16}\/map-ua-43\.png$/,
      ),
      alt_text: expect.stringContaining('Highlighted: Autonomous Republic of Crimea'),
      title: {
        type: 'plain_text',
        text: 'The six Ukrainian units both constitutions claim',
        emoji: false,
      },
    });
    // The image comes before the button, and the text equivalent stays in the message.
    const types = message.blocks.map((block) => block.type);
    expect(types.indexOf('image')).toBeLessThan(types.lastIndexOf('actions'));
    expect(JSON.stringify(message)).toContain('Highlighted are the six units');
    expect(JSON.stringify(message)).toContain('trucebrief.picture');
    expect(limitViolations(message)).toEqual([]);
    expect(fake.calls('files.getUploadURLExternal')).toHaveLength(0);

    // What Slack fetches: the URL's path, served on the bot's own port.
    const served = await raw(port, 'GET', new URL(image?.image_url ?? '').pathname.slice(11));
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect([...served.body.subarray(0, 8)]).toEqual(pngSignature);
    expect(Number(served.headers['content-length'])).toBe(served.body.length);
  });

  it('serves each picture of the knowledge with cache headers, and HEAD with no body', async () => {
    const timeline = picturePath(pictureOfKind('timeline', core.knowledge));
    const get = await raw(port, 'GET', timeline);
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect(get.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect([...get.body.subarray(0, 8)]).toEqual(pngSignature);
    const head = await raw(port, 'HEAD', timeline);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.body.length).toBe(0);
    const again = await new Promise<number>((resolve, reject) => {
      httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: timeline,
          headers: { 'if-none-match': String(get.headers.etag) },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(again).toBe(304);
  });

  it('answers 404 for an unknown name or version and for paths that try to leave the route', async () => {
    const timeline = picturePath(pictureOfKind('timeline', core.knowledge));
    const version = timeline.split('/')[2] ?? '';
    for (const target of [
      `/pictures/${version}/nothing.png`,
      '/pictures/0000000000000000/timeline.png',
      `/pictures/${version}/timeline.svg`,
      `/pictures/${version}/..%2f..%2fpackage.json`,
      `/pictures/${version}/%2e%2e%2fboundaries.png`,
      `/pictures/${version}/TIMELINE.png`,
      `/pictures/${version}/timeline.png/extra`,
    ]) {
      const answer = await raw(port, 'GET', target);
      expect([404, 405], target).toContain(answer.status);
      expect(answer.headers['content-type'], target).not.toBe('image/png');
    }
    expect((await raw(port, 'GET', '/pictures/../package.json')).status).toBe(404);
  });

  it('is served by the HEALTH_PORT server too, for Socket Mode and webhook-only runs', async () => {
    const { logger } = createRecordingLogger();
    const server: HealthServer = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      routes: [createPictureRoute({ core, logger })],
    });
    try {
      const map = picturePath(pictureOfKind('map', core.knowledge));
      const answer = await raw(server.port, 'GET', map);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('image/png');
      expect([...answer.body.subarray(0, 8)]).toEqual(pngSignature);
      expect((await raw(server.port, 'POST', map)).status).toBe(405);
      expect((await raw(server.port, 'GET', '/pictures/x/map.png')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
