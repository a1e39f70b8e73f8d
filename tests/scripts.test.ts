import { describe, expect, it } from 'vitest';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { runScript } from './helpers/run-script.ts';

const env = { KNOWLEDGE_DIR: fixtureKnowledgeDir, LOG_LEVEL: 'silent' };

/** Every script a person runs, with the first words of its usage. */
const scripts = [
  { script: 'src/cli.ts', args: ['lookup'], usage: 'usage: npm run -s cli -- lookup' },
  { script: 'src/knowledge-check.ts', args: [], usage: 'usage: npm run knowledge:check' },
  { script: 'scripts/discord-register.ts', args: [], usage: 'usage: npm run discord:register' },
  { script: 'scripts/slack-manifest.ts', args: [], usage: 'usage: npm run slack:manifest' },
  { script: 'scripts/add-fact-ids.ts', args: [], usage: 'usage: tsx scripts/add-fact-ids.ts' },
  { script: 'eval/run.ts', args: [], usage: 'usage: npm run eval' },
  { script: 'eval/fit.ts', args: ['ranking'], usage: 'usage: tsx eval/fit.ts' },
  { script: 'bench/run.ts', args: [], usage: 'usage: npm run bench' },
];

describe.each(scripts)('$script', ({ script, args, usage }) => {
  it.concurrent('given --help, prints the usage on stdout, does nothing else and exits 0', async () => {
    const run = await runScript(script, [...args, '--help'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(usage)).toBe(true);
    expect(run.stderr).toBe('');
  });

  it.concurrent('given an unknown option, names it with the usage on stderr and exits 2', async () => {
    const run = await runScript(script, [...args, '--frobnicate'], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("'--frobnicate'");
    expect(run.stderr).toContain(usage);
  });
});

describe('cli lookup', () => {
  it('given -- before --help, looks the text up instead of showing the help', async () => {
    const run = await runScript('src/cli.ts', ['lookup', '--json', '--', '--help'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ query: '--help' });
  });
});
