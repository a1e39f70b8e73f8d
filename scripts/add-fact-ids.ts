/**
 * One-off: gives every fact in knowledge/*.yaml an `id` (unique within its entry), written into the
 * YAML text itself so formatting and comments stay as they are. Kept for files written before ids.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { contentWords, normalize } from '../src/core/lookup/normalize.ts';
import { exitWithUsage, parseScriptArgs } from '../src/script-args.ts';

const usage = `usage: tsx scripts/add-fact-ids.ts [DIR]
  gives every fact in DIR/*.yaml (default: knowledge) an id, editing the files in place`;
const { positionals } = parseScriptArgs(usage, { options: {}, positionals: true });
if (positionals.length > 1) exitWithUsage(usage, 'Give at most one directory.');
const dir = positionals[0] ?? 'knowledge';
for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
  const file = path.join(dir, name);
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const inserts: { at: number; text: string }[] = [];
  if (!isMap(doc.contents)) continue;
  for (const section of doc.contents.items) {
    if (!isSeq(section.value)) continue;
    for (const entry of section.value.items) {
      if (!isMap(entry)) continue;
      const facts = entry.get('facts');
      if (!isSeq(facts)) continue;
      const title = String(entry.get('title') ?? '');
      const nameWords = new Set(normalize(title).split(' '));
      const taken = new Set<string>();
      const maps = facts.items.filter(isMap) as YAMLMap[];
      for (const fact of maps) if (fact.has('id')) taken.add(String(fact.get('id')));
      const topicCount = new Map<string, number>();
      for (const fact of maps) {
        const topic = String(fact.get('topic') ?? 'fact');
        topicCount.set(topic, (topicCount.get(topic) ?? 0) + 1);
      }
      for (const fact of maps) {
        if (fact.has('id')) continue;
        const topic = String(fact.get('topic') ?? 'fact');
        const words = contentWords(normalize(String(fact.get('statement') ?? '')))
          .filter((w) => !nameWords.has(w) && w.length > 2)
          .slice(0, 3);
        let id =
          topicCount.get(topic) === 1 && topic !== 'fact' ? topic : [topic, ...words].join('-');
        id = id.slice(0, 48).replace(/-+$/, '');
        let n = 2;
        const base = id;
        while (taken.has(id)) id = `${base}-${n++}`;
        taken.add(id);
        const start = fact.range?.[0] ?? 0;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const indent = ' '.repeat(start - lineStart);
        if (fact.flow) inserts.push({ at: start + 1, text: ` id: ${id},` });
        else inserts.push({ at: start, text: `id: ${id}\n${indent}` });
      }
    }
  }
  if (inserts.length === 0) continue;
  let out = text;
  for (const { at, text: add } of inserts.sort((a, b) => b.at - a.at))
    out = out.slice(0, at) + add + out.slice(at);
  writeFileSync(file, out);
  console.log(`${file}: ${inserts.length} ids`);
}
