/**
 * `npm run -s cli -- review …`: the editors' view of the living knowledge base, over the same
 * store the bot writes (SQLite under DATA_DIR, or DATABASE_URL). See docs/editors.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderBriefingAsText } from './adapters/console/render.ts';
import {
  composeReview,
  type FeedConfig,
  type FeedItem,
  type Knowledge,
  parseFeedsFile,
  parseSince,
  promoteSkeleton,
  type ReviewView,
  reviewReports,
  type Since,
} from './core/index.ts';
import { openDailyStore } from './infra/store/open.ts';
import type { SqlStore } from './infra/store/sql-store.ts';
import type { AppConfig } from './settings.ts';

/** The review arguments cli.ts read. */
export interface ReviewArgs {
  readonly words: readonly string[];
  readonly json: boolean;
  readonly since?: string;
  readonly note?: string;
  readonly poll: boolean;
  readonly out?: string;
}

/** Where the review writes: stdout for results, stderr for problems. */
interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Unanswered questions are listed from this far back unless --since says otherwise. */
const defaultSince = '7d';

/** Runs one review command; returns the exit code (0 done, 1 not found or failed, 2 misuse). */
export async function runReview(
  args: ReviewArgs,
  config: AppConfig,
  knowledge: Knowledge,
  io: Output = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
): Promise<number> {
  const [sub, ...rest] = args.words;
  const since = parseSince(args.since ?? defaultSince, Date.now());
  if (!since) {
    io.err(`--since: expected 7d, 2w, 24h, yesterday or a date like 2026-06-01.\n`);
    return 2;
  }
  if (sub === 'resolve' && (rest.length !== 1 || !args.note?.trim())) {
    io.err('usage: review resolve ID --note "what was done"\n');
    return 2;
  }
  if (sub === 'promote' && rest.length !== 1) {
    io.err('usage: review promote ITEM [--out FILE | --out -]\n');
    return 2;
  }
  if (sub !== undefined && !['resolve', 'feeds', 'promote'].includes(sub)) {
    io.err(
      `Unknown review command "${sub}": review, review resolve, review feeds, review promote.\n`,
    );
    return 2;
  }
  const store = await openDailyStore(config);
  try {
    switch (sub) {
      case undefined:
        return await overview(store, knowledge, since, args, io);
      case 'resolve':
        return await resolve(store, rest[0] ?? '', args.note ?? '', args.json, io);
      case 'feeds':
        return await feeds(store, config, since, args, io);
      default:
        return await promote(store, rest[0] ?? '', args.out, io);
    }
  } finally {
    await store.close();
  }
}

async function overview(
  store: SqlStore,
  knowledge: Knowledge,
  since: Since,
  args: ReviewArgs,
  io: Output,
): Promise<number> {
  const view: ReviewView = {
    // Open reports stay in view however old they are, unless --since narrows them.
    reports: reviewReports(
      knowledge,
      await store.listReports({
        status: 'open',
        ...(args.since ? { since: since.at } : {}),
      }),
    ),
    unanswered: await store.listUnanswered({ since: since.at, limit: 20 }),
    newFeedItems: (await store.listFeedItems({ status: 'new', limit: 1000 })).length,
    since,
  };
  if (args.json) {
    io.out(
      `${JSON.stringify({
        since: new Date(since.at).toISOString(),
        reports: view.reports.map(({ report, about, fact }) => ({
          id: report.id,
          reason: report.reason,
          details: report.details,
          entryId: report.entryId,
          factId: report.factId,
          about,
          fact,
          platform: report.platform,
          channelId: report.channelId,
          createdAt: new Date(report.createdAt).toISOString(),
        })),
        unanswered: view.unanswered.map((q) => ({
          ...q,
          firstSeen: new Date(q.firstSeen).toISOString(),
          lastSeen: new Date(q.lastSeen).toISOString(),
        })),
        newFeedItems: view.newFeedItems,
      })}\n`,
    );
    return 0;
  }
  io.out(renderBriefingAsText(composeReview(knowledge, view)));
  return 0;
}

async function resolve(
  store: SqlStore,
  id: string,
  note: string,
  json: boolean,
  io: Output,
): Promise<number> {
  const existing = await store.getReport(id);
  if (!existing) {
    io.err(`No report ${id.slice(0, 40)}: npm run -s cli -- review lists the open ones.\n`);
    return 1;
  }
  const resolved = await store.resolveReport(id, note.trim().slice(0, 1000));
  if (json) io.out(`${JSON.stringify({ id, status: resolved?.status ?? 'resolved' })}\n`);
  else
    io.out(
      `Resolved ${id}${existing.status === 'resolved' ? ' (again: the note is replaced)' : ''}.\n`,
    );
  return 0;
}

async function readFeeds(file: string): Promise<readonly FeedConfig[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseFeedsFile(path.relative(process.cwd(), file) || file, text);
}

const itemJson = (item: FeedItem) => ({
  id: item.id,
  outlet: item.outlet,
  title: item.title,
  link: item.link,
  published: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
  found: new Date(item.foundAt).toISOString(),
  feed: item.feedId,
});

async function feeds(
  store: SqlStore,
  config: AppConfig,
  since: Since,
  args: ReviewArgs,
  io: Output,
): Promise<number> {
  if (args.poll) {
    const list = await readFeeds(config.living.feedsFile);
    const [{ createFeedPoller }, { createLogger }] = await Promise.all([
      import('./infra/feeds/poller.ts'),
      import('./infra/logging.ts'),
    ]);
    const outcomes = await createFeedPoller({
      feeds: list,
      store,
      logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
      intervalMs: config.living.feedsPollMs,
    }).pollDue();
    for (const outcome of outcomes) {
      io.err(
        `${outcome.feedId}: ${outcome.outcome}${'error' in outcome ? ` (${outcome.error})` : ''}\n`,
      );
    }
  }
  const items = await store.listFeedItems({
    status: 'new',
    since: args.since ? since.at : 0,
    limit: 200,
  });
  if (args.json) {
    io.out(`${JSON.stringify({ items: items.map(itemJson) })}\n`);
    return 0;
  }
  if (items.length === 0) {
    io.out('No new feed items. (Polled by the running bot; --poll polls the due feeds now.)\n');
    return 0;
  }
  io.out(
    `${items.length} new item${items.length === 1 ? '' : 's'} from the feeds, not reviewed, newest first:\n\n`,
  );
  for (const item of items) {
    const date = new Date(item.publishedAt ?? item.foundAt).toISOString().slice(0, 10);
    io.out(`${item.id}  ${date}  ${item.outlet}: ${item.title}\n            ${item.link}\n`);
  }
  io.out('\nPromote one into a draft for the knowledge: npm run -s cli -- review promote ITEM\n');
  return 0;
}

async function promote(
  store: SqlStore,
  id: string,
  out: string | undefined,
  io: Output,
): Promise<number> {
  const item = await store.getFeedItem(id);
  if (!item) {
    io.err(`No feed item ${id.slice(0, 40)}: npm run -s cli -- review feeds lists them.\n`);
    return 1;
  }
  const yaml = await promoteSkeleton(item, Date.now());
  if (out === '-') {
    io.out(yaml);
  } else {
    // Drafts live outside knowledge/, so an unfinished one can never stop the bot from starting.
    const file = out ?? path.join('drafts', `feed-${item.id}.yaml`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, yaml, { flag: out ? 'w' : 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST')
          throw new Error(`${file} exists already: edit it, or pass --out`);
        throw error;
      },
    );
    io.out(
      `Wrote ${file}: complete it, move it into knowledge/, run npm run knowledge:check and commit.\n`,
    );
  }
  await store.setFeedItemStatus(item.id, 'promoted');
  return 0;
}
