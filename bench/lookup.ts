// Lookup: accuracy and latency of the project's lookup beside two baselines configured as their
// users would for finding an entry by name, over the same entries and queries:
// - fuse.js over titles, aliases and keywords (weighted 3/2/1), ignoreLocation, threshold 0.4
//   (stricter than its default 0.6, which lets nearly anything match a short name);
// - MiniSearch over the same fields (boosted alike), fuzzy 0.2 and prefix search.
// Accuracy is measured on generated variants of every entry's names (typos, reordered words,
// transliterations; bench/queries.ts, seeded, written without looking at results), latency on the
// evaluation questions as people type them. Then the same at 10x the knowledge (generated entries).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { parse, stringify } from 'yaml';
import { type Core, createCore, type Entry, loadKnowledgeDir } from '../src/core/index.ts';
import { type NameVariant, nameVariants, seededRandom } from './queries.ts';
import { fixed, type Summary, summarise, timeMicros } from './stats.ts';

const repo = path.join(import.meta.dirname, '..');
const knowledgeDir = path.join(repo, 'knowledge');
const variantSeed = 1994;
const scaleFactor = 10;

/** Every distinct question of the evaluation sets, in file order. */
function evaluationQuestions(): string[] {
  const dir = path.join(repo, 'eval', 'questions');
  const questions = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => parse(readFileSync(path.join(dir, name), 'utf8')) as { q: string }[])
    .map((c) => c.q);
  return [...new Set(questions)];
}

/**
 * The query mix for latency: every third distinct question of the evaluation sets (names, typos,
 * transliterations, English, Ukrainian and Russian questions, off-topic), so no answer is a cache
 * hit of another. Every third: enough for stable percentiles, and short enough for fuse.js, which
 * takes a tenth of a second on a whole question (its bitap search is made for names).
 */
export function queryMix(): string[] {
  return evaluationQuestions().filter((_, i) => i % 3 === 0);
}

/**
 * What each finder answers before it is timed: the other two thirds of the evaluation questions,
 * none of them in the mix, over every entry of the knowledge, as a bot that has been answering for
 * a while has seen. Until then the JIT is still compiling paths the first questions about each
 * kind of entry take, and a fresh process's first questions are several times slower (the
 * start-up lines time a fresh process's first answer). fuse.js gets the first 100 of them: its
 * search has no such paths, and the whole set would take it minutes.
 */
export function warmUpQueries(): string[] {
  return evaluationQuestions().filter((_, i) => i % 3 !== 0);
}
const fuseWarmUp = 100;

/** Something that finds the entry a query names: its id, or undefined for no answer. */
type Finder = (query: string) => string | undefined;

function fuseFinder(entries: readonly Entry[]): Finder {
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'title', weight: 3 },
      { name: 'aliases', weight: 2 },
      { name: 'keywords', weight: 1 },
    ],
    ignoreLocation: true,
    threshold: 0.4,
  });
  return (query) => fuse.search(query, { limit: 1 })[0]?.item.id;
}

export function miniSearchFinder(entries: readonly Entry[]): Finder {
  const search = new MiniSearch<{ id: string; title: string; aliases: string; keywords: string }>({
    fields: ['title', 'aliases', 'keywords'],
    searchOptions: { boost: { title: 3, aliases: 2 }, fuzzy: 0.2, prefix: true },
  });
  search.addAll(
    entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      aliases: entry.aliases.join(' | '),
      keywords: entry.keywords.join(' | '),
    })),
  );
  return (query) => search.search(query)[0]?.id as string | undefined;
}

/** The project's answer: the entry when lookup is sure of one (ambiguous and not found: none). */
export function coreFinder(core: Core): Finder {
  return (query) => {
    const result = core.lookup(query);
    return result.status === 'found' ? result.entry.id : undefined;
  };
}

interface Accuracy {
  readonly right: number;
  readonly wrong: number;
  readonly none: number;
}

/** What a finder answered to each variant, asked once each. */
function answers(find: Finder, variants: readonly NameVariant[]): (string | undefined)[] {
  return variants.map((variant) => find(variant.query));
}

function accuracy(
  found: readonly (string | undefined)[],
  variants: readonly NameVariant[],
  kind?: NameVariant['kind'],
): Accuracy {
  let right = 0;
  let wrong = 0;
  let none = 0;
  variants.forEach((variant, index) => {
    if (kind && variant.kind !== kind) return;
    const answer = found[index];
    if (answer === variant.expected) right++;
    else if (answer === undefined) none++;
    else wrong++;
  });
  return { right, wrong, none };
}

/** Latency of each query, after a warm-up on other questions; each side in its own pass. */
export async function latency(
  find: Finder,
  queries: readonly string[],
  warmUp: readonly string[],
): Promise<Latency> {
  for (const query of warmUp) find(query);
  // Which questions a garbage collection landed on, to tell a slow lookup from a slow moment.
  const collections: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const windows = queries.map((query) => {
    const start = performance.now();
    const micros = timeMicros(() => find(query));
    return { start, end: performance.now(), micros };
  });
  // The observer hears of collections after the loop: give it a turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const collected = windows.filter((w) =>
    collections.some((c) => c.start < w.end && c.end > w.start),
  );
  const spared = windows.filter((w) => !collected.includes(w));
  return {
    ...summarise(windows.map((w) => w.micros)),
    collections: collections.length,
    collectedQuestions: collected.length,
    spared: summarise(spared.map((w) => w.micros)),
  };
}

/** Latency, with the garbage collections during it and the questions none landed on. */
interface Latency extends Summary {
  readonly collections: number;
  readonly collectedQuestions: number;
  readonly spared: Summary;
}

/**
 * Input nobody should type, which must still get a clear answer at once: the issue's cases, with a
 * 2,000-character paste of questions (read by its first 500 characters) and of words the
 * knowledge half knows.
 */
const hostileInputs: readonly [string, string][] = [
  ['empty', ''],
  [
    '2,000 characters, questions',
    'when was the budapest memorandum signed and who signed it '.repeat(40).slice(0, 2000),
  ],
  [
    '2,000 characters, mixed words',
    Array.from(
      { length: 300 },
      (_, i) =>
        `${['minsk', 'treaty', 'crimea', 'xqzt', 'blorf', 'kyiv', 'russia', 'istanbul', 'plan', 'ceasefire'][i % 10]}${i % 7}`,
    )
      .join(' ')
      .slice(0, 2000),
  ],
  ['emoji only', '🇺🇦🔥💥🙏'.repeat(50)],
  ['mixed scripts', 'когда был minsk ІІ підписаний 2015 年 ا'],
  ['control characters', 'when\u0000was\u0007minsk\u001b[31m signed\u200b\u202e'],
];

/** Each hostile input's first lookup and the median of ten more, in µs. */
function hostileLatency(core: Core): [string, number, number][] {
  return hostileInputs.map(([label, query]) => {
    const first = timeMicros(() => core.lookup(query));
    const again = summarise(Array.from({ length: 10 }, () => timeMicros(() => core.lookup(query))));
    return [label, first, again.p50];
  });
}

/** Runs bench/startup-probe.ts in a fresh process: [ready, first answer] in ms. */
function probe(cacheFile: string | undefined, dir: string, snapshot = false): [number, number] {
  const [ready = 0, answered = 0] = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repo, 'bench', 'startup-probe.ts'),
      cacheFile ?? '-',
      dir,
      ...(snapshot ? ['snapshot'] : []),
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split(' ')
    .map(Number);
  return [ready, answered];
}

interface Startups {
  readonly uncached: Summary;
  readonly cached: Summary;
  readonly firstAnswer: Summary;
  readonly snapshot: Summary;
  readonly snapshotFirstAnswer: Summary;
}

/**
 * Fresh-process start-up: without the parse cache, with it (as after the first start), and with
 * the start-up snapshot the compiled bot keeps too (a restart with unchanged knowledge and code).
 */
function startups(dir: string): Startups {
  const fresh = () =>
    path.join(mkdtempSync(path.join(tmpdir(), 'trucebrief-bench-')), 'cache.json');
  const uncached = summarise(Array.from({ length: 3 }, () => probe(undefined, dir)[0]));
  const cacheFile = fresh();
  probe(cacheFile, dir);
  const runs = Array.from({ length: 5 }, () => probe(cacheFile, dir));
  const snapshotFile = fresh();
  probe(snapshotFile, dir, true);
  const snapshotRuns = Array.from({ length: 5 }, () => probe(snapshotFile, dir, true));
  return {
    uncached,
    cached: summarise(runs.map(([ready]) => ready)),
    firstAnswer: summarise(runs.map(([, answered]) => answered)),
    snapshot: summarise(snapshotRuns.map(([ready]) => ready)),
    snapshotFirstAnswer: summarise(snapshotRuns.map(([, answered]) => answered)),
  };
}

const lookupSections = ['actors', 'agreements', 'events', 'obstacles', 'places'] as const;
const syllables = ['ka', 'lo', 'vi', 'den', 'sor', 'mar', 'tel', 'ru', 'bo', 'zan', 'ket', 'ol'];

/**
 * The knowledge at `factor` times its entries: every file copied, and each entry of a kind people
 * look up given `factor - 1` copies with generated names (a made-up word and the title's last
 * word, "Kalovi Memorandum") and the original's text, facts and keywords. Written to a temporary
 * directory, so it loads through the same path as the real knowledge.
 */
function scaledKnowledge(factor: number, seed: number): string {
  const random = seededRandom(seed);
  const used = new Set<string>();
  const word = () => {
    for (;;) {
      // Two to four syllables: 22,000 names, ample for two a copy.
      const count = 2 + Math.floor(random() * 3);
      let made = '';
      for (let i = 0; i < count; i++) made += syllables[Math.floor(random() * syllables.length)];
      const name = made[0]?.toUpperCase() + made.slice(1);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-10x-'));
  for (const file of readdirSync(knowledgeDir).filter((name) => name.endsWith('.yaml'))) {
    const doc = parse(readFileSync(path.join(knowledgeDir, file), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const section of lookupSections) {
      const entries = doc[section] as Record<string, unknown>[] | undefined;
      if (!entries) continue;
      const copies = entries.flatMap((entry) =>
        Array.from({ length: factor - 1 }, (_, k) => {
          const last = String(entry.title).split(' ').at(-1);
          return {
            ...entry,
            id: `${entry.id}-g${k + 1}`,
            title: `${word()} ${last}`,
            aliases: [`${word()} ${last}`],
          };
        }),
      );
      doc[section] = [...entries, ...copies];
    }
    writeFileSync(path.join(dir, file), stringify(doc));
  }
  return dir;
}

/** Progress on stderr: this benchmark takes minutes on a busy machine. */
const began = performance.now();
const progress = (step: string) =>
  process.stderr.write(
    `  lookup bench: ${step} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`,
  );

const pct = (part: number, total: number) => `${((100 * part) / total).toFixed(1)}%`.padStart(7);

/** How many times over the longer-run series goes through the warm-up questions. */
export const longRunRounds = 4;

/** Accuracy, latency and start-up, each against the baselines; report lines for bench/run.ts. */
export async function benchLookup(): Promise<string[]> {
  const core = createCore(await loadKnowledgeDir(knowledgeDir));
  const entries = core.knowledge.entries;
  const variants = nameVariants(entries, variantSeed);
  const queries = queryMix();
  const warmUp = warmUpQueries();
  const finders: [string, Finder, readonly string[]][] = [
    ['trucebrief lookup', coreFinder(core), warmUp],
    ['fuse.js (names, weighted, 0.4)', fuseFinder(entries), warmUp.slice(0, fuseWarmUp)],
    ['MiniSearch (fuzzy 0.2, prefix)', miniSearchFinder(entries), warmUp],
  ];
  const lines = [
    `knowledge: ${entries.length} entries; ${variants.length} generated name variants (seed ${variantSeed}: ${['typo', 'reordered', 'transliterated'].map((kind) => `${variants.filter((v) => v.kind === kind).length} ${kind}`).join(', ')}); ${queries.length} distinct evaluation questions for latency, each timed once after a warm-up on the ${warmUp.length} others (fuse.js: ${fuseWarmUp})`,
    '',
    'finding the entry a variant names: right / wrong / no answer (trucebrief counts an ambiguous answer as none)',
    `  ${''.padEnd(34)}  right    wrong     none     typo  reordered  translit.`,
  ];
  for (const [label, find] of finders) {
    const found = answers(find, variants);
    const all = accuracy(found, variants);
    const byKind = (['typo', 'reordered', 'transliterated'] as const).map((kind) => {
      const counts = accuracy(found, variants, kind);
      return pct(counts.right, counts.right + counts.wrong + counts.none);
    });
    lines.push(
      `  ${label.padEnd(34)}${pct(all.right, variants.length)}  ${pct(all.wrong, variants.length)}  ${pct(all.none, variants.length)}  ${byKind[0]}    ${byKind[1]}    ${byKind[2]}`,
    );
  }
  progress('accuracy measured');
  lines.push('', 'latency, µs                                 p50       p99      mean');
  const collectionLines: string[] = [];
  for (const [label, find, warm] of finders) {
    const questions = await latency(find, queries, warm);
    const names = await latency(
      find,
      variants.map((v) => v.query),
      [],
    );
    progress(`${label} timed`);
    lines.push(
      `  ${`${label}, questions`.padEnd(41)}${fixed(questions.p50)} ${fixed(questions.p99)} ${fixed(questions.mean)}`,
      `  ${`${label}, name variants`.padEnd(41)}${fixed(names.p50)} ${fixed(names.p99)} ${fixed(names.mean)}`,
    );
    collectionLines.push(
      `  ${label}: ${questions.collections} collections during the questions, landing on ${questions.collectedQuestions}; the others ${fixed(questions.spared.p50)} µs p50, ${fixed(questions.spared.p99)} µs p99`,
    );
  }
  lines.push('', 'garbage collections while the questions were timed', ...collectionLines);

  // A bot that has answered for longer: a fresh process for each (nothing of the timed
  // questions seen, not even by the tokenizer's word cache), warmed up on the same other questions
  // several times over, so the compiler has settled. Neither caches answers, so the repeats only
  // warm the code.
  lines.push(
    '',
    `after a longer run (a fresh process, the ${warmUp.length} warm-up questions ${longRunRounds} times), µs   p50       p99`,
  );
  for (const [label, finder] of [
    ['trucebrief lookup', 'trucebrief'],
    ['MiniSearch (fuzzy 0.2, prefix)', 'minisearch'],
  ] as const) {
    const [p50 = 0, p99 = 0] = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'bench', 'long-run-probe.ts'), finder],
      { encoding: 'utf8' },
    )
      .trim()
      .split(' ')
      .map(Number);
    lines.push(`  ${`${label}, questions`.padEnd(62)}${fixed(p50)} ${fixed(p99)}`);
  }
  progress('latency after a longer run measured');

  lines.push(
    '',
    'hostile input (target: a clear answer in under 1 ms), µs      first   median of 10 more',
  );
  for (const [label, first, median] of hostileLatency(core)) {
    lines.push(`  ${label.padEnd(58)}${fixed(first)} ${fixed(median)}`);
  }
  progress('latency measured');
  const real = startups(knowledgeDir);
  progress('start-up measured');
  const scaledDir = scaledKnowledge(scaleFactor, variantSeed);
  const scaled = startups(scaledDir);
  progress(`start-up at ${scaleFactor}x measured`);
  const scaledCore = createCore(await loadKnowledgeDir(scaledDir));
  const scaledLatency = await latency(coreFinder(scaledCore), queries, warmUp);
  progress(`latency at ${scaleFactor}x measured`);
  lines.push(
    '',
    `start-up in a fresh process (load + validate, or read the snapshot; index on first use), ms  p50       p99`,
    `  ${entries.length} entries, no YAML parse cache (x3)${' '.repeat(28)}${fixed(real.uncached.p50)} ${fixed(real.uncached.p99)}`,
    `  ${entries.length} entries, parse cache (x5)${' '.repeat(36)}${fixed(real.cached.p50)} ${fixed(real.cached.p99)}`,
    `    first question answered${' '.repeat(42)}${fixed(real.firstAnswer.p50)} ${fixed(real.firstAnswer.p99)}`,
    `  ${entries.length} entries, parse cache and start-up snapshot (x5)${' '.repeat(15)}${fixed(real.snapshot.p50)} ${fixed(real.snapshot.p99)}`,
    `    first question answered${' '.repeat(42)}${fixed(real.snapshotFirstAnswer.p50)} ${fixed(real.snapshotFirstAnswer.p99)}`,
    `  ${scaledCore.knowledge.entries.length} entries (${scaleFactor}x, generated), no parse cache (x3)${' '.repeat(17)}${fixed(scaled.uncached.p50)} ${fixed(scaled.uncached.p99)}`,
    `  ${scaledCore.knowledge.entries.length} entries (${scaleFactor}x), parse cache (x5)${' '.repeat(27)}${fixed(scaled.cached.p50)} ${fixed(scaled.cached.p99)}`,
    `    first question answered${' '.repeat(42)}${fixed(scaled.firstAnswer.p50)} ${fixed(scaled.firstAnswer.p99)}`,
    `  ${scaledCore.knowledge.entries.length} entries (${scaleFactor}x), parse cache and snapshot (x5)${' '.repeat(13)}${fixed(scaled.snapshot.p50)} ${fixed(scaled.snapshot.p99)}`,
    `    first question answered${' '.repeat(42)}${fixed(scaled.snapshotFirstAnswer.p50)} ${fixed(scaled.snapshotFirstAnswer.p99)}`,
    `  lookup at ${scaleFactor}x, questions, µs${' '.repeat(40)}${fixed(scaledLatency.p50)} ${fixed(scaledLatency.p99)}`,
    '',
    `targets: lookup p99 < 1000 µs, at ${scaleFactor}x start-up < 300 ms and lookup p99 < 1000 µs; accuracy at least the better baseline's`,
  );
  return lines;
}

// Run directly (`npx tsx bench/lookup.ts`) as well as from bench/run.ts.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchLookup()) process.stdout.write(`${line}\n`);
}
