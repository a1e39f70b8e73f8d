import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = path.join(import.meta.dirname, '..', '..', 'src', 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('dependency direction', () => {
  const files = sourceFiles(coreDir);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [path.relative(coreDir, file), file]))(
    'src/core/%s imports no adapter, platform SDK or HTTP server',
    (_name, file) => {
      for (const specifier of importsOf(file)) {
        expect(specifier).not.toMatch(/adapters\//);
        expect(specifier).not.toMatch(
          /^(discord\.js|@discordjs\/|@slack\/|ws$|node:http|node:https|http$|https$)/,
        );
      }
    },
  );

  it.each(files.map((file) => [path.relative(coreDir, file), file]))(
    'src/core/%s imports no database driver and nothing from the infrastructure',
    (_name, file) => {
      for (const specifier of importsOf(file)) {
        expect(specifier).not.toMatch(/^(better-sqlite3|pg|pg-.*|postgres|sqlite3)$/);
        expect(specifier).not.toMatch(/(^|\/)infra\/|(^|\/)settings\.ts$|(^|\/)main\.ts$/);
      }
    },
  );

  it.each(files.map((file) => [path.relative(coreDir, file), file]))(
    'src/core/%s reads no environment variable: settings are parsed once, at the entry points',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/process\s*\.\s*env\b|process\s*\[\s*['"]env['"]\s*\]|loadEnvFile/);
    },
  );
});

describe('how the rest reaches the core', () => {
  const src = path.join(import.meta.dirname, '..', '..', 'src');
  const outside = [
    ...sourceFiles(path.join(src, 'adapters')),
    ...sourceFiles(path.join(src, 'infra')),
  ];

  it.each(outside.map((file) => [path.relative(src, file), file]))(
    'src/%s imports the core through its public entry only',
    (_name, file) => {
      for (const specifier of importsOf(file)) {
        if (!specifier.includes('core/')) continue;
        expect(specifier).toMatch(/core\/index\.ts$/);
      }
    },
  );

  it.each(sourceFiles(path.join(src, 'infra')).map((file) => [path.relative(src, file), file]))(
    'src/%s imports no adapter: infrastructure serves the core, not a platform',
    (_name, file) => {
      for (const specifier of importsOf(file)) expect(specifier).not.toMatch(/adapters\//);
    },
  );
});

/** Static imports only: `await import()` is how platforms and drivers load when configured. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? '',
  );
}

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticImportsOf(file)) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('start-up weight', () => {
  const src = path.join(import.meta.dirname, '..', '..', 'src');
  it.each(['main.ts', 'cli.ts', 'adapters/console/adapter.ts'])(
    'src/%s loads no platform SDK or database driver until one is configured',
    (entry) => {
      const { files, packages } = staticGraph(path.join(src, entry));
      expect(files.size).toBeGreaterThan(3);
      for (const name of packages) {
        expect(name).not.toMatch(/^(discord\.js|@discordjs\/|@slack\/|ws|better-sqlite3|pg)$/);
      }
    },
  );
});
