import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../src/settings.ts';
import { repoRoot } from './helpers/run-script.ts';

// The image cannot be built on this machine; .ci/container-steps.sh runs its steps. These check
// that the recipe's files agree with each other and with the code.
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const dockerfile = read('Dockerfile');

interface ComposeService {
  readonly environment?: Record<string, string>;
  readonly env_file?: string;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: { test: string[] };
  readonly volumes?: string[];
}
const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService> };

describe('the container recipe', () => {
  it('runs every file the Dockerfile names, from the repository', () => {
    for (const [, file] of dockerfile.matchAll(/\b(scripts\/[\w.-]+)/g)) {
      expect(existsSync(path.join(repoRoot, file ?? ''))).toBe(true);
    }
  });

  it('runs as the unprivileged node user under tini, with a HEALTHCHECK and production dependencies only', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "scripts\/healthcheck.mjs"\]$/m);
    expect(dockerfile).toContain('npm prune --omit=dev');
    expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS build$/m);
    // The image's Node is the one the project declares.
    expect(dockerfile).toContain(`ARG NODE_VERSION=${read('.nvmrc').trim()}`);
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', 'node_modules', './data', '.git'])
      expect(ignored).toContain(entry);
  });

  it('compose gives the bot the database it waits for, in a URL the settings accept', () => {
    const { bot, db } = compose.services;
    expect(bot?.depends_on?.db?.condition).toBe('service_healthy');
    expect(db?.healthcheck?.test).toContain('pg_isready');
    const url = (bot?.environment?.DATABASE_URL ?? '').replace(
      /\$\{POSTGRES_PASSWORD[^}]*\}/,
      'example-password',
    );
    const config = parseConfig({
      DATABASE_URL: url,
      HEALTH_PORT: bot?.environment?.HEALTH_PORT,
      DISCORD_TOKEN: 'token',
      DISCORD_APPLICATION_ID: '123456789012345678',
    });
    expect(new URL(config.databaseUrl ?? '').host).toBe('db:5432');
    expect(config.healthPort).toBe(8080);
    expect(dockerfile).toContain('HEALTH_PORT=8080');
    expect(bot?.env_file).toBe('.env');
  });
});
