import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventLedger, type EventLedger } from '../../../src/core/index.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { databaseUrl, openPostgresSchema } from './postgres-harness.ts';

const t0 = Date.UTC(2026, 11, 2, 12, 0);
const hour = 60 * 60 * 1000;

/** Two ledgers over one database, as two instances of the bot would hold. */
interface LedgerHarness {
  readonly first: EventLedger;
  readonly second: EventLedger;
  cleanup(): Promise<void>;
}

function describeLedger(name: string, open: () => Promise<LedgerHarness>): void {
  describe(`${name}: the ledger of handled events`, () => {
    let harness: LedgerHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('says first for a new event and repeat for the same event within its window', async () => {
      const { first } = harness;
      expect(await first.firstSighting('slack:event:Ev1', t0, t0 + hour)).toBe(true);
      expect(await first.firstSighting('slack:event:Ev1', t0 + 60_000, t0 + 60_000 + hour)).toBe(
        false,
      );
      expect(await first.firstSighting('slack:event:Ev2', t0, t0 + hour)).toBe(true);
    });

    it('forgets an event once its window has passed', async () => {
      const { first } = harness;
      expect(await first.firstSighting('slack:event:Ev1', t0, t0 + hour)).toBe(true);
      expect(await first.firstSighting('slack:event:Ev1', t0 + hour, t0 + 2 * hour)).toBe(true);
      expect(await first.firstSighting('slack:event:Ev1', t0 + hour + 1, t0 + 2 * hour)).toBe(
        false,
      );
    });

    it('is shared: an event recorded by one instance is a repeat for the other', async () => {
      const { first, second } = harness;
      expect(await first.firstSighting('slack:event:Ev1', t0, t0 + hour)).toBe(true);
      expect(await second.firstSighting('slack:event:Ev1', t0 + 1000, t0 + hour)).toBe(false);
    });

    it('lets exactly one of many racing sightings of one event through', async () => {
      const { first, second } = harness;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? first : second).firstSighting('slack:event:EvRace', t0, t0 + hour),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps working past its periodic pruning of expired events', async () => {
      const { first } = harness;
      for (let i = 0; i < 450; i++) {
        expect(await first.firstSighting(`slack:event:Old${i}`, t0 + i, t0 + i + 10)).toBe(true);
      }
      expect(await first.firstSighting('slack:event:Old449', t0 + 449, t0 + hour)).toBe(false);
    });
  });
}

describeLedger('in memory (one process)', async () => {
  const ledger = createMemoryEventLedger();
  return { first: ledger, second: ledger, cleanup: async () => {} };
});

describeLedger('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-events-'));
  const file = path.join(dir, 'events.sqlite');
  const open = async (): Promise<SqlStore> => {
    const store = createSqliteStore({ file });
    await store.migrate();
    return store;
  };
  const first = await open();
  const second = await open();
  return {
    first,
    second,
    cleanup: async () => {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  describeLedger('PostgreSQL', async () => {
    const db = await openPostgresSchema();
    const first = await db.open();
    const second = await db.open();
    return {
      first,
      second,
      cleanup: async () => {
        await first.close();
        await second.close();
        await db.drop();
      },
    };
  });
});
