import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordKnowledgeVersion } from '../../../src/core/index.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { type EditableKnowledge, editableKnowledge } from '../../helpers/knowledge-edits.ts';

/** A fresh, migrated store on a clock the test moves, and a second connection to the same data. */
export interface LivingHarness {
  readonly store: SqlStore;
  second(): Promise<SqlStore>;
  cleanup(): Promise<void>;
}

const t0 = Date.UTC(2026, 5, 1, 9, 0);
const day = 86_400_000;

const report = (id: string, details = '') =>
  ({
    id,
    entryId: 'budapest-memorandum',
    factId: 'signed',
    reason: 'wrong',
    details,
    platform: 'slack',
    channelId: 'C0001',
    reporter: 'f'.repeat(32),
  }) as const;

const item = (id: string, linkKey: string, guidKey: string | null, feedId = 'a') => ({
  id,
  linkKey,
  guidKey,
  feedId,
  outlet: 'Outlet',
  title: `Title ${id}`,
  link: `https://${linkKey}`,
  publishedAt: t0 - day,
});

/** The behaviour of the living knowledge base's tables, on SQLite and PostgreSQL alike. */
export function describeLivingStoreContract(
  name: string,
  open: (clock: () => number) => Promise<LivingHarness>,
): void {
  describe(`${name}: reports, unanswered questions, versions and feeds`, () => {
    let harness: LivingHarness;
    let store: SqlStore;
    let time = t0;
    let knowledge: EditableKnowledge;
    beforeEach(async () => {
      time = t0;
      harness = await open(() => time);
      store = harness.store;
      knowledge = await editableKnowledge();
    });
    afterEach(async () => {
      await harness.cleanup();
      await knowledge.remove();
    });

    it('files a report once, however often and from however many instances it is sent', async () => {
      const other = await harness.second();
      try {
        const results = await Promise.all([
          store.addReport(report('r1', 'it was 1994')),
          other.addReport(report('r1', 'it was 1994')),
          store.addReport(report('r1', 'it was 1994')),
        ]);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(results.map((r) => r.report.id)).toEqual(['r1', 'r1', 'r1']);
      } finally {
        await other.close();
      }
      const open = await store.listReports({ status: 'open' });
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        entryId: 'budapest-memorandum',
        factId: 'signed',
        details: 'it was 1994',
        createdAt: t0,
        status: 'open',
      });
    });

    it('resolves a report with a note and lists it no longer as open', async () => {
      await store.addReport(report('r1'));
      time = t0 + day;
      const resolved = await store.resolveReport('r1', 'Corrected the date');
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolvedAt: t0 + day,
        note: 'Corrected the date',
      });
      expect(await store.listReports({ status: 'open' })).toEqual([]);
      expect(await store.resolveReport('nope', 'x')).toBeUndefined();
    });

    it('counts unanswered questions, notes accepted suggestions, and lists the most asked first', async () => {
      await store.recordUnanswered('what is nato', 'not-found');
      time = t0 + 1000;
      await store.recordUnanswered('what is nato', 'not-found');
      await store.recordUnanswered('budpest', 'abstained');
      await store.acceptSuggestion('budpest', 'budapest-memorandum');
      const listed = await store.listUnanswered({ limit: 10 });
      expect(listed.map((q) => [q.text, q.count])).toEqual([
        ['what is nato', 2],
        ['budpest', 1],
      ]);
      expect(listed[0]).toMatchObject({ firstSeen: t0, lastSeen: t0 + 1000 });
      expect(listed[1]).toMatchObject({ accepted: 'budapest-memorandum', acceptedCount: 1 });
      expect(await store.listUnanswered({ since: t0 + 500, limit: 10 })).toHaveLength(2);
    });

    it('forgets unanswered questions past their age and beyond the cap', async () => {
      for (const [index, text] of ['one', 'two', 'three', 'four'].entries()) {
        time = t0 + index * day;
        await store.recordUnanswered(text, 'not-found');
      }
      time = t0 + 10 * day;
      const forgotten = await store.pruneUnanswered({ maxAgeMs: 9 * day, maxQuestions: 2 });
      expect(forgotten).toBe(2);
      expect((await store.listUnanswered({ limit: 10 })).map((q) => q.text).sort()).toEqual([
        'four',
        'three',
      ]);
    });

    it('records a version once when two instances load the same knowledge together', async () => {
      const other = await harness.second();
      try {
        const first = await knowledge.load();
        expect((await recordKnowledgeVersion(store, first)).first).toBe(true);
        await knowledge.edit(
          'agreements.yaml',
          'Signed in Minsk on 5 September 2014.',
          'Signed in Minsk on 5 September 2014 by the Trilateral Contact Group.',
        );
        const second = await knowledge.load();
        time = t0 + day;
        const [a, b] = await Promise.all([
          recordKnowledgeVersion(store, second),
          recordKnowledgeVersion(other, second),
        ]);
        expect(a.changes).toEqual(b.changes);
      } finally {
        await other.close();
      }
      const changes = await store.listKnowledgeChanges({ limit: 10 });
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        kind: 'changed',
        entryId: 'minsk-protocol',
        factId: 'signed',
        statement: 'Signed in Minsk on 5 September 2014 by the Trilateral Contact Group.',
        at: t0 + day,
      });
      expect(changes[0]?.source?.url).toMatch(/^https:/);
    });

    it('records a revert and the change after it as versions of their own', async () => {
      const original = await knowledge.load();
      await recordKnowledgeVersion(store, original);
      const from = 'Signed in Minsk on 5 September 2014.';
      const to = 'Signed in Minsk on 5 September 2014 (revised).';
      await knowledge.edit('agreements.yaml', from, to);
      time = t0 + 1000;
      await recordKnowledgeVersion(store, await knowledge.load());
      time = t0 + 2000;
      await recordKnowledgeVersion(store, original);
      time = t0 + 3000;
      await recordKnowledgeVersion(store, await knowledge.load());
      const changes = await store.listKnowledgeChanges({ limit: 10 });
      expect(changes.map((c) => [c.at, c.statement])).toEqual([
        [t0 + 3000, to],
        [t0 + 2000, from],
        [t0 + 1000, to],
      ]);
      expect(await store.listKnowledgeChanges({ since: t0 + 2000, limit: 10 })).toHaveLength(2);
    });

    it('lets one instance at a time poll a feed, and again once it is due', async () => {
      const other = await harness.second();
      try {
        const [a, b] = await Promise.all([
          store.claimFeed('feed-a', 60_000),
          other.claimFeed('feed-a', 60_000),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
      } finally {
        await other.close();
      }
      await store.finishFeedPoll('feed-a', {
        etag: '"v1"',
        lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT',
        failures: 0,
        nextPollInMs: 30 * 60_000,
        error: null,
      });
      time = t0 + 29 * 60_000;
      expect(await store.claimFeed('feed-a', 60_000)).toBeUndefined();
      time = t0 + 30 * 60_000;
      expect(await store.claimFeed('feed-a', 60_000)).toEqual({
        feedId: 'feed-a',
        etag: '"v1"',
        lastModified: 'Mon, 01 Jun 2026 08:00:00 GMT',
        failures: 0,
      });
    });

    it('queues an item once, matched by link or by guid, from any feed or instance', async () => {
      const other = await harness.second();
      try {
        const counts = await Promise.all([
          store.addFeedItems([item('i1', 'example.org/a', 'urn:a')]),
          other.addFeedItems([item('i1', 'example.org/a', 'urn:a', 'b')]),
        ]);
        expect(counts[0] + counts[1]).toBe(1);
      } finally {
        await other.close();
      }
      // Same guid, another link (the feed moved its URLs): the same story.
      expect(await store.addFeedItems([item('i2', 'example.org/a?x=1', 'urn:a')])).toBe(0);
      expect(
        await store.addFeedItems([
          item('i3', 'example.org/b', null),
          item('i4', 'example.org/c', null),
        ]),
      ).toBe(2);
      const listed = await store.listFeedItems({ status: 'new', limit: 10 });
      expect(listed.map((i) => i.id).sort()).toEqual(['i1', 'i3', 'i4']);
      expect(await store.setFeedItemStatus('i3', 'promoted')).toBe(true);
      expect((await store.getFeedItem('i3'))?.status).toBe('promoted');
      expect(await store.listFeedItems({ status: 'new', limit: 10 })).toHaveLength(2);
    });
  });
}
