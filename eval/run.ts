/**
 * `npm run eval`: scores question answering on eval/questions/*.yaml, written as people type in chat,
 * each question with the id of the fact that answers it (or none). Reports, per set, language and
 * question form: accuracy on answerable questions, the rate of confident wrong answers, and how
 * often unanswerable questions were (rightly) not answered. Then the older entry-lookup set,
 * eval/queries.yaml. `--misses` lists what went wrong on the dev set (never the holdout's questions,
 * which stay unseen while tuning); `--set holdout` scores only the holdout.
 */
import path from 'node:path';
import { createCore, type LookupResult, loadKnowledgeDir } from '../src/core/index.ts';
import { exitWithUsage, parseScriptArgs } from '../src/script-args.ts';
import {
  answersRightly,
  type EvalQuestion,
  loadQuestions,
  repoDir,
  statements,
} from './questions.ts';

const usage = `usage: npm run eval -- [--set dev|holdout|all] [--misses] [--show-holdout] [--json]
  --set           which questions to score (default: all, each set reported apart)
  --misses        list the dev set's misses (wrong answers and abstentions)
  --show-holdout  also list the holdout's misses (only once tuning is over)
  --json          print the scores as JSON
  --trace         with each listed miss, how the question was read and its facts ranked`;

const { values: options } = parseScriptArgs(usage, {
  options: {
    set: { type: 'string', default: 'all' },
    misses: { type: 'boolean', default: false },
    'show-holdout': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});
if (!['dev', 'holdout', 'all'].includes(options.set)) {
  exitWithUsage(usage, '--set must be dev, holdout or all');
}

const { files, questions } = loadQuestions();
const knowledge = await loadKnowledgeDir(path.join(repoDir, 'knowledge'));
const core = createCore(knowledge);
const statementOf = statements(knowledge);

type Outcome = 'right' | 'wrong' | 'abstained' | 'unanswered-right' | 'unanswered-wrong';
interface Tally {
  answerable: number;
  right: number;
  wrong: number;
  unanswerable: number;
  declined: number;
  /** Answerable questions whose reply leads with a right fact: the answer, or the first offered when not sure. */
  led: number;
}
const tallies = new Map<string, Tally>();
const tally = (key: string): Tally => {
  let t = tallies.get(key);
  if (!t) {
    t = { answerable: 0, right: 0, wrong: 0, unanswerable: 0, declined: 0, led: 0 };
    tallies.set(key, t);
  }
  return t;
};
const misses: string[] = [];

function judge(q: EvalQuestion, result: LookupResult): Outcome {
  const answered = result.status === 'found' && result.fact !== undefined;
  // Typing a name asks for the entry, whichever fact the set names for it.
  const entry = q.entry ?? (q.form === 'name' ? q.fact?.split('/')[0] : undefined);
  if (entry !== undefined) {
    if (result.status !== 'found') return 'abstained';
    return result.entry.id === entry ? 'right' : 'wrong';
  }
  if (q.fact === null || q.fact === undefined)
    return answered ? 'unanswered-wrong' : 'unanswered-right';
  if (!answered || result.status !== 'found') return 'abstained';
  const ok = answersRightly(q, result.factId ?? '', statementOf);
  if (!ok) return 'wrong';
  if (
    q.form === 'yesno' &&
    q.answer &&
    result.yes !== undefined &&
    result.yes !== (q.answer === 'yes')
  )
    return 'wrong';
  return 'right';
}

/** Whether a reply that is not sure offers a right fact first (or, for a name, the entry asked). */
function offersRightFirst(q: EvalQuestion, result: LookupResult): boolean {
  const entry = q.entry ?? (q.form === 'name' ? q.fact?.split('/')[0] : undefined);
  if (entry !== undefined) {
    const first = result.status === 'ambiguous' ? result.candidates[0] : undefined;
    return first?.entry.id === entry;
  }
  const [first] = result.suggestedFacts;
  return (
    first !== undefined && answersRightly(q, `${first.entry.id}/${first.fact.id}`, statementOf)
  );
}

function describe(result: LookupResult): string {
  switch (result.status) {
    case 'found':
      return result.fact
        ? `${result.factId}${result.yes === undefined ? '' : result.yes ? ' (yes)' : ' (no)'} @${result.confidence}`
        : `${result.entry.id} (no fact) @${result.confidence}`;
    case 'ambiguous':
      return `ambiguous: ${result.candidates.map((c) => c.entry.id).join(', ')}`;
    case 'not-found':
      return `not found${result.beyondCoverage ? ` (beyond ${result.beyondCoverage})` : ''}${result.suggestedFacts.length ? `; closest ${result.suggestedFacts.map((c) => `${c.entry.id}/${c.fact.id}`).join(', ')}` : ''}`;
  }
}

for (const q of questions) {
  if (options.set !== 'all' && q.set !== options.set) continue;
  const traced: string[] = [];
  const result = core.lookup(
    q.q,
    options.trace
      ? {
          inspect: ({ question, ranked, evidence, confidence }) => {
            const read = question.tokens.map(
              (t, i) => `${t.folded}/${t.stem}:${question.roles[i]}`,
            );
            traced.push(
              `${read.join(' ')} forms=${[...question.forms]} topics=${[...question.topics]}`,
            );
            for (const r of ranked.slice(0, 4)) {
              const features = Object.entries(r.features)
                .filter(([, value]) => value !== 0)
                .map(([name, value]) => `${name}=${Number(value.toFixed(2))}`);
              traced.push(
                `  ${r.indexed.entry.id}/${r.indexed.fact.id} score=${r.score.toFixed(2)} ${features.join(' ')}`,
              );
            }
            traced.push(`  confidence ${confidence} evidence ${JSON.stringify(evidence)}`);
          },
        }
      : {},
  );
  const outcome = judge(q, result);
  const led = outcome === 'right' || (outcome === 'abstained' && offersRightFirst(q, result));
  // Each file apart too: a file written after the tuning (fresh-*.yaml) is the honest measure.
  const file = `${q.set} file:${q.file.replace(/\.yaml$/, '')}`;
  for (const key of [q.set, `${q.set} lang:${q.lang}`, `${q.set} form:${q.form}`, file]) {
    const t = tally(key);
    if (outcome === 'unanswered-right' || outcome === 'unanswered-wrong') {
      t.unanswerable++;
      if (outcome === 'unanswered-right') t.declined++;
      else t.wrong++;
    } else {
      t.answerable++;
      if (led) t.led++;
      if (outcome === 'right') t.right++;
      if (outcome === 'wrong') t.wrong++;
    }
  }
  const show = q.set === 'dev' ? options.misses : options['show-holdout'];
  if (show && outcome !== 'right' && outcome !== 'unanswered-right') {
    const expected = q.entry
      ? `entry ${q.entry}`
      : q.fact
        ? `${q.fact}${q.answer ? ` (${q.answer})` : ''}`
        : 'no answer';
    misses.push(
      `  [${q.set} ${q.lang} ${q.form}] ${outcome.padEnd(16)} ${JSON.stringify(q.q)}\n      expected ${expected}; got ${describe(result)}${traced.map((line) => `\n      ${line}`).join('')}`,
    );
  }
}

const pct = (n: number, d: number) =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
const rows = [...tallies].sort((a, b) => a[0].localeCompare(b[0]));
if (options.json) {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
} else {
  console.log(
    `question answering: ${questions.length} questions in eval/questions (${files.join(', ')})`,
  );
  console.log(
    '  accuracy = right fact on answerable; confident wrong = answered with a wrong fact (share of all);\n  declined = unanswerable questions not answered; led = answerable questions whose reply leads with\n  a right fact (the answer, or the first fact offered when not sure)',
  );
  console.log(`  ${'group'.padEnd(22)} accuracy         confident wrong   declined          led`);
  for (const [key, t] of rows) {
    const all = t.answerable + t.unanswerable;
    console.log(
      `  ${key.padEnd(22)} ${pct(t.right, t.answerable)} (${t.right}/${t.answerable})`.padEnd(44) +
        `${pct(t.wrong, all)} (${t.wrong}/${all})`.padEnd(18) +
        `${pct(t.declined, t.unanswerable)} (${t.declined}/${t.unanswerable})`.padEnd(18) +
        `${pct(t.led, t.answerable)} (${t.led}/${t.answerable})`,
    );
  }
  if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
}
