/**
 * `npm run eval`: scores lookup on eval/queries.yaml with the real knowledge: top-1 accuracy on
 * on-topic queries, fact answers on questions, and the not-found rate on off-topic queries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createCore, loadKnowledgeDir } from '../src/core/index.ts';

const caseSchema = z.strictObject({
  group: z.string(),
  query: z.string(),
  expect: z.string().nullable(),
  fact: z.string().optional(),
});

const repo = path.join(import.meta.dirname, '..');
const file = process.argv[2] ?? path.join(repo, 'eval', 'queries.yaml');
const cases = z.array(caseSchema).parse(parse(readFileSync(file, 'utf8')));
const core = createCore(await loadKnowledgeDir(path.join(repo, 'knowledge')));

const byGroup = new Map<string, { pass: number; total: number }>();
const failures: string[] = [];
let onTopic = 0;
let top1 = 0;
let questions = 0;
let answered = 0;
let offTopic = 0;
let rejected = 0;

for (const c of cases) {
  const result = core.lookup(c.query);
  const got = result.status === 'found' ? result.entry.id : null;
  let pass = got === c.expect;
  if (c.expect === null) {
    offTopic++;
    if (pass) rejected++;
  } else {
    onTopic++;
    if (pass) top1++;
  }
  if (c.fact !== undefined) {
    questions++;
    const statement = result.status === 'found' ? (result.fact?.statement ?? '') : '';
    const factOk = pass && statement.includes(c.fact);
    if (factOk) answered++;
    pass = factOk;
  }
  const tally = byGroup.get(c.group) ?? { pass: 0, total: 0 };
  tally.total++;
  if (pass) tally.pass++;
  byGroup.set(c.group, tally);
  if (!pass) {
    const detail =
      result.status === 'found'
        ? `${result.entry.id}: ${result.fact?.statement ?? '(no fact)'}`
        : result.status;
    failures.push(
      `  ${c.group.padEnd(16)} ${JSON.stringify(c.query)} expected ${c.expect ?? 'not found'}${c.fact ? ` with "${c.fact}"` : ''}, got ${detail}`,
    );
  }
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}% (${n}/${d})`;
console.log(`lookup evaluation: ${cases.length} queries from ${path.relative(repo, file)}`);
console.log(`  top-1 accuracy (on-topic):   ${pct(top1, onTopic)}`);
console.log(`  fact answers (questions):    ${pct(answered, questions)}`);
console.log(`  not found (off-topic):       ${pct(rejected, offTopic)}`);
console.log('by group:');
for (const [group, tally] of byGroup)
  console.log(`  ${group.padEnd(16)} ${pct(tally.pass, tally.total)}`);
if (failures.length > 0) console.log(`misses:\n${failures.join('\n')}`);
