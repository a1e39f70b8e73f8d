import type { Core } from '../core.ts';
import type { Logger } from '../logger.ts';
import { KnowledgeError } from './errors.ts';
import type { Knowledge } from './validate.ts';

/** What a reload came to: the new knowledge in use, or the old one kept and why. */
export type ReloadOutcome =
  | { readonly status: 'reloaded'; readonly knowledge: Knowledge; readonly previous: Knowledge }
  | { readonly status: 'kept'; readonly error: unknown };

/** Reloads the knowledge into a core, one reload at a time (SIGHUP in main.ts). */
export interface KnowledgeReloader {
  /**
   * Loads and validates with `load`, then swaps the result into the core; on any failure the
   * core keeps what it had and the reason is logged. A call made while a reload runs waits for
   * it and then loads again, so the files' latest state is what ends up in use.
   */
  reload(): Promise<ReloadOutcome>;
}

/**
 * `load` is the same function start-up loads with, so every load, first or later, goes one way
 * and validates the same.
 */
export function createKnowledgeReloader(
  core: Core,
  load: () => Promise<Knowledge>,
  logger: Logger,
): KnowledgeReloader {
  let running: Promise<ReloadOutcome> = Promise.resolve({ status: 'kept', error: undefined });
  const once = async (): Promise<ReloadOutcome> => {
    const previous = core.knowledge;
    try {
      const knowledge = await load();
      core.replaceKnowledge(knowledge);
      logger.info('knowledge reloaded', {
        entries: knowledge.entries.length,
        previousEntries: previous.entries.length,
      });
      return { status: 'reloaded', knowledge, previous };
    } catch (error) {
      // Invalid files say what is wrong in `file:line path: message` lines; other failures
      // (a directory that vanished) carry their error.
      logger.error('knowledge reload failed; still answering from the knowledge loaded before', {
        ...(error instanceof KnowledgeError
          ? { problems: error.problems.length, reason: error.message }
          : { error }),
      });
      return { status: 'kept', error };
    }
  };
  return {
    reload() {
      running = running.then(once);
      return running;
    },
  };
}
