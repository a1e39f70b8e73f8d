import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/adapter.ts';
import { foldQuestion } from '../../../src/core/feedback/unanswered.ts';
import {
  type Briefing,
  type CommandRequest,
  createChangeLog,
  createCore,
  createDailyService,
  type Knowledge,
  subscriptionId,
} from '../../../src/core/index.ts';
import { createManualClock } from '../../../src/core/schedule/clock.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { type EditableKnowledge, editableKnowledge } from '../../helpers/knowledge-edits.ts';

const t0 = Date.UTC(2026, 5, 1, 6, 0);
const hour = 3_600_000;
const asker = (platform: CommandRequest['platform'] = 'slack', user = 'U0ASKER') => ({
  user: { id: user },
  channel: { id: 'C0CHANNEL' },
  platform,
});
const textOf = (briefing: Briefing) => JSON.stringify(briefing);

/** Waits for the background writes the core starts (they never hold up an answer). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the living knowledge base, through Core.handle', () => {
  let dir: string;
  let store: SqlStore;
  let time: number;
  let files: EditableKnowledge;
  let knowledge: Knowledge;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-living-core-'));
    time = t0;
    store = createSqliteStore({ file: path.join(dir, 'trucebrief.sqlite'), clock: () => time });
    await store.migrate();
    files = await editableKnowledge();
    knowledge = await files.load();
  });
  afterEach(async () => {
    await store.close();
    await files.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a changed fact on reload, and /brief changes and the next daily post lead with it', async () => {
    const changeLog = createChangeLog(store);
    expect((await changeLog.record(knowledge)).first).toBe(true);
    const core = createCore(knowledge, { changes: changeLog, now: () => time });
    const before = await core.handle({ command: 'brief', query: 'changes', ...asker() }, {});
    expect(before.summary).toBe('No changes recorded.');

    await files.edit(
      'agreements.yaml',
      'Signed in Minsk on 5 September 2014.',
      'Signed in Minsk on 5 September 2014 by the Trilateral Contact Group.',
    );
    time = t0 + 2 * hour;
    // What a reload does: load the files again and record them through the one function.
    const reloaded = await files.load();
    const recorded = await changeLog.record(reloaded);
    expect(recorded.changes).toHaveLength(1);

    const changes = await core.handle({ command: 'brief', query: 'changes', ...asker() }, {});
    expect(changes.outcome).toBe('changes');
    const facts = changes.blocks.find((block) => block.type === 'facts');
    expect(facts?.type === 'facts' && facts.items[0]).toMatchObject({
      date: '2026-06-01',
      text: 'Minsk Protocol: fact changed, now: Signed in Minsk on 5 September 2014 by the Trilateral Contact Group.',
    });
    expect(facts?.type === 'facts' && facts.items[0]?.source).toBeTruthy();
    expect(changes.blocks.some((block) => block.type === 'citation')).toBe(true);

    // "since" narrows it; a date after the change leaves nothing, a typo gets the forms.
    const later = await core.handle(
      { command: 'brief', query: 'changes 2026-06-02', ...asker() },
      {},
    );
    expect(later.summary).toBe('No changes recorded since 2 June 2026.');
    const typo = await core.handle({ command: 'brief', query: 'changes 7x', ...asker() }, {});
    expect(typo.title).toBe('Since when?');
    // A topic that starts with "changes" is still a lookup.
    const topic = await core.handle(
      { command: 'brief', query: 'changes crimea annexed', ...asker() },
      {},
    );
    expect(topic.outcome).not.toBe('changes');

    // The next morning's post, at 08:00 in Kyiv, leads with it.
    const daily = createDailyService({
      store,
      knowledge: reloaded,
      clock: createManualClock(t0 + 24 * hour),
      history: store,
    });
    const subscription = await store.subscribe(
      { platform: 'slack', channelId: 'C0CHANNEL', time: '08:00', timeZone: 'Europe/Kyiv' },
      t0 - 48 * hour,
    );
    const post = await daily.compose(subscription, '2026-06-02');
    expect(post.blocks[0]).toMatchObject({ type: 'facts', title: 'Changed since yesterday' });
    expect(textOf(post)).toContain('by the Trilateral Contact Group');
    // And the day after, it is old news.
    const dayAfter = await daily.compose(subscription, '2026-06-03');
    expect(textOf(dayAfter)).not.toContain('Changed since yesterday');
    expect(subscription.id).toBe(subscriptionId('slack', 'C0CHANNEL'));
  });

  it('counts unanswered questions without who asked, and notices the suggestion taken', async () => {
    const core = createCore(knowledge, {
      feedback: { store, hashKey: 'k'.repeat(32), countUnanswered: true },
      now: () => time,
    });
    const missed = await core.handle(
      { command: 'brief', query: 'budapst memorandm', ...asker() },
      {},
    );
    expect(['ambiguous', 'not-found', 'found']).toContain(missed.outcome);
    await core.handle(
      {
        command: 'fact',
        query: 'what is nato, mail me at jo@example.org',
        ...asker('discord', 'U2'),
      },
      {},
    );
    await core.handle(
      {
        command: 'fact',
        query: 'What is NATO, mail me at ann@example.org!',
        ...asker('slack', 'U3'),
      },
      {},
    );
    await settle();
    const listed = await store.listUnanswered({ limit: 10 });
    const nato = listed.find((q) => q.text.startsWith('what is nato'));
    expect(nato).toMatchObject({
      text: 'what is nato mail me at [email]',
      count: 2,
      outcome: 'not-found',
    });
    expect(JSON.stringify(listed)).not.toMatch(/U2|U3|U0ASKER|example\.org/);
  });

  it('folds a question to what was asked, with anything that could name a person replaced', () => {
    expect(foldQuestion('Коли  Росія вийшла з <@U123ABC> зернової угоди?')).toBe(
      'коли росія вийшла з [mention] зернової угоди',
    );
    expect(foldQuestion('call +380 44 123 4567 or see https://x.example/a?b=1')).toBe(
      'call [number] or see [link]',
    );
    expect(foldQuestion('when was minsk ii signed in 2015')).toBe(
      'when was minsk ii signed in 2015',
    );
  });

  it('takes a report typed in the console, and answers bad ones with what to type', async () => {
    const core = createCore(knowledge, { feedback: { store, hashKey: 'k'.repeat(32) } });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let printed = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
    });
    const done = runConsole(core, {
      input: stdin,
      output: stdout,
      interactive: false,
      width: 100,
      logger: createLogger('silent'),
    });
    stdin.end(
      [
        '/report',
        '/report no-such-entry wrong',
        '/report budapest-memorandum/signed',
        '/report budapest-memorandum/signed missing source the CSCE page is gone',
        '',
      ].join('\n'),
    );
    await done;
    expect(printed).toContain('Reasons: wrong, outdated, missing-source, other.');
    expect(printed).toContain('The knowledge has no entry or fact “no-such-entry”');
    expect(printed).toContain('Why is it a problem?');
    expect(printed).toContain('Thank you: your report is with the editors');
    const [report] = await store.listReports({});
    expect(report).toMatchObject({
      entryId: 'budapest-memorandum',
      factId: 'signed',
      reason: 'missing-source',
      details: 'the CSCE page is gone',
      platform: 'console',
    });
  });
});
