import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureKnowledgeDir } from '../helpers/fixture-core.ts';
import { repoRoot, runScript, type ScriptRun } from '../helpers/run-script.ts';

/*
 * The real entry point, started from a copy of the package in a temporary directory whose
 * picture assets are broken: the production path finds its fonts and boundaries from the package
 * root (src/pictures/data), so the copy is the only change, and no setting points anywhere else.
 */

/** A copy of the package: src, package.json and tsconfig, with node_modules linked. */
async function packageCopy(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'trucebrief-assets-'));
  await cp(path.join(repoRoot, 'src'), path.join(root, 'src'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) {
    await cp(path.join(repoRoot, file), path.join(root, file));
  }
  await symlink(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** `npm start` from the copy: the console, since no platform is configured. */
function start(root: string): Promise<ScriptRun> {
  return runScript(path.relative(repoRoot, path.join(root, 'src', 'main.ts')), [], {
    cwd: root,
    env: {
      KNOWLEDGE_DIR: fixtureKnowledgeDir,
      DATA_DIR: path.join(root, 'data'),
      LOG_LEVEL: 'warn',
    },
    input: '/help\n',
  });
}

/** Exit 1 with one line naming the file, and no stack trace. */
function expectNamed(run: ScriptRun, file: string, problem: string): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toEqual([`trucebrief will not start: pictures: ${file} ${problem}`]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
}

describe('npm start with a broken picture asset', () => {
  const copies: string[] = [];
  let boundaries: string;

  beforeAll(async () => {
    const copy = await packageCopy();
    copies.push(copy);
    boundaries = path.join(copy, 'src', 'pictures', 'data', 'boundaries.json');
  });
  afterAll(async () => {
    for (const copy of copies) await rm(copy, { recursive: true, force: true });
  });

  it('starts when the copy is whole, so the failures below are the assets’ alone', async () => {
    const copy = copies[0] ?? '';
    const run = await start(copy);
    expect(run.stderr).not.toContain('will not start');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/timeline');
  }, 60_000);

  it('exits 1 naming the boundaries file when it is missing', async () => {
    await rm(boundaries);
    expectNamed(await start(copies[0] ?? ''), boundaries, 'cannot be read (ENOENT)');
  }, 60_000);

  it('exits 1 naming the boundaries file when it is not JSON', async () => {
    await writeFile(boundaries, '{"units": [');
    expectNamed(await start(copies[0] ?? ''), boundaries, 'is not JSON');
  }, 60_000);

  it('exits 1 naming the font file when a shipped font is broken', async () => {
    const copy = await packageCopy();
    copies.push(copy);
    // Cut short, as a failed download or a bad merge would leave it.
    const font = path.join(copy, 'src', 'pictures', 'data', 'fonts', 'DejaVuSans.ttf');
    await writeFile(font, '<!DOCTYPE html>');
    expectNamed(await start(copy), font, 'is not a TrueType or OpenType font');
  }, 60_000);
});
