/** `npm run knowledge:check`: validates the knowledge files and prints every problem as file:line path: message. */
import './require-node.ts';
import { KnowledgeError } from './core/knowledge/errors.ts';
import { loadKnowledgeDir } from './core/knowledge/load.ts';
import { exitWithUsage, parseScriptArgs } from './script-args.ts';

const usage = `usage: npm run knowledge:check [-- DIR]
  validates every *.yaml in DIR (default: KNOWLEDGE_DIR, else ./knowledge)`;
const { positionals } = parseScriptArgs(usage, { options: {}, positionals: true });
if (positionals.length > 1) exitWithUsage(usage, 'Give at most one directory.');
const dir = positionals[0] ?? process.env.KNOWLEDGE_DIR ?? './knowledge';
try {
  const knowledge = await loadKnowledgeDir(dir);
  const counts = new Map<string, number>();
  for (const entry of knowledge.entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
  const facts = knowledge.entries.reduce((sum, entry) => sum + entry.facts.length, 0);
  const summary = [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
  console.log(
    `${dir}: valid (${summary}, ${facts} facts, ${knowledge.sources.size} sources; as of ${knowledge.meta.asOf})`,
  );
} catch (error) {
  if (error instanceof KnowledgeError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
