import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Core,
  createCore,
  createKnowledgeReloader,
  loadKnowledgeDir,
} from '../../../src/core/index.ts';
import { createLogger } from '../../../src/infra/logging.ts';
import { fixtureKnowledgeDir, handleInConsole } from '../../helpers/fixture-core.ts';

const ask = handleInConsole;

describe('reloading the knowledge (SIGHUP)', () => {
  let dir: string;
  let agreements: string;
  let core: Core;
  let records: Record<string, unknown>[];
  let reload: () => ReturnType<ReturnType<typeof createKnowledgeReloader>['reload']>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-reload-'));
    await cp(fixtureKnowledgeDir, dir, { recursive: true });
    agreements = path.join(dir, 'agreements.yaml');
    core = createCore(await loadKnowledgeDir(dir));
    records = [];
    const logger = createLogger('debug', (line) => {
      records.push(JSON.parse(line) as Record<string, unknown>);
    });
    const reloader = createKnowledgeReloader(core, () => loadKnowledgeDir(dir), logger);
    reload = () => reloader.reload();
  });

  const editAgreements = async (edit: (text: string) => string) =>
    writeFile(agreements, edit(await readFile(agreements, 'utf8')));

  it('answers from the edited files once reloaded, not from briefings cached before', async () => {
    expect((await ask(core, 'agreement', 'budapest')).title).toBe('Budapest Memorandum');
    await editAgreements((text) =>
      text.replace('title: Budapest Memorandum\n', 'title: Budapest Memorandum of 1994\n'),
    );
    // Not before the signal: the files are read only when asked.
    expect((await ask(core, 'agreement', 'budapest')).title).toBe('Budapest Memorandum');

    const outcome = await reload();
    expect(outcome.status).toBe('reloaded');
    expect((await ask(core, 'agreement', 'budapest')).title).toBe('Budapest Memorandum of 1994');
    expect(core.lookup('budapest').status).toBe('found');
    expect(core.knowledge.entries.find((e) => e.id === 'budapest-memorandum')?.title).toBe(
      'Budapest Memorandum of 1994',
    );
    expect(records.find((r) => r.message === 'knowledge reloaded')).toMatchObject({
      level: 'info',
      entries: core.knowledge.entries.length,
    });
  });

  it('keeps the knowledge in use when the files no longer validate, and logs where they are wrong', async () => {
    const before = core.knowledge;
    await editAgreements((text) => text.replace("signed: '1994-12-05'", 'signed: not a date'));
    const outcome = await reload();
    expect(outcome.status).toBe('kept');
    expect(core.knowledge).toBe(before);
    expect((await ask(core, 'agreement', 'budapest')).title).toBe('Budapest Memorandum');
    const failure = records.find((r) => r.level === 'error');
    expect(failure?.message).toBe(
      'knowledge reload failed; still answering from the knowledge loaded before',
    );
    expect(String(failure?.reason)).toMatch(/agreements\.yaml:\d+ .*signed/);
  });

  it('keeps the knowledge in use when the folder is gone', async () => {
    const before = core.knowledge;
    const reloader = createKnowledgeReloader(
      core,
      () => loadKnowledgeDir(path.join(dir, 'missing')),
      createLogger('silent'),
    );
    expect((await reloader.reload()).status).toBe('kept');
    expect(core.knowledge).toBe(before);
  });

  it('runs reloads one after another, the last one reading the files as they are then', async () => {
    const first = reload();
    await editAgreements((text) =>
      text.replace('title: Budapest Memorandum\n', 'title: Budapest Memorandum (edited)\n'),
    );
    const second = reload();
    await Promise.all([first, second]);
    expect((await ask(core, 'agreement', 'budapest')).title).toBe('Budapest Memorandum (edited)');
    expect(records.filter((r) => r.message === 'knowledge reloaded')).toHaveLength(2);
  });
});
