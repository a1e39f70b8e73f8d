import path from 'node:path';
import {
  type Briefing,
  type Core,
  createCore,
  type Knowledge,
  loadKnowledgeDir,
} from '../../src/core/index.ts';

/** The small, hand-checked knowledge base the core tests run against. */
export const fixtureKnowledgeDir = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge');

let cached: Promise<Knowledge> | undefined;

/** Loads the fixture knowledge once per test file. */
export function fixtureKnowledge(): Promise<Knowledge> {
  cached ??= loadKnowledgeDir(fixtureKnowledgeDir);
  return cached;
}

/** A command typed in the console, through `Core.handle` as every platform's commands go. */
export function handleInConsole(core: Core, command: string, query: string): Promise<Briefing> {
  return core.handle(
    { command, query, user: { id: 'U1' }, channel: { id: 'C1' }, platform: 'console' },
    {},
  );
}

/** A real core over the fixture knowledge. */
export async function fixtureCore(): Promise<Core> {
  return createCore(await fixtureKnowledge());
}
