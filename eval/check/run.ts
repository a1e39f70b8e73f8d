/**
 * `npm run eval` (after the lookup's): scores the claim checker on eval/check/messages-*.yaml, chat
 * messages with the verdict the knowledge supports for each claim. Reports, per set: the precision
 * of "the record says" (a false correction is worse than silence), recall (claims given the right
 * verdict), abstention (claims not judged) and false corrections. `--misses` lists the dev set's
 * misses; the holdout's stay unseen unless `--show-holdout`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createCore, loadKnowledgeDir } from '../../src/core/index.ts';
import { exitWithUsage, parseScriptArgs } from '../../src/script-args.ts';

const usage = `usage: npm run eval:check -- [--set dev|holdout|all] [--misses] [--show-holdout] [--json]`;
const { values: options } = parseScriptArgs(usage, {
  options: {
    set: { type: 'string', default: 'all' },
    misses: { type: 'boolean', default: false },
    'show-holdout': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (!['dev', 'holdout', 'all'].includes(options.set))
  exitWithUsage(usage, '--set must be dev, holdout or all');

const claimSchema = z.strictObject({
  entry: z.string(),
  about: z.enum([
    'signed',
    'signatories',
    'ratified',
    'in-force',
    'ended',
    'annexed',
    'date',
    'vote',
  ]),
  verdict: z.enum(['matches', 'differs', 'unknown']),
  /** The same point as another entry records it (`entry/about`): either key counts. */
  also: z.string().optional(),
});
const fileSchema = z.strictObject({
  messages: z.array(z.strictObject({ text: z.string(), claims: z.array(claimSchema) })),
});

const repoDir = path.join(import.meta.dirname, '..', '..');
const knowledge = await loadKnowledgeDir(path.join(repoDir, 'knowledge'));
const core = createCore(knowledge);
// The lookup index builds its question-reading half on first use; time the checker, not that.
core.check('Minsk II was signed in 2015');

/** The scores of one set. */
interface Score {
  messages: number;
  expected: number;
  right: number;
  abstained: number;
  wrongVerdict: number;
  corrections: number;
  rightCorrections: number;
  falseCorrections: number;
  extraMatches: number;
  slowestMs: number;
}

const report: Record<string, Score> = {};
const misses: string[] = [];
for (const set of ['dev', 'holdout'] as const) {
  if (options.set !== 'all' && options.set !== set) continue;
  const file = path.join(import.meta.dirname, `messages-${set}.yaml`);
  const { messages } = fileSchema.parse(parse(readFileSync(file, 'utf8')));
  const score: Score = {
    messages: messages.length,
    expected: 0,
    right: 0,
    abstained: 0,
    wrongVerdict: 0,
    corrections: 0,
    rightCorrections: 0,
    falseCorrections: 0,
    extraMatches: 0,
    slowestMs: 0,
  };
  for (const message of messages) {
    for (const expected of message.claims) {
      if (!knowledge.byId.has(expected.entry))
        throw new Error(`${file}: no entry ${expected.entry}`);
    }
    const started = performance.now();
    const result = core.check(message.text);
    score.slowestMs = Math.max(score.slowestMs, performance.now() - started);
    const got = new Map(result.claims.map((c) => [`${c.entry.id}/${c.about}`, c.verdict]));
    // A claim two entries record ("annexed Crimea in 2014": Crimea's annexation fact, and the
    // annexation's own date) is found under either key.
    const keyOf = (c: (typeof message.claims)[number]) =>
      c.also && !got.has(`${c.entry}/${c.about}`) && got.has(c.also)
        ? c.also
        : `${c.entry}/${c.about}`;
    const want = new Map(message.claims.map((c) => [keyOf(c), c.verdict]));
    const show = set === 'dev' || options['show-holdout'];
    for (const [key, verdict] of want) {
      score.expected++;
      const given = got.get(key);
      if (given === verdict) score.right++;
      else if (given === undefined) score.abstained++;
      else score.wrongVerdict++;
      if (given !== verdict && show)
        misses.push(
          `${set}: ${message.text}\n    ${key}: want ${verdict}, got ${given ?? 'not judged'}`,
        );
    }
    for (const [key, verdict] of got) {
      if (verdict === 'differs') {
        score.corrections++;
        if (want.get(key) === 'differs') score.rightCorrections++;
        else {
          score.falseCorrections++;
          if (show && !want.has(key))
            misses.push(`${set}: ${message.text}\n    ${key}: FALSE CORRECTION (not expected)`);
        }
      } else if (!want.has(key)) {
        score.extraMatches++;
        if (show && options.misses)
          misses.push(`${set}: ${message.text}\n    ${key}: judged ${verdict} (not listed)`);
      }
    }
  }
  report[set] = score;
}

const percent = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
if (options.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log('Claim checker (eval/check): precision of "the record says", recall, abstention');
  for (const [set, s] of Object.entries(report)) {
    console.log(
      `  ${set.padEnd(8)} ${String(s.messages).padStart(3)} messages, ${s.expected} claims: ` +
        `precision ${percent(s.rightCorrections, s.corrections)} (${s.rightCorrections}/${s.corrections}), ` +
        `recall ${percent(s.right, s.expected)}, abstained ${percent(s.abstained, s.expected)}, ` +
        `wrong verdict ${s.wrongVerdict}, false corrections ${s.falseCorrections}, ` +
        `slowest ${s.slowestMs.toFixed(1)} ms`,
    );
  }
  console.log('  targets: precision >= 98%, recall >= 85%');
  if (options.misses) for (const miss of misses) console.log(miss);
}
