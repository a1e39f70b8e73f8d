/**
 * `npm run -s cli -- lookup --json ["query"]`: lookup for scripts. With a query, prints one JSON object;
 * without, reads queries from stdin, one a line, and prints one JSON object a line in input order.
 * Nothing else goes to stdout.
 * `npm run -s cli -- check --json ["text"]`: checks a message's claims against the record; without
 * text, checks all of stdin as one message. Prints one JSON object.
 * `npm run -s cli -- render timeline|map --out FILE.png`: draws a picture and prints the path.
 * `npm run -s cli -- review …`: the editors' view (src/review.ts, docs/editors.md).
 */
import './require-node.ts';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { bootstrap } from './bootstrap.ts';
import { type Core, pictureOfKind, quickAnswer } from './core/index.ts';
import { exitWithUsage, parseScriptArgs } from './script-args.ts';

/** The JSON line the CLI prints for one query. */
export interface LookupLine {
  readonly query: string;
  readonly match: { id: string; kind: string; title: string; score: number } | null;
  /** The fact that answers, when lookup is sure of one; `id` is `entry-id/fact-id`. */
  readonly fact: { id: string; statement: string; date: string | null; source: string } | null;
  /** How sure the answer is, 0..1 (0 when nothing matched). */
  readonly confidence: number;
  /** For a yes-or-no question, the answer; null otherwise. */
  readonly yes: boolean | null;
  readonly answer: string;
  readonly alternatives: { id: string; title: string }[];
  /** When no fact answers surely: the closest facts, as `entry-id/fact-id`. */
  readonly closestFacts: { id: string; confidence: number }[];
}

/** Looks one query up and shapes it for scripts. */
export function lookupLine(core: Core, query: string): LookupLine {
  const result = core.lookup(query);
  const answer = quickAnswer(result, core.knowledge);
  const closestFacts = result.suggestedFacts.map((c) => ({
    id: `${c.entry.id}/${c.fact.id}`,
    confidence: c.confidence,
  }));
  const none = { fact: null, confidence: 0, yes: null, answer, closestFacts };
  switch (result.status) {
    case 'found':
      return {
        query,
        match: {
          id: result.entry.id,
          kind: result.entry.kind,
          title: result.entry.title,
          score: result.confidence,
        },
        fact:
          result.fact && result.factId
            ? {
                id: result.factId,
                statement: result.fact.statement,
                date: result.fact.date ?? null,
                source: result.fact.source,
              }
            : null,
        confidence: result.confidence,
        yes: result.yes ?? null,
        answer,
        alternatives: result.alternatives.map((c) => ({ id: c.entry.id, title: c.entry.title })),
        closestFacts,
      };
    case 'ambiguous':
      return {
        query,
        match: null,
        ...none,
        alternatives: result.candidates.map((c) => ({ id: c.entry.id, title: c.entry.title })),
      };
    case 'not-found':
      return {
        query,
        match: null,
        ...none,
        alternatives: result.suggestions.map((c) => ({ id: c.entry.id, title: c.entry.title })),
      };
  }
}

/** The JSON the CLI prints for one checked message. */
export interface CheckLine {
  readonly text: string;
  readonly entries: { id: string; kind: string; title: string }[];
  readonly claims: {
    entry: string;
    about: string;
    said: string;
    verdict: 'matches' | 'differs' | 'unknown';
    record: string | null;
    fact: string | null;
    source: { id: string; title: string; url: string } | null;
  }[];
  readonly truncated: boolean;
  readonly empty: boolean;
}

/** Checks one message and shapes the result for scripts. */
export function checkLine(core: Core, text: string): CheckLine {
  const result = core.check(text);
  return {
    text: result.text,
    entries: result.entries.map((e) => ({ id: e.id, kind: e.kind, title: e.title })),
    claims: result.claims.map((claim) => {
      const source = claim.source ? core.knowledge.sources.get(claim.source) : undefined;
      return {
        entry: claim.entry.id,
        about: claim.about,
        said: claim.said,
        verdict: claim.verdict,
        record: claim.record ?? null,
        fact: claim.fact ? `${claim.entry.id}/${claim.fact.id}` : null,
        source: source ? { id: source.id, title: source.title, url: source.url } : null,
      };
    }),
    truncated: result.truncated,
    empty: result.empty,
  };
}

const usage = `usage: npm run -s cli -- lookup [--json] ["query"]
       npm run -s cli -- check [--json] ["text"]
       npm run -s cli -- render timeline|map --out FILE.png
  no query: one query a line on stdin, one answer a line on stdout
  --json   print each answer as one JSON object
  check    checks a message's claims; no text: all of stdin is the message
  --out    where render writes the PNG
  --help   this text
  To look up text that starts with a dash, put it after --: lookup -- "-x"
usage: npm run -s cli -- review [--since 7d] [--json]
       npm run -s cli -- review resolve ID --note "what was done"
       npm run -s cli -- review feeds [--poll] [--since 7d] [--json]
       npm run -s cli -- review promote ITEM [--out FILE | --out -]
  review    open problem reports and the most asked unanswered questions (since 7d by default)
  resolve   closes a report, with a note saying what was done
  feeds     new items from the news feeds; --poll polls the due feeds first
  promote   writes a YAML draft (drafts/feed-ITEM.yaml, or --out) of a new event from an item`;
const { values, positionals } = parseScriptArgs(usage, {
  options: {
    json: { type: 'boolean' },
    since: { type: 'string' },
    note: { type: 'string' },
    poll: { type: 'boolean' },
    out: { type: 'string' },
  },
  positionals: true,
});
const [verb, ...words] = positionals;
if (verb === 'review') {
  const { config, core } = await bootstrap();
  const { runReview } = await import('./review.ts');
  process.exit(
    await runReview(
      {
        words,
        json: values.json === true,
        poll: values.poll === true,
        ...(values.since === undefined ? {} : { since: values.since }),
        ...(values.note === undefined ? {} : { note: values.note }),
        ...(values.out === undefined ? {} : { out: values.out }),
      },
      config,
      core.knowledge,
    ),
  );
}
if (verb === 'render') {
  const [kind, ...rest] = words;
  if ((kind !== 'timeline' && kind !== 'map') || rest.length > 0) {
    exitWithUsage(usage, 'render draws one picture: timeline or map.');
  }
  if (!values.out) exitWithUsage(usage, 'Say where to write the picture: --out FILE.png');
  const { core } = await bootstrap();
  const image = await core.renderPicture(pictureOfKind(kind, core.knowledge));
  if (!image) throw new Error('this build draws no pictures');
  await writeFile(values.out, image.png);
  process.stdout.write(`${values.out}\n`);
  process.exit(0);
}
if (verb === 'check') {
  if (values.since !== undefined || values.note !== undefined || values.poll || values.out) {
    exitWithUsage(usage, 'check takes only --json.');
  }
  let text = words.join(' ').trim();
  if (text === '') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    text = Buffer.concat(chunks).toString('utf8');
  }
  const { core } = await bootstrap();
  const line = checkLine(core, text);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    for (const claim of line.claims) {
      process.stdout.write(
        `${claim.verdict}: "${claim.said}" (${claim.entry}/${claim.about})${claim.verdict === 'differs' && claim.record ? `: the record says ${claim.record}` : ''}\n`,
      );
    }
    if (line.claims.length === 0) process.stdout.write('no claims to check\n');
  }
  process.exit(0);
}
if (verb !== 'lookup') {
  exitWithUsage(usage, verb === undefined ? 'Say what to do.' : `Unknown command "${verb}".`);
}
if (values.since !== undefined || values.note !== undefined || values.poll || values.out) {
  exitWithUsage(usage, 'lookup takes only --json.');
}
const json = values.json === true;
const query = words.join(' ').trim();
const { core } = await bootstrap();
const print = (line: LookupLine) =>
  process.stdout.write(json ? `${JSON.stringify(line)}\n` : `${line.answer}\n`);

if (query !== '') {
  print(lookupLine(core, query));
} else {
  for await (const line of createInterface({
    input: process.stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    // Blank lines still get a line of output, so output line N always answers input line N.
    print(lookupLine(core, line.trim()));
  }
}
