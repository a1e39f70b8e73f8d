import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { repoRoot } from './helpers/run-script.ts';

const run = promisify(execFile);
// Inside the repository, as dist/ is: the bundle finds its packages in node_modules from there.
const scratch = mkdtempSync(path.join(repoRoot, '.build-test-'));
const outdir = path.join(scratch, 'dist');
const build = () =>
  run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), outdir], { cwd: repoRoot });

/** Every module the file loads before running, following static imports (not `import()`). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, specifier = ''] of code.matchAll(
    /^import\s+(?:[^'"]*?\s+from\s+)?"([^"]+)";?$/gms,
  )) {
    if (specifier.startsWith('.')) staticImports(path.join(path.dirname(file), specifier), seen);
    else seen.add(specifier);
  }
  return seen;
}

describe('the build npm start runs first (scripts/build.mjs)', () => {
  beforeAll(async () => {
    await build();
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Runs the compiled bot in the console with one command; its output. */
  const answer = (command: string, dataDir: string) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [path.join(outdir, 'main.js')],
        {
          cwd: repoRoot,
          env: {
            PATH: process.env.PATH ?? '',
            KNOWLEDGE_DIR: fixtureKnowledgeDir,
            DATA_DIR: dataDir,
            LOG_LEVEL: 'silent',
          },
        },
        (error, out) => (error ? reject(error) : resolve(out)),
      );
      child.stdin?.end(`${command}\n`);
    });

  it('compiles a bot that runs on plain node and answers a command', async () => {
    const stdout = await answer(
      '/agreement budapest',
      mkdtempSync(path.join(tmpdir(), 'trucebrief-data-')),
    );
    expect(stdout).toContain('Signed: 5 December 1994, Budapest, Hungary');
  });

  it('keeps a start-up snapshot in DATA_DIR that the next start answers from alike', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trucebrief-data-'));
    const first = await answer('/fact when was the budapest memorandum signed', dataDir);
    const snapshot = path.join(dataDir, 'knowledge-snapshot.bin');
    const written = statSync(snapshot).mtimeMs;
    const second = await answer('/fact when was the budapest memorandum signed', dataDir);
    expect(second).toBe(first);
    expect(second).toContain('5 December 1994');
    // Read, not rewritten: the second start found its key (this build, this knowledge) there.
    expect(statSync(snapshot).mtimeMs).toBe(written);
  });

  it("leaves out zod's translations, which the bot never reads", () => {
    const chunks = path.join(outdir, 'chunks');
    const code = readdirSync(chunks)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(path.join(chunks, name), 'utf8'))
      .join('\n');
    expect(code).toContain('node_modules/zod/v4/locales/en.js');
    expect(code).not.toContain('node_modules/zod/v4/locales/de.js');
  });

  it('compiles the lookup CLI too', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(outdir, 'cli.js'), 'lookup', '--json', 'budapest memorandum'],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: fixtureKnowledgeDir } },
    );
    expect(JSON.parse(stdout).match.title).toBe('Budapest Memorandum');
  });

  it('loads no platform SDK, storage driver or metrics library until one is configured', () => {
    // The entry checks the Node version, then imports the bot's own module: start from there.
    const entry = readFileSync(path.join(outdir, 'main.js'), 'utf8');
    const bot = /await import\("(\.\/chunks\/main-[^"]+)"\)/.exec(entry)?.[1] ?? 'missing';
    const loaded = staticImports(path.join(outdir, bot));
    for (const library of ['@slack/bolt', 'discord.js', 'better-sqlite3', 'pg', 'prom-client']) {
      expect(loaded).not.toContain(library);
    }
    // The check is not empty: it follows the imports every start needs (the console's readline).
    expect(loaded).toContain('node:readline');
  });

  it('leaves an up-to-date build alone', async () => {
    const before = statSync(path.join(outdir, 'main.js')).mtimeMs;
    await build();
    expect(statSync(path.join(outdir, 'main.js')).mtimeMs).toBe(before);
  });
});
