import { coverageLine } from '../briefing/compose.ts';
import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock, BriefingFact, Citation } from '../briefing/model.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { Entry, Fact } from '../knowledge/schema.ts';
import { compareCodeUnits } from '../text-order.ts';
import type { CheckedClaim, CheckResult, ClaimAbout } from './result.ts';

// A message may name many entries; the answer stays a glance.
const maxEntries = 4;
const factsPerEntry = 3;

const aboutWords: Readonly<Record<ClaimAbout, string>> = {
  signed: 'when it was signed',
  signatories: 'who signed it',
  ratified: 'its ratification',
  'in-force': 'when it entered into force',
  ended: 'its end',
  annexed: 'the annexation',
  date: 'the date',
  vote: 'the vote',
};

function claimLine(claim: CheckedClaim, knowledge: Knowledge): string {
  const source = claim.source ? knowledge.sources.get(claim.source) : undefined;
  const cited = source ? ` (source: ${source.title})` : '';
  const quoted = `“${claim.said}”`;
  switch (claim.verdict) {
    case 'matches':
      return `✅ Matches the record: ${quoted}. ${claim.record ?? ''}${cited}`.trim();
    case 'differs':
      return `❌ ${quoted}: the record says ${lowerFirst(claim.record ?? '')}${cited}`;
    case 'unknown':
      return `❔ Not in the knowledge: ${quoted}. Nothing on ${aboutWords[claim.about]} of ${claim.entry.title} is recorded.`;
  }
}

function lowerFirst(text: string): string {
  // "The Budapest Memorandum was…" stays as it is: only a leading article is lowered.
  return /^(The|A|An) /.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

function toBriefingFact(fact: Fact, knowledge: Knowledge): BriefingFact {
  const source = knowledge.sources.get(fact.source);
  return {
    text: fact.statement,
    ...(fact.date ? { date: fact.date, when: formatDate(fact.date) } : {}),
    ...(source ? { source: source.title } : {}),
  };
}

/** An entry's dated facts first, in date order: what a reader checks a claim against. */
function keyFacts(entry: Entry): Fact[] {
  return [...entry.facts]
    .sort((a, b) => compareCodeUnits(a.date ?? '9999', b.date ?? '9999'))
    .slice(0, factsPerEntry);
}

function citations(result: CheckResult, knowledge: Knowledge): Citation[] {
  const ids = new Set(result.claims.flatMap((claim) => (claim.source ? [claim.source] : [])));
  return [...ids].flatMap((id) => {
    const source = knowledge.sources.get(id);
    return source
      ? [
          {
            title: source.title,
            url: source.url,
            ...(source.publisher ? { publisher: source.publisher } : {}),
          },
        ]
      : [];
  });
}

function summaryOf(result: CheckResult): string {
  const count = (verdict: CheckedClaim['verdict']) =>
    result.claims.filter((claim) => claim.verdict === verdict).length;
  if (result.claims.length === 0) {
    return result.entries.length === 0
      ? 'No entry of the knowledge is named here, so there is nothing to check.'
      : 'No checkable claim (a date, a signatory, ratification, entry into force, an end, a vote) is tied to the entries named here.';
  }
  const parts = [
    [count('matches'), 'matches the record', 'match the record'],
    [count('differs'), 'differs from the record', 'differ from the record'],
    [count('unknown'), 'is not in the knowledge', 'are not in the knowledge'],
  ] as const;
  const said = parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
  return `${result.claims.length} ${result.claims.length === 1 ? 'claim' : 'claims'} checked: ${said}.`;
}

/**
 * The answer to "Check this": claim by claim (matches, what the record says instead, or not in
 * the knowledge, each with its source), then the key facts of each entry the message names.
 * Ephemeral: the person shares it if they wish.
 */
export function composeCheck(result: CheckResult, knowledge: Knowledge, query: string): Briefing {
  const blocks: BriefingBlock[] = [];
  if (result.empty) {
    blocks.push({
      type: 'paragraph',
      text: 'There is no text to check in this message (only an attachment, code or links).',
    });
  } else if (result.claims.length > 0) {
    blocks.push({
      type: 'list',
      title: 'Claims',
      items: result.claims.map((claim) => claimLine(claim, knowledge)),
    });
  }
  if (result.truncated) {
    blocks.push({
      type: 'paragraph',
      text: 'The message is long: only its first 4,000 characters were checked.',
    });
  }
  for (const entry of result.entries.slice(0, maxEntries)) {
    const facts = keyFacts(entry);
    if (facts.length === 0) continue;
    blocks.push({
      type: 'facts',
      title: `${entry.title}: key facts`,
      items: facts.map((fact) => toBriefingFact(fact, knowledge)),
    });
  }
  const cited = citations(result, knowledge);
  if (cited.length > 0) blocks.push({ type: 'citation', items: cited });
  if (!result.empty && (result.claims.length > 0 || result.entries.length > 0)) {
    blocks.push({
      type: 'actions',
      items: [{ type: 'share', label: 'Share', request: { command: 'check', query } }],
    });
  }
  return {
    title: result.empty ? 'Nothing to check' : 'Checked against the record',
    summary: result.empty ? 'There is no text to check.' : summaryOf(result),
    blocks,
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'ephemeral',
    outcome: 'check',
  };
}

/**
 * A Share clicked after the bot forgot the message it checked (a restart, or hours later): the
 * check is run again from the message, not from memory.
 */
export function composeCheckExpired(knowledge: Knowledge): Briefing {
  return {
    title: 'This check can no longer be shared',
    summary: 'The bot no longer holds the message it checked. Use “Check this” on it again.',
    blocks: [],
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'ephemeral',
    outcome: 'check',
  };
}

/**
 * The check with its Share button pointing at a remembered message (`CheckMemory`), since a
 * button cannot carry a 4,000-character message.
 */
export function withShareReference(briefing: Briefing, ref: string): Briefing {
  return {
    ...briefing,
    blocks: briefing.blocks.map((block) =>
      block.type === 'actions'
        ? {
            ...block,
            items: block.items.map((item) =>
              item.type === 'share'
                ? { ...item, request: { command: 'check' as const, query: ref } }
                : item,
            ),
          }
        : block,
    ),
  };
}

/** How to check a message on Slack and Discord, for the Slack Home tab and help. */
export function composeCheckHowTo(knowledge: Knowledge): Briefing {
  return {
    title: 'Check a message where the discussion happens',
    summary:
      'On any message, threads included: ⋯ (More actions) → Check this. The answer is private, claim by claim, with a Share button that posts it in the thread.',
    blocks: [
      {
        type: 'list',
        items: [
          '/check TEXT checks text you paste, e.g. /check Minsk II was signed in 2014',
          'Mention the bot in a thread to ask there: @trucebrief minsk ii',
          '/fact asks a quick question, visible only to you: /fact when was minsk ii signed',
        ],
      },
    ],
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'ephemeral',
    outcome: 'help',
  };
}
