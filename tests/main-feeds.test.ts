/**
 * The feed poller as `npm start` wires it: started after the daily scheduler, polling the feeds of
 * FEEDS_FILE, and not made at all when there are none. Against a fake publisher and a fake
 * webhook on 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeFeeds, type FakeFeeds } from './fakes/fake-feeds.ts';
import { type FakeWebhookServer, startFakeWebhookServer } from './fakes/fake-webhook.ts';
import { startMain } from './helpers/start-main.ts';

const feedPath = '/newsroom/feed/';

describe('npm start and the feeds', () => {
  let feeds: FakeFeeds | undefined;
  let webhooks: FakeWebhookServer | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await feeds?.close();
    await webhooks?.close();
  });

  /** Starts the bot serving a daily webhook, with FEEDS_FILE as given, once its scheduler runs. */
  const start = async (feedsFile: string) => {
    webhooks = await startFakeWebhookServer();
    const bot = await startMain({
      DAILY_WEBHOOK_URLS: `${webhooks.baseUrl}/services/T0FEEDS/B0FEEDS/FeedsTestPath 07:30 Europe/Kyiv`,
      FEEDS_FILE: feedsFile,
    });
    child = bot.child;
    const log = () => bot.logs.join('');
    const logged = async (text: string) => {
      // Bounded by the test timeout: start-up on a loaded machine is slow.
      while (!log().includes(text)) {
        if (bot.child.exitCode !== null) throw new Error(`npm start exited:\n${log()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    return { log, logged };
  };
  it('polls the feeds of FEEDS_FILE, once the scheduler has started', async () => {
    feeds = await createFakeFeeds();
    feeds.route(feedPath, {
      kind: 'feed',
      body: await readFile(
        path.join(import.meta.dirname, 'fixtures', 'feeds', 'wordpress-rss.xml'),
      ),
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-feeds-file-'));
    const file = path.join(dir, 'feeds.yaml');
    await writeFile(
      file,
      `feeds:\n  - id: newsroom\n    outlet: Kyiv Newsroom\n    url: ${feeds.url}${feedPath}\n`,
    );
    const bot = await start(file);
    await bot.logged('feed poller started');
    const log = bot.log();
    expect(log.indexOf('daily scheduler started')).toBeGreaterThan(-1);
    expect(log.indexOf('daily scheduler started')).toBeLessThan(log.indexOf('feed poller started'));
    while (feeds.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(feeds.requests[0]?.path).toBe(feedPath);
  }, 30_000);

  it('makes no poller without feeds', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-feeds-file-'));
    const bot = await start(path.join(dir, 'no-such-feeds.yaml'));
    // What follows the scheduler at start-up (the editors' digest) is logged within moments.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.log()).not.toContain('feed poller started');
    expect(bot.log()).not.toContain('feed poll');
  }, 30_000);
});
