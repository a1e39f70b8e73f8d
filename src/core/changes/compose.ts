import { coverageLine } from '../briefing/compose.ts';
import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock, BriefingFact, Citation } from '../briefing/model.ts';
import type { Since } from '../feedback/since.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { KnowledgeChange } from './store.ts';

/** How many changes a briefing lists; the rest are counted. */
const listed = 15;

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** One change in words: what happened to which entry or fact. */
function describe(change: KnowledgeChange): string {
  if (change.factId === undefined) {
    switch (change.kind) {
      case 'added':
        return `New entry: ${change.title}`;
      case 'changed':
        return `${change.title}: entry updated`;
      case 'removed':
        return `${change.title}: entry removed`;
    }
  }
  const statement = change.statement ?? change.factId;
  switch (change.kind) {
    case 'added':
      return `${change.title}: new fact: ${statement}`;
    case 'changed':
      return `${change.title}: fact changed, now: ${statement}`;
    case 'removed':
      return `${change.title}: fact removed: ${statement}`;
  }
}

/** Changes as dated items, newest first, each with its source. */
function changeItems(changes: readonly KnowledgeChange[]): BriefingFact[] {
  return changes.map((change) => {
    const date = isoDay(change.at);
    return {
      date,
      when: formatDate(date),
      text: describe(change),
      ...(change.source ? { source: change.source.title } : {}),
    };
  });
}

function citationsOf(changes: readonly KnowledgeChange[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const change of changes) {
    if (change.source && !seen.has(change.source.url)) {
      seen.set(change.source.url, { title: change.source.title, url: change.source.url });
    }
  }
  return [...seen.values()];
}

/** The daily post's lead when the knowledge changed since the last post: the changes, sourced. */
export function changedSinceYesterdayBlocks(
  changes: readonly KnowledgeChange[],
): readonly BriefingBlock[] {
  if (changes.length === 0) return [];
  const shown = changes.slice(0, listed);
  const more = changes.length - shown.length;
  return [
    { type: 'facts', title: 'Changed since yesterday', items: changeItems(shown) },
    ...(more > 0
      ? [{ type: 'paragraph' as const, text: `And ${more} more: /brief changes lists them.` }]
      : []),
  ];
}

/** `/brief changes [since]`: what changed in the knowledge, newest first, each with its source. */
export function composeChanges(
  knowledge: Knowledge,
  changes: readonly KnowledgeChange[],
  since?: Since,
): Briefing {
  const footer = `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`;
  const shown = changes.slice(0, listed);
  const when = since ? ` since ${since.label}` : '';
  if (shown.length === 0) {
    return {
      title: 'What changed in the knowledge',
      summary: `No changes recorded${when}.`,
      blocks: [],
      footer,
      visibility: 'ephemeral',
      outcome: 'changes',
    };
  }
  const more = changes.length - shown.length;
  const blocks: BriefingBlock[] = [{ type: 'facts', items: changeItems(shown) }];
  if (more > 0) {
    blocks.push({
      type: 'paragraph',
      text: `${more} earlier change${more === 1 ? '' : 's'} not shown: ask /brief changes with a later date, e.g. /brief changes 7d.`,
    });
  }
  const citations = citationsOf(shown);
  if (citations.length > 0) blocks.push({ type: 'citation', items: citations });
  return {
    title: 'What changed in the knowledge',
    summary: `${changes.length} change${changes.length === 1 ? '' : 's'}${when}, newest first.`,
    blocks,
    footer,
    visibility: 'public',
    outcome: 'changes',
  };
}
