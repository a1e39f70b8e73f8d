import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from '../core/index.ts';

/** A watch on the knowledge directory. */
export interface KnowledgeWatch {
  close(): Promise<void>;
}

/**
 * Calls `reload` when a knowledge file is added, changed or removed (KNOWLEDGE_WATCH), once the
 * files have been quiet for `settleMs`: an editor saving several files, or a git checkout, is one
 * reload, not one per file. A reload running when more changes come is followed by one more.
 */
export function watchKnowledge(
  dir: string,
  reload: () => Promise<void>,
  logger: Logger,
  settleMs = 500,
): KnowledgeWatch {
  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 },
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = reload()
      .catch((error: unknown) => logger.error('knowledge reload failed', { error }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  watcher.on('all', (_event, file) => {
    if (!/\.ya?ml$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(run, settleMs);
  });
  watcher.on('error', (error) => logger.warn('knowledge watch error', { error }));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
