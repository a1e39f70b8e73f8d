import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the repository lives, so scripts run from its root as `npm start` would. */
export const repoRoot = path.join(import.meta.dirname, '..', '..');

/** tsx's loader by absolute URL, so scripts can run from another working directory. */
const tsxLoader = pathToFileURL(
  path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

/** What a script printed and how it exited. */
export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of our entry points in a child Node process (through tsx, as npm scripts do), feeding
 * `input` on stdin. The environment is minimal so no developer setting leaks into a test.
 */
export function runScript(
  script: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', tsxLoader, path.join(repoRoot, script), ...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
