import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, loadKnowledgeDir } from '../../../src/core/index.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore, sqliteFileIn } from '../../../src/infra/store/sqlite.ts';
import { runReview } from '../../../src/review.ts';
import { parseConfig } from '../../../src/settings.ts';
import { type Harness, startHarness } from './harness.ts';
import { buttonClick, modalSubmit, slashCommand } from './interactions.ts';

const fixtureDir = path.join(import.meta.dirname, '../../fixtures/discord');

interface Callback {
  readonly type: number;
  readonly data: {
    readonly custom_id?: string;
    readonly title?: string;
    readonly components?: readonly Record<string, unknown>[];
    readonly flags?: number;
    readonly embeds?: readonly { title?: string; description?: string }[];
  };
}

describe('Report a problem on Discord (real discord.js, fake Discord): button, modal, review', () => {
  let harness: Harness;
  let store: SqlStore;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'trucebrief-discord-report-'));
    store = createSqliteStore({ file: sqliteFileIn(dataDir) });
    await store.migrate();
    const core = createCore(await loadKnowledgeDir(fixtureDir), {
      feedback: { store, hashKey: 'test-report-key-0123456789' },
    });
    harness = await startHarness({ core });
  });
  afterAll(async () => {
    await harness?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts a report button on a briefing, opens the form, files the report and finds it in review', async () => {
    const reply = (await harness.interact(slashCommand('agreement', 'budapest memorandum')))
      .body as Callback;
    const buttons = (reply.data.components ?? []).flatMap(
      (row) => (row.components as { custom_id: string; label: string }[]) ?? [],
    );
    const report = buttons.find((button) => button.label === 'Report a problem');
    expect(report?.custom_id).toBe('tb:report:report:budapest-memorandum');

    const form = (
      await harness.interact(buttonClick(report?.custom_id ?? '', { ephemeral: false }))
    ).body as Callback;
    expect(form.type).toBe(9);
    expect(form.data.custom_id).toBe('tb:report-form:budapest-memorandum');
    const reasons = JSON.stringify(form.data.components);
    for (const reason of ['wrong', 'outdated', 'missing-source', 'other']) {
      expect(reasons).toContain(`"value":"${reason}"`);
    }

    const submitted = modalSubmit(form.data.custom_id ?? '', {
      select: { reason: ['missing-source'] },
      text: {
        details: 'The 2014 statement has no source @everyone <@&123> [x](https://evil.example)',
      },
    });
    const deferred = (await harness.interact(submitted)).body as Callback;
    expect(deferred.type).toBe(5);
    expect(deferred.data.flags).toBe(64);
    const edited = await harness.discord.waitForRequest(
      (request) =>
        request.method === 'PATCH' &&
        request.path.endsWith(`/${submitted.token}/messages/@original`),
    );
    const thanks = edited.body as Callback['data'] & { allowed_mentions?: { parse: unknown[] } };
    expect(thanks.embeds?.[0]?.title).toContain('Thank you');
    expect(thanks.allowed_mentions).toEqual({ parse: [] });

    const reports = await store.listReports({ status: 'open' });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      entryId: 'budapest-memorandum',
      factId: null,
      reason: 'missing-source',
      platform: 'discord',
    });
    expect(JSON.stringify(reports)).not.toContain('500000000000000001');

    const out: string[] = [];
    const code = await runReview(
      { words: [], json: true, poll: false },
      parseConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: fixtureDir }),
      harness.core.knowledge,
      { out: (text) => out.push(text), err: (text) => out.push(text) },
    );
    expect(code).toBe(0);
    const review = JSON.parse(out.join('')) as { reports: { id: string; about: string }[] };
    expect(review.reports).toEqual([
      expect.objectContaining({ id: reports[0]?.id, about: 'Budapest Memorandum' }),
    ]);
  });

  it('answers a form with no reason by asking for one', async () => {
    const submitted = modalSubmit('tb:report-form:minsk-ii/signed', {
      select: { reason: [] },
      text: { details: '' },
    });
    await harness.interact(submitted);
    const edited = await harness.discord.waitForRequest(
      (request) =>
        request.method === 'PATCH' &&
        request.path.endsWith(`/${submitted.token}/messages/@original`),
    );
    expect((edited.body as Callback['data']).embeds?.[0]?.title).toBe('Why is it a problem?');
  });
});
