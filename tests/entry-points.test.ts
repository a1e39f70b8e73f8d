import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureKnowledgeDir } from './helpers/fixture-core.ts';
import { runScript } from './helpers/run-script.ts';

const env = { KNOWLEDGE_DIR: fixtureKnowledgeDir, LOG_LEVEL: 'silent' };

describe('npm start (console)', () => {
  it('with stdin piped, answers each line and exits 0 at end of input', async () => {
    const run = await runScript('src/main.ts', [], { input: '/brief\n/agreement budapest\n', env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The obstacles to a Kyiv-Moscow truce');
    expect(run.stdout).toContain('Signed: 5 December 1994, Budapest, Hungary');
  });

  it('with no platform and no input, says what happened and how to configure one, and exits 1', async () => {
    const run = await runScript('src/main.ts', [], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('trucebrief has nothing to do: no platform is configured');
    expect(run.stderr).toContain('DISCORD_TOKEN with DISCORD_APPLICATION_ID');
  });

  it('refuses to start on invalid knowledge and prints the report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-bad-'));
    writeFileSync(
      path.join(dir, 'places.yaml'),
      "places:\n  - id: crimea\n    title: Crimea\n    summary: S.\n    body: B.\n    sources: [nowhere]\n    reviewed: 'soon'\n",
    );
    const run = await runScript('src/main.ts', [], { env: { ...env, KNOWLEDGE_DIR: dir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'places.yaml:7 places[0].reviewed: expected a date like 1994-12-05',
    );
    expect(run.stdout).toBe('');
  });

  it('reads settings from a .env file in the working directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-dotenv-'));
    writeFileSync(path.join(dir, '.env'), 'DISCORD_TOKEN=token-from-dotenv\n');
    const run = await runScript('src/main.ts', [], { env, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DISCORD_APPLICATION_ID: required when Discord is configured');
    expect(run.stderr).not.toContain('token-from-dotenv');
  });

  it('given two webhook URLs separated by a space, prints neither URL nor token anywhere', async () => {
    const run = await runScript('src/main.ts', [], {
      env: {
        ...env,
        DAILY_WEBHOOK_URLS:
          'https://hooks.slack.com/services/T0/B0/firstSecret https://discord.com/api/webhooks/1/secondSecret',
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DAILY_WEBHOOK_URLS entry 1: word 2 looks like a second URL');
    for (const output of [run.stdout, run.stderr]) {
      expect(output).not.toContain('Secret');
      expect(output).not.toContain('hooks.slack.com');
      expect(output).not.toContain('discord.com');
    }
  });

  it('refuses to start on a bad setting, naming it and not its value', async () => {
    const run = await runScript('src/main.ts', [], {
      env: { ...env, DISCORD_TOKEN: 'top-secret-token' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(run.stderr).not.toContain('top-secret-token');
  });
});

describe('cli lookup --json', () => {
  it('given a query argument, prints exactly one JSON object', async () => {
    const run = await runScript('src/cli.ts', ['lookup', '--json', 'when was minsk 2 signed'], {
      env,
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed: unknown = JSON.parse(lines[0] ?? '');
    expect(parsed).toEqual({
      query: 'when was minsk 2 signed',
      match: { id: 'minsk-ii', kind: 'agreement', title: 'Minsk II', score: expect.any(Number) },
      fact: {
        id: 'minsk-ii/signed',
        statement: expect.stringMatching(/^Signed in Minsk/),
        date: '2015-02-12',
        source: expect.any(String),
      },
      confidence: expect.any(Number),
      yes: null,
      answer: expect.stringMatching(/^12 February 2015: Signed in Minsk/),
      alternatives: [],
      closestFacts: [],
    });
  });

  it('given queries on stdin, prints one JSON object a line in input order', async () => {
    const run = await runScript('src/cli.ts', ['lookup', '--json'], {
      env,
      input: 'budapest memorandum\npizza recipe\nminsk\n',
    });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            query: string;
            match: { id: string } | null;
            alternatives: { id: string }[];
          },
      );
    expect(lines.map((line) => line.query)).toEqual([
      'budapest memorandum',
      'pizza recipe',
      'minsk',
    ]);
    expect(lines[0]?.match?.id).toBe('budapest-memorandum');
    expect(lines[1]?.match).toBeNull();
    expect(lines[2]?.match).toBeNull();
    expect(lines[2]?.alternatives.map((a) => a.id).sort()).toEqual(['minsk-ii', 'minsk-protocol']);
  });

  it('given no verb, prints usage on stderr and exits 2', async () => {
    const run = await runScript('src/cli.ts', [], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage:');
  });
});
