import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../../src/core/index.ts';
import { createFeedPoller, type FeedPollOutcome } from '../../../src/infra/feeds/poller.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createFakeFeeds, type FakeFeeds } from '../../fakes/fake-feeds.ts';

const fixtures = path.join(import.meta.dirname, '../../fixtures/feeds');
const minute = 60_000;
const t0 = Date.UTC(2026, 5, 1, 9, 0);
const keywords = { allow: ['ceasefire', 'talks', 'memorandum', 'Istanbul'], deny: ['football'] };
const limits = { timeoutMs: 1500, maxBytes: 256 * 1024, maxRedirects: 2 };

describe('the feed poller, against a fake publisher on 127.0.0.1', () => {
  let feeds: FakeFeeds;
  let other: FakeFeeds;
  let dir: string;
  let time: number;
  let store: SqlStore;
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => logLines.push(JSON.parse(line)));
  const open = () =>
    createSqliteStore({ file: path.join(dir, 'trucebrief.sqlite'), clock: () => time });

  beforeEach(async () => {
    feeds = await createFakeFeeds();
    other = await createFakeFeeds();
    dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-feeds-'));
    time = t0;
    store = open();
    await store.migrate();
    feeds.route('/newsroom/feed/', {
      kind: 'feed',
      body: await readFile(path.join(fixtures, 'wordpress-rss.xml')),
      etag: '"rss-v1"',
    });
    feeds.route('/wire/europe.atom', {
      kind: 'feed',
      body: await readFile(path.join(fixtures, 'wire-atom.xml')),
      contentType: 'application/atom+xml',
      lastModified: 'Mon, 01 Jun 2026 08:10:00 GMT',
    });
  });
  afterEach(async () => {
    await store.close();
    await feeds.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const feed = (id: string, urlPath: string, base = feeds.url): FeedConfig => ({
    id,
    outlet: id === 'wire' ? 'Wire Example' : 'Kyiv Newsroom',
    url: `${base}${urlPath}`,
    ...keywords,
  });
  const poller = (list: readonly FeedConfig[], on = store) =>
    createFeedPoller({ feeds: list, store: on, logger, intervalMs: 30 * minute, limits });
  const byFeed = (outcomes: readonly FeedPollOutcome[]) =>
    Object.fromEntries(outcomes.map((o) => [o.feedId, o]));

  it('queues each story once across RSS and Atom, polls, 304s and a restart', async () => {
    const sources = [feed('newsroom', '/newsroom/feed/'), feed('wire', '/wire/europe.atom')];
    const first = byFeed(await poller(sources).pollDue());
    expect(first.newsroom).toMatchObject({ outcome: 'fetched', items: 7, malformed: 2 });
    expect(first.wire).toMatchObject({ outcome: 'fetched', items: 4, malformed: 1 });

    const queued = await store.listFeedItems({ status: 'new', limit: 50 });
    expect(queued.map((item) => item.title).sort()).toEqual([
      'Energy ceasefire: what the memorandum says @everyone',
      'Kremlin says memorandum "not ready" for peace talks',
      'Talks in Istanbul: Russia & Ukraine agree prisoner swap',
      'Ukraine, Russia to meet in Istanbul as ceasefire pressure mounts',
      'Zelensky and Trump discuss ceasefire terms ahead of Istanbul round',
    ]);
    const terms = queued.find((item) => item.title.startsWith('Zelensky'));
    expect(terms).toMatchObject({
      outlet: 'Kyiv Newsroom',
      publishedAt: Date.UTC(2026, 5, 1, 7, 31, 5),
    });
    expect(terms?.link).toContain('/news/ceasefire-terms-istanbul/');

    // Not due yet: nothing is fetched.
    time = t0 + 10 * minute;
    expect((await poller(sources).pollDue()).map((o) => o.outcome)).toEqual(['skipped', 'skipped']);

    // Due: conditional requests, answered 304.
    time = t0 + 31 * minute;
    const second = await poller(sources).pollDue();
    expect(second.map((o) => o.outcome)).toEqual(['not-modified', 'not-modified']);
    const conditional = feeds.requests.slice(-2);
    expect(conditional.find((r) => r.path === '/newsroom/feed/')?.ifNoneMatch).toBe('"rss-v1"');
    expect(conditional.find((r) => r.path === '/wire/europe.atom')?.ifModifiedSince).toBe(
      'Mon, 01 Jun 2026 08:10:00 GMT',
    );

    // A restart (a new store connection and poller) and a feed that changed its ETag but not its
    // items: everything is seen again and nothing is queued twice.
    await store.close();
    store = open();
    feeds.route('/newsroom/feed/', {
      kind: 'feed',
      body: await readFile(path.join(fixtures, 'wordpress-rss.xml')),
      etag: '"rss-v2"',
    });
    time = t0 + 62 * minute;
    const third = byFeed(await poller(sources).pollDue());
    expect(third.newsroom).toMatchObject({ outcome: 'fetched', queued: 0 });
    expect(await store.listFeedItems({ limit: 50 })).toHaveLength(5);
  });

  it('backs off a dead, gone, failing, slow, huge or malformed feed without holding up the others', async () => {
    feeds.route('/gone', { kind: 'status', status: 410 });
    feeds.route('/missing-later', { kind: 'status', status: 404 });
    feeds.route('/broken', { kind: 'status', status: 500 });
    feeds.route('/slow', { kind: 'hang' });
    feeds.route('/reset', { kind: 'reset' });
    feeds.route('/huge', { kind: 'huge', bytes: 2 * 1024 * 1024 });
    feeds.route('/html', {
      kind: 'feed',
      body: '<html><body>Not a feed</body></html>',
      contentType: 'text/html',
    });
    const dead = await createFakeFeeds();
    const deadUrl = dead.url;
    await dead.close();
    const sources = [
      feed('gone', '/gone'),
      feed('missing', '/missing-later'),
      feed('broken', '/broken'),
      feed('slow', '/slow'),
      feed('reset', '/reset'),
      feed('huge', '/huge'),
      feed('html', '/html'),
      { ...feed('dead', '/feed'), url: `${deadUrl}/feed` },
      feed('newsroom', '/newsroom/feed/'),
    ];
    const outcomes = byFeed(await poller(sources).pollDue());
    expect(outcomes.newsroom).toMatchObject({ outcome: 'fetched', queued: 3 });
    for (const id of ['gone', 'missing', 'broken', 'slow', 'reset', 'huge', 'html', 'dead']) {
      expect(outcomes[id]).toMatchObject({ outcome: 'failed', retryInMs: 30 * minute });
    }
    expect(outcomes.gone).toMatchObject({ error: 'HTTP 410' });
    expect(outcomes.slow).toMatchObject({ error: 'no answer within 1500 ms' });
    expect(outcomes.huge).toMatchObject({ error: `larger than ${256 * 1024} bytes` });
    expect(
      logLines.some((line) => line.message === 'feed poll failed' && line.feed === 'dead'),
    ).toBe(true);

    // The second failure in a row waits twice as long; the healthy feed keeps its own pace.
    time = t0 + 31 * minute;
    const again = byFeed(await poller(sources).pollDue());
    expect(again.gone).toMatchObject({ outcome: 'failed', retryInMs: 60 * minute });
    expect(again.newsroom).toMatchObject({ outcome: 'not-modified' });
    time = t0 + 62 * minute;
    expect(byFeed(await poller(sources).pollDue()).gone).toMatchObject({ outcome: 'skipped' });
  });

  it('follows a redirect to another host a few times at most', async () => {
    other.route('/moved/feed/', {
      kind: 'feed',
      body: await readFile(path.join(fixtures, 'wordpress-rss.xml')),
    });
    feeds.route('/old-feed', { kind: 'redirect', location: `${other.url}/moved/feed/` });
    feeds.route('/loop', { kind: 'redirect', location: '/loop' });
    feeds.route('/to-file', { kind: 'redirect', location: 'file:///etc/passwd' });
    const outcomes = byFeed(
      await poller([
        feed('moved', '/old-feed'),
        feed('loop', '/loop'),
        feed('to-file', '/to-file'),
      ]).pollDue(),
    );
    expect(outcomes.moved).toMatchObject({ outcome: 'fetched', queued: 3 });
    expect(outcomes.loop).toMatchObject({ outcome: 'failed', error: 'more than 2 redirects' });
    expect(outcomes['to-file']).toMatchObject({ outcome: 'failed', error: 'refused a file: URL' });
  });

  it('lets only one of two instances poll a feed at a time', async () => {
    const second = open();
    try {
      const sources = [feed('newsroom', '/newsroom/feed/')];
      const [a, b] = await Promise.all([
        poller(sources).pollDue(),
        poller(sources, second).pollDue(),
      ]);
      expect([...a, ...b].map((o) => o.outcome).sort()).toEqual(['fetched', 'skipped']);
      expect(feeds.requests.filter((r) => r.path === '/newsroom/feed/')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
