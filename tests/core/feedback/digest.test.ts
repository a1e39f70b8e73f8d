import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weekOf } from '../../../src/core/feedback/digest.ts';
import { createEditorsDigest } from '../../../src/core/index.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { fixtureKnowledge } from '../../helpers/fixture-core.ts';
import { createFakeDeliverer } from '../schedule/fake-deliverer.ts';

// Monday 1 June 2026.
const monday = Date.UTC(2026, 5, 1);
const hour = 3_600_000;

describe('the weekly editors digest', () => {
  let dir: string;
  let time: number;
  let stores: SqlStore[];
  const open = async () => {
    const store = createSqliteStore({
      file: path.join(dir, 'trucebrief.sqlite'),
      clock: () => time,
    });
    await store.migrate();
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-digest-'));
    time = monday + 8 * hour;
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the week by its Monday', () => {
    expect(weekOf(Date.UTC(2026, 5, 7, 23))).toBe('2026-06-01');
    expect(weekOf(Date.UTC(2026, 5, 8))).toBe('2026-06-08');
  });

  it('posts the open reports and unanswered questions once a week, from one of two instances', async () => {
    const [a, b] = [await open(), await open()];
    await a.addReport({
      id: 'r1',
      entryId: 'budapest-memorandum',
      factId: 'signed',
      reason: 'wrong',
      details: 'the date',
      platform: 'slack',
      channelId: 'C1',
      reporter: 'h',
    });
    await a.recordUnanswered('what is nato', 'not-found');
    const deliverer = createFakeDeliverer('slack', () => time);
    const digest = async (store: SqlStore) =>
      createEditorsDigest({
        store,
        feedback: store,
        feeds: store,
        knowledge: await fixtureKnowledge(),
        deliverers: [deliverer],
        channels: [{ platform: 'slack', channelId: 'CEDITORS' }],
        instanceId: store === a ? 'a' : 'b',
        logger: createLogger('silent'),
      });
    // Before Monday 09:00 UTC nothing is due.
    await (await digest(a)).runDue();
    expect(deliverer.sent).toEqual([]);
    time = monday + 9 * hour;
    await Promise.all([(await digest(a)).runDue(), (await digest(b)).runDue()]);
    expect(deliverer.sent).toEqual([
      { channelId: 'CEDITORS', title: 'Weekly digest for the editors', at: time },
    ]);
    time = monday + 30 * hour;
    await (await digest(b)).runDue();
    expect(deliverer.sent).toHaveLength(1);
    time = monday + 7 * 24 * hour + 9 * hour;
    await (await digest(b)).runDue();
    expect(deliverer.sent).toHaveLength(2);
  });
});
