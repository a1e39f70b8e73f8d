import { type CommandName, commands } from '../commands.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { Entry, Fact, FactTopic, Source } from '../knowledge/schema.ts';
import type { Candidate, FactCandidate, LookupResult } from '../lookup/result.ts';
import type { CommandNaming } from '../request.ts';
import { compareCodeUnits } from '../text-order.ts';
import { formatDate } from './dates.ts';
import type {
  ActionRequest,
  Briefing,
  BriefingAction,
  BriefingBlock,
  BriefingFact,
  Citation,
  RelatedItem,
} from './model.ts';
import { mapPictureFor, timelinePicture } from './pictures.ts';

const keyFactLimit = 8;
const suggestionLimit = 5;

/** The command that shows an entry best: obstacles and agreements have their own. */
function commandForEntry(entry: Entry): CommandName {
  if (entry.kind === 'obstacle') return 'obstacle';
  if (entry.kind === 'agreement') return 'agreement';
  return 'brief';
}

/** A request that shows the entry again, for buttons. */
export function requestForEntry(entry: Entry): ActionRequest {
  // Each adapter clips what its platform cannot carry (a Discord custom_id, a Slack button value).
  return { command: commandForEntry(entry), query: entry.title };
}

/** What the knowledge covers and when it was checked, for every footer: never more than it holds. */
export function coverageLine(knowledge: Knowledge): string {
  return `Covers events through ${formatDate(knowledge.coverageEnd)} (sources checked ${formatDate(knowledge.meta.asOf)})`;
}

function footerFor(knowledge: Knowledge, entry?: Entry): string {
  const parts = [knowledge.meta.attribution, coverageLine(knowledge)];
  if (entry) parts.push(`entry reviewed ${formatDate(entry.reviewed)}`);
  return parts.join(' · ');
}

function toBriefingFact(fact: Fact, knowledge: Knowledge): BriefingFact {
  const source = knowledge.sources.get(fact.source);
  return {
    text: fact.note ? `${fact.statement} (${fact.note})` : fact.statement,
    ...(fact.date ? { date: fact.date, when: formatDate(fact.date) } : {}),
    ...(source ? { source: source.title } : {}),
  };
}

function citationOf(source: Source): Citation {
  return {
    title: source.title,
    url: source.url,
    ...(source.publisher ? { publisher: source.publisher } : {}),
  };
}

/** Every source an entry cites, its own first, then its facts', without repeats. */
function citationsFor(entry: Entry, knowledge: Knowledge): Citation[] {
  return citationsOf([...entry.sources, ...entry.facts.map((fact) => fact.source)], knowledge);
}

/** The sources with these ids, each once, in the order given. */
function citationsOf(sourceIds: readonly string[], knowledge: Knowledge): Citation[] {
  return [...new Set(sourceIds)].flatMap((id) => {
    const source = knowledge.sources.get(id);
    return source ? [citationOf(source)] : [];
  });
}

function relatedFor(entry: Entry, knowledge: Knowledge): RelatedItem[] {
  return entry.related.flatMap((id) => {
    const other = knowledge.byId.get(id);
    return other
      ? [{ id: other.id, title: other.title, kind: other.kind, request: requestForEntry(other) }]
      : [];
  });
}

/** The facts worth a glance, dated ones first, in date order. */
function keyFacts(facts: readonly Fact[]): Fact[] {
  return [...facts]
    .sort((a, b) => compareCodeUnits(a.date ?? '9999', b.date ?? '9999'))
    .slice(0, keyFactLimit);
}

function atAGlance(entry: Entry): string[] {
  switch (entry.kind) {
    case 'agreement': {
      const lines = [`Signed: ${formatDate(entry.signed)}${entry.place ? `, ${entry.place}` : ''}`];
      if (entry.signatories.length > 0) {
        lines.push(
          `Signatories: ${entry.signatories
            .map((s) => [s.name, s.role, s.state].filter(Boolean).join(', '))
            .join('; ')}`,
        );
      }
      if (entry.parties.length > 0) lines.push(`Parties: ${entry.parties.join(', ')}`);
      if (entry.ratification) lines.push(`Ratification: ${entry.ratification}`);
      if (entry.inForce) lines.push(`In force: ${formatDate(entry.inForce)}`);
      if (entry.fate) lines.push(`What became of it: ${entry.fate}`);
      return lines;
    }
    case 'event':
      return [
        `Date: ${formatDate(entry.date)}${entry.endDate ? ` to ${formatDate(entry.endDate)}` : ''}`,
      ];
    case 'place':
      return [entry.placeType, entry.status ? `Status: ${entry.status}` : undefined].filter(
        (line): line is string => line !== undefined,
      );
    case 'actor':
      return entry.role ? [entry.role] : [];
    case 'obstacle':
      return [];
  }
}

/**
 * Whether a full briefing on `entry` already says what `fact` says outside the key facts, which
 * would otherwise say everything twice: an agreement's "At a glance" and "Key provisions" come
 * from its own fields, and an obstacle's key points already give its author's analysis, so the
 * key facts keep what the record adds.
 */
function shownElsewhere(entry: Entry, fact: Fact, knowledge: Knowledge): boolean {
  if (entry.kind === 'obstacle') {
    const author = knowledge.byId.get(entry.author)?.title;
    return (
      entry.points.length > 0 &&
      author !== undefined &&
      knowledge.sources.get(fact.source)?.author === author
    );
  }
  if (entry.kind !== 'agreement') return false;
  switch (fact.topic) {
    case 'signed':
      return true;
    case 'signatories':
      return entry.signatories.length > 0;
    case 'ratified':
      return entry.ratification !== undefined;
    case 'in-force':
      return entry.inForce !== undefined;
    case 'provision':
      return entry.provisions.length > 0;
    default:
      return false;
  }
}

/**
 * The facts that answer a question the lookup answered with `fact`: that fact, and for "what did
 * it promise" every provision of the entry, since one promise alone would answer half the question.
 */
function answeringFacts(entry: Entry, fact: Fact): Fact[] {
  if (fact.topic !== 'provision') return [fact];
  return [fact, ...entry.facts.filter((other) => other !== fact && other.topic === 'provision')];
}

function answerBlock(answers: readonly Fact[], knowledge: Knowledge, yes?: boolean): BriefingBlock {
  return {
    type: 'facts',
    title: yes === undefined ? 'Answer' : yes ? 'Answer: yes' : 'Answer: no',
    items: answers.map((fact) => toBriefingFact(fact, knowledge)),
  };
}

/** A full briefing on one entry; what the query asked about, if anything, leads as the answer. */
export function composeEntryBriefing(entry: Entry, knowledge: Knowledge, answer?: Fact): Briefing {
  const blocks: BriefingBlock[] = [];
  const answers = answer ? answeringFacts(entry, answer) : [];
  if (answers.length > 0) blocks.push(answerBlock(answers, knowledge));
  const glance = atAGlance(entry);
  if (glance.length > 0) blocks.push({ type: 'list', title: 'At a glance', items: glance });
  for (const paragraph of entry.body.split(/\n\s*\n/)) {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ type: 'paragraph', text });
  }
  if (entry.kind === 'obstacle') {
    const author = knowledge.byId.get(entry.author);
    if (entry.points.length > 0)
      blocks.push({ type: 'list', title: 'Key points', items: entry.points });
    if (entry.wouldChange.length > 0) {
      blocks.push({ type: 'list', title: 'What would have to change', items: entry.wouldChange });
    }
    if (author)
      blocks.push({
        type: 'paragraph',
        text: `Analysis by ${author.title}; paraphrased, not quoted.`,
      });
  }
  if (entry.kind === 'agreement' && entry.provisions.length > 0) {
    blocks.push({ type: 'list', title: 'Key provisions', items: entry.provisions });
  }
  const facts = keyFacts(
    entry.facts.filter((fact) => !shownElsewhere(entry, fact, knowledge)),
  ).filter((fact) => !answers.includes(fact));
  if (facts.length > 0) {
    blocks.push({
      type: 'facts',
      title: 'Key facts',
      items: facts.map((fact) => toBriefingFact(fact, knowledge)),
    });
  }
  const map = mapPictureFor(entry, knowledge);
  // The map's text equivalent, in the message itself, for readers who get no image.
  if (map) blocks.push({ type: 'paragraph', text: map.caption });
  const related = relatedFor(entry, knowledge);
  if (related.length > 0) blocks.push({ type: 'related', items: related });
  blocks.push({ type: 'citation', items: citationsFor(entry, knowledge) });
  return {
    title: entry.title,
    summary: entry.summary,
    blocks,
    footer: footerFor(knowledge, entry),
    visibility: 'public',
    outcome: 'found',
    ...(map ? { picture: map.picture } : {}),
  };
}

/** The one-line answer a quick lookup posts: the fact and its date first, then its source. */
export function quickAnswer(result: LookupResult, knowledge: Knowledge): string {
  switch (result.status) {
    case 'found': {
      const fact = result.fact;
      if (!fact) {
        if (!result.asked) return `${result.entry.title}: ${result.entry.summary}`;
        return `${notSureOf(result.entry.title, result.suggestedFacts)}${closestText(result.suggestedFacts, knowledge)}`;
      }
      const yesNo = result.yes === undefined ? '' : result.yes ? 'Yes. ' : 'No. ';
      return `${yesNo}${factLine(fact, knowledge)}`;
    }
    case 'ambiguous': {
      const entries = result.candidates.map((c) => c.entry.title).join('; ');
      // A question was asked: the facts that come closest to answering it lead, and the entries
      // its words also name follow.
      return result.suggestedFacts.length > 0
        ? `Not sure: nothing answers that surely.${closestText(result.suggestedFacts, knowledge)} Or did you mean: ${entries}?`
        : `Not sure which you mean: ${entries}.`;
    }
    case 'not-found':
      if (result.beyondCoverage) {
        return `The knowledge covers events through ${formatDate(result.beyondCoverage)}; it has nothing on later events.`;
      }
      if (result.latest) {
        return `The knowledge covers events through ${formatDate(result.latest)}. The latest it holds on this:${closestText(result.suggestedFacts, knowledge)}`;
      }
      if (result.suggestedFacts.length > 0) {
        return `Not sure: nothing answers that surely.${closestText(result.suggestedFacts, knowledge)}`;
      }
      return result.suggestions.length > 0
        ? `No entry matches. Did you mean: ${result.suggestions.map((c) => c.entry.title).join('; ')}?`
        : 'No entry matches. Try an agreement, obstacle, place or event by name.';
  }
}

function factLine(fact: Fact, knowledge: Knowledge): string {
  const source = knowledge.sources.get(fact.source);
  const when = fact.date ? `${formatDate(fact.date)}: ` : '';
  const cited = source ? ` (Source: ${source.title})` : '';
  return `${when}${fact.statement}${cited}`;
}

/**
 * What a reply that is not sure says first. With facts to offer it says it is unsure whether any
 * answers, not that none does: the first of them often does, only not surely enough to say so.
 */
function notSureOf(title: string, closest: readonly FactCandidate[]): string {
  return closest.length > 0
    ? `Not sure any fact on ${title} answers that.`
    : `Not sure: no fact on ${title} in the knowledge answers that directly.`;
}

function closestText(facts: readonly FactCandidate[], knowledge: Knowledge): string {
  if (facts.length === 0) return '';
  return ` Closest facts: ${facts.map((c) => factLine(c.fact, knowledge)).join(' | ')}`;
}

/** The closest facts, offered when no fact answers surely. */
function closestFactsBlock(
  facts: readonly FactCandidate[],
  knowledge: Knowledge,
  title = 'Closest facts in the knowledge',
): BriefingBlock {
  return {
    type: 'facts',
    title,
    items: facts.map((c) => {
      const base = toBriefingFact(c.fact, knowledge);
      return { ...base, text: `${c.entry.title}: ${base.text}` };
    }),
  };
}

/**
 * A quick fact lookup: the answer first (yes or no when asked), its source, and a button to share it.
 * When no fact answers surely, it says so and offers the closest facts instead. Seen only by the asker.
 */
export function composeFactBriefing(
  result: Extract<LookupResult, { status: 'found' }>,
  knowledge: Knowledge,
  request: ActionRequest,
): Briefing {
  const { entry } = result;
  const fact = result.fact;
  const answers = fact ? answeringFacts(entry, fact) : [];
  const blocks: BriefingBlock[] = [];
  if (answers.length > 0) {
    blocks.push(answerBlock(answers, knowledge, result.yes));
  } else if (result.asked) {
    blocks.push({
      type: 'paragraph',
      text: notSureOf(entry.title, result.suggestedFacts),
    });
    const closest = result.suggestedFacts.length > 0 ? result.suggestedFacts : [];
    if (closest.length > 0) blocks.push(closestFactsBlock(closest, knowledge));
  }
  if (answers.length === 0 && result.suggestedFacts.length === 0) {
    const facts = keyFacts(entry.facts).slice(0, 3);
    if (facts.length > 0) {
      blocks.push({
        type: 'facts',
        title: 'Key facts',
        items: facts.map((f) => toBriefingFact(f, knowledge)),
      });
    }
  }
  const cited =
    answers.length > 0
      ? citationsOf(
          answers.map((f) => f.source),
          knowledge,
        )
      : result.suggestedFacts.length > 0
        ? citationsOf(
            result.suggestedFacts.map((c) => c.fact.source),
            knowledge,
          )
        : citationsOf(entry.sources, knowledge);
  blocks.push({ type: 'citation', items: cited });
  const actions: BriefingAction[] = [];
  // A sure answer or an entry's key facts are worth posting to the channel; "not sure" is not.
  if (answers.length > 0 || !result.asked) {
    actions.push({
      type: 'share',
      label: 'Share in channel',
      request: { command: request.command, query: request.query },
    });
  }
  actions.push({ type: 'run', label: 'Full briefing', request: requestForEntry(entry) });
  blocks.push({ type: 'actions', items: actions });
  return {
    title: entry.title,
    // The answer block leads; a summary line would only repeat it.
    ...(fact ? {} : { summary: entry.summary }),
    blocks,
    footer: footerFor(knowledge, entry),
    visibility: 'ephemeral',
    outcome: 'found',
  };
}

function suggestionActions(candidates: readonly Candidate[]): BriefingAction[] {
  return candidates.slice(0, suggestionLimit).map((candidate) => ({
    type: 'run',
    label: candidate.entry.title,
    request: requestForEntry(candidate.entry),
  }));
}

/**
 * Several entries fit equally well: ask which, with a button for each. When the query asked
 * something, the facts that come closest to answering it lead, since they, not the entries its
 * words happen to name, are what was asked for.
 */
export function composeAmbiguous(
  query: string,
  candidates: readonly Candidate[],
  knowledge: Knowledge,
  closest: readonly FactCandidate[] = [],
): Briefing {
  const entries: BriefingBlock = {
    type: 'list',
    items: candidates.slice(0, suggestionLimit).map((c) => `${c.entry.title}: ${c.entry.summary}`),
  };
  const blocks: BriefingBlock[] =
    closest.length > 0
      ? [
          {
            type: 'paragraph',
            text: 'Not sure: nothing in the knowledge answers that surely. These come closest:',
          },
          closestFactsBlock(closest, knowledge),
          { type: 'paragraph', text: 'Or did you mean one of these?' },
          entries,
        ]
      : [entries];
  blocks.push({ type: 'actions', items: suggestionActions(candidates) });
  return {
    title: closest.length > 0 ? `Not sure about “${query}”` : 'Which one did you mean?',
    summary: `“${query}” matches ${candidates.length} entries.`,
    blocks,
    footer: footerFor(knowledge),
    visibility: 'ephemeral',
    outcome: 'ambiguous',
  };
}

/** What lookup adds to a not-found answer: the closest facts, or that the question is past the coverage. */
export interface NotFoundDetail {
  readonly closest?: readonly FactCandidate[];
  readonly beyondCoverage?: string;
  /** The question asks for the newest: the date the knowledge covers events through. */
  readonly latest?: string;
}

/** Nothing fits surely: say so plainly, offer the closest facts and entries, and say how to ask. */
export function composeNotFound(
  query: string,
  suggestions: readonly Candidate[],
  knowledge: Knowledge,
  detail: NotFoundDetail = {},
): Briefing {
  const blocks: BriefingBlock[] = [];
  const closest = detail.closest ?? [];
  if (detail.beyondCoverage) {
    blocks.push({
      type: 'paragraph',
      text: `The knowledge covers events through ${formatDate(detail.beyondCoverage)}; it has nothing on later events yet.`,
    });
  } else if (detail.latest && closest.length > 0) {
    blocks.push({
      type: 'paragraph',
      text: `The knowledge covers events through ${formatDate(detail.latest)}. The latest it holds on this, newest first:`,
    });
    blocks.push(closestFactsBlock(closest, knowledge, 'Latest facts in the knowledge'));
  } else if (closest.length > 0) {
    blocks.push({
      type: 'paragraph',
      text: 'Not sure: nothing in the knowledge answers that surely. These come closest:',
    });
    blocks.push(closestFactsBlock(closest, knowledge));
  }
  if (suggestions.length > 0) {
    blocks.push({ type: 'paragraph', text: 'Did you mean one of these?' });
    blocks.push({ type: 'actions', items: suggestionActions(suggestions) });
  } else if (closest.length === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'trucebrief knows the obstacles to a Kyiv-Moscow truce, the agreements behind them and the truce talks since. Try /brief for the overview, /agreement budapest, or /fact when was minsk ii signed.',
    });
  }
  return {
    title: detail.latest
      ? `The latest on “${query}”`
      : query
        ? `No match for “${query}”`
        : 'What should I look up?',
    blocks,
    footer: footerFor(knowledge),
    visibility: 'ephemeral',
    outcome: 'not-found',
  };
}

function obstaclesInOrder(knowledge: Knowledge): Entry[] {
  return knowledge.entries
    .filter((entry) => entry.kind === 'obstacle')
    .sort((a, b) => (a.kind === 'obstacle' && b.kind === 'obstacle' ? a.number - b.number : 0));
}

/** `/brief` with no topic: the four obstacles at a glance. */
export function composeOverview(knowledge: Knowledge): Briefing {
  const obstacles = obstaclesInOrder(knowledge);
  const authors = new Set(obstacles.flatMap((o) => (o.kind === 'obstacle' ? [o.author] : [])));
  const authorNames = [...authors].map((id) => knowledge.byId.get(id)?.title ?? id).join(', ');
  const sources = [...new Set(obstacles.flatMap((o) => o.sources))].flatMap((id) => {
    const source = knowledge.sources.get(id);
    return source ? [citationOf(source)] : [];
  });
  return {
    title: 'The obstacles to a Kyiv-Moscow truce',
    summary: `${obstacles.length} obstacles, as analysed by ${authorNames}. Ask /obstacle 1 to /obstacle ${obstacles.length} for each.`,
    blocks: [
      {
        type: 'list',
        items: obstacles.map(
          (o) => `${o.kind === 'obstacle' ? `${o.number}. ` : ''}${o.title}: ${o.summary}`,
        ),
      },
      {
        type: 'related',
        items: obstacles.map((o) => ({
          id: o.id,
          title: o.title,
          kind: o.kind,
          request: requestForEntry(o),
        })),
      },
      { type: 'citation', items: sources },
    ],
    footer: footerFor(knowledge),
    visibility: 'public',
    outcome: 'overview',
  };
}

/** `/agreement` with no name: every agreement, oldest first. */
export function composeAgreementList(knowledge: Knowledge): Briefing {
  const timeline = timelinePicture(knowledge);
  const agreements = knowledge.entries
    .flatMap((entry) => (entry.kind === 'agreement' ? [entry] : []))
    .sort((a, b) => compareCodeUnits(a.signed, b.signed));
  return {
    title: 'Agreements Russia signed with or about Ukraine',
    summary: `${agreements.length} agreements, oldest first. Ask /agreement with a name for a briefing.`,
    blocks: [
      {
        type: 'list',
        items: agreements.map((a) => `${formatDate(a.signed)}: ${a.title}. ${a.summary}`),
      },
      // The chart's ends and breaks, so the text says all the picture does.
      { type: 'list', title: 'On the chart', items: timeline.lines },
      {
        type: 'related',
        items: agreements.map((a) => ({
          id: a.id,
          title: a.title,
          kind: a.kind,
          request: requestForEntry(a),
        })),
      },
    ],
    footer: footerFor(knowledge),
    visibility: 'public',
    outcome: 'overview',
    picture: timeline.picture,
  };
}

// The timeline shows the turning points, not every dated detail.
const timelineTopics: ReadonlySet<FactTopic | undefined> = new Set<FactTopic | undefined>([
  'signed',
  'annexed',
  'ended',
  'violated',
  'opened',
  'in-force',
  'founded',
  'vote',
]);

/** `/timeline`: the key dated facts of every entry, in date order. */
export function composeTimeline(knowledge: Knowledge): Briefing {
  const seen = new Set<string>();
  const items: BriefingFact[] = [];
  const dated = knowledge.entries.flatMap((entry) =>
    entry.facts.flatMap((fact) =>
      fact.date && (timelineTopics.has(fact.topic) || entry.kind === 'event')
        ? [{ entry, fact, date: fact.date }]
        : [],
    ),
  );
  dated.sort((a, b) => compareCodeUnits(a.date, b.date));
  for (const { entry, fact, date } of dated) {
    const key = `${entry.id}|${fact.topic ?? ''}|${date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = toBriefingFact(fact, knowledge);
    items.push({ ...base, text: `${entry.title}: ${base.text}` });
  }
  return {
    title: 'Timeline',
    summary: `${items.length} key dates, oldest first.`,
    blocks: [{ type: 'facts', items }],
    footer: footerFor(knowledge),
    visibility: 'public',
    outcome: 'timeline',
    picture: timelinePicture(knowledge).picture,
  };
}

/** `/sources`: every source the knowledge cites. */
export function composeSources(knowledge: Knowledge): Briefing {
  const items = [...knowledge.sources.values()]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map(citationOf);
  return {
    title: 'Sources',
    summary: `${items.length} sources back the knowledge base. Every fact names one.`,
    blocks: [{ type: 'citation', items }],
    footer: footerFor(knowledge),
    visibility: 'public',
    outcome: 'sources',
  };
}

/**
 * Help, generated from the command registry so it never drifts from what the bot answers, and
 * listing only the commands the asker's platform offers.
 */
export function composeHelp(knowledge: Knowledge, naming?: CommandNaming): Briefing {
  const offered = naming ? new Set(naming.offered) : undefined;
  const listed = commands.filter((command) => offered?.has(command.name) ?? true);
  const askAgain =
    naming && !offered?.has('help') ? ` Type ${naming.askForHelp} for this list.` : '';
  return {
    title: 'trucebrief: briefings on the prospects of a Russia-Ukraine truce',
    summary: `Ask by name, with typos, transliterations or Cyrillic; questions like "when was Minsk II signed" get the fact first.${askAgain}`,
    blocks: [
      {
        type: 'list',
        title: 'Commands',
        items: listed.map(
          (command) =>
            `${command.usage}: ${command.description}. Example: ${command.examples[command.examples.length - 1]}`,
        ),
      },
    ],
    footer: footerFor(knowledge),
    visibility: 'ephemeral',
    outcome: 'help',
  };
}
