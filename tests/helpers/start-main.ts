import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureKnowledgeDir } from './fixture-core.ts';
import { repoRoot } from './run-script.ts';

/** A bot process started by `startMain`, and every line it has logged so far. */
export interface RunningMain {
  readonly child: ChildProcess;
  readonly logs: string[];
}

/**
 * Starts `src/main.ts` (as `npm start` runs the bot) on the fixture knowledge and a fresh
 * DATA_DIR, with `env` on top of a minimal environment; resolves once its daily scheduler runs,
 * the last step of start-up, and rejects with its log if it exits first.
 */
export async function startMain(env: Readonly<Record<string, string>>): Promise<RunningMain> {
  const logs: string[] = [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        KNOWLEDGE_DIR: fixtureKnowledgeDir,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'trucebrief-main-')),
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (logs.join('').includes('daily scheduler started')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the bot exited with ${code}:\n${logs.join('')}`));
    });
  });
  return { child, logs };
}
