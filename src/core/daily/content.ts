import { coverageLine, requestForEntry } from '../briefing/compose.ts';
import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock, BriefingFact, Citation } from '../briefing/model.ts';
import { mapPictureFor } from '../briefing/pictures.ts';
import { changedSinceYesterdayBlocks } from '../changes/compose.ts';
import type { KnowledgeChange } from '../changes/store.ts';
import { reportAction } from '../feedback/report.ts';
import type { Headline } from '../feeds/items.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { Entry } from '../knowledge/schema.ts';
import { addDays, dayNumber } from '../schedule/time-zone.ts';
import { compareCodeUnits } from '../text-order.ts';

/** What a daily briefing depends on; the same inputs always give the same briefing. */
export interface DailyContentInput {
  /** The channel's stable key (its subscription id), which offsets the rotation. */
  readonly channelKey: string;
  /** The channel's local date, `YYYY-MM-DD`. */
  readonly localDate: string;
  /** The local date of the channel's previous post, if any: entries reviewed after it are "new". */
  readonly lastPostDate?: string;
  /** Changes to the knowledge since the previous day's post: when any, the post leads with them. */
  readonly changes?: readonly KnowledgeChange[];
  /** Headlines from the feeds (DAILY_HEADLINES), shown last, apart from the knowledge. */
  readonly headlines?: readonly Headline[];
}

/** At most this many headlines in a post. */
const maxHeadlines = 5;

/** With no previous post, "new or updated" looks back this many days. */
const firstPostLookbackDays = 7;
const maxChanged = 5;
const maxAnniversaries = 5;

/** Obstacles in number order, then agreements by signing date: the cycle a channel walks through. */
export function rotationOf(knowledge: Knowledge): readonly Entry[] {
  const obstacles = knowledge.entries
    .filter((entry) => entry.kind === 'obstacle')
    .sort((a, b) => (a.kind === 'obstacle' && b.kind === 'obstacle' ? a.number - b.number : 0));
  const agreements = knowledge.entries
    .filter((entry) => entry.kind === 'agreement')
    .sort((a, b) =>
      a.kind === 'agreement' && b.kind === 'agreement'
        ? compareCodeUnits(a.signed, b.signed) || compareCodeUnits(a.id, b.id)
        : 0,
    );
  return [...obstacles, ...agreements];
}

// FNV-1a: a stable spread of channels over the rotation, the same in every process and release.
function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619);
  return value >>> 0;
}

/** Today's focus entry: consecutive days step through the rotation, each channel from its own start. */
export function focusFor(
  knowledge: Knowledge,
  channelKey: string,
  localDate: string,
): Entry | undefined {
  const rotation = rotationOf(knowledge);
  if (rotation.length === 0) return undefined;
  return rotation[(dayNumber(localDate) + (hash(channelKey) % rotation.length)) % rotation.length];
}

/** A dated thing from the knowledge that happened on this calendar day in an earlier year. */
export interface Anniversary {
  readonly date: string;
  readonly text: string;
  readonly entryId: string;
  readonly source?: string;
}

/** Everything in the knowledge with a full date on the same month and day, oldest first. */
export function anniversariesOn(knowledge: Knowledge, localDate: string): readonly Anniversary[] {
  const monthDay = localDate.slice(5);
  const year = localDate.slice(0, 4);
  const found = new Map<string, Anniversary>();
  const add = (date: string | undefined, text: string, entry: Entry, source?: string) => {
    if (date?.length !== 10 || date.slice(5) !== monthDay || date.slice(0, 4) >= year) return;
    // One line per entry and date: an agreement's `signed` and its "signed" fact say the same thing.
    const key = `${entry.id}|${date}`;
    if (!found.has(key))
      found.set(key, { date, text, entryId: entry.id, ...(source ? { source } : {}) });
  };
  for (const entry of knowledge.entries) {
    if (entry.kind === 'agreement') add(entry.signed, `${entry.title} signed`, entry);
    if (entry.kind === 'event') add(entry.date, entry.title, entry);
    for (const fact of entry.facts) {
      const source = knowledge.sources.get(fact.source)?.title;
      add(fact.date, `${entry.title}: ${fact.statement}`, entry, source);
    }
  }
  return [...found.values()]
    .sort((a, b) => compareCodeUnits(a.date, b.date) || compareCodeUnits(a.entryId, b.entryId))
    .slice(0, maxAnniversaries);
}

/** Entries reviewed after `since` and no later than the post's date, newest first. */
function changedSince(knowledge: Knowledge, since: string, localDate: string): readonly Entry[] {
  return knowledge.entries
    .filter((entry) => entry.reviewed > since && entry.reviewed <= localDate)
    .sort((a, b) => compareCodeUnits(b.reviewed, a.reviewed) || compareCodeUnits(a.id, b.id))
    .slice(0, maxChanged);
}

const yearsAgo = (date: string, localDate: string) =>
  Number(localDate.slice(0, 4)) - Number(date.slice(0, 4));

/** The daily briefing for a channel and day; `/daily preview` and the scheduler both call this. */
export function composeDailyBriefing(knowledge: Knowledge, input: DailyContentInput): Briefing {
  const { localDate } = input;
  const changes = input.changes ?? [];
  const blocks: BriefingBlock[] = [...changedSinceYesterdayBlocks(changes)];
  const focus = focusFor(knowledge, input.channelKey, localDate);
  const citations: Citation[] = [];
  // The picture the focus's own briefing carries, when it is one the post's text says in full:
  // the map of the claimed units on the territorial obstacle's day, with its caption. An
  // agreement's day carries no timeline: the chart draws every agreement, and its text
  // equivalent (the whole chain's dates) would double the post for one agreement's sake.
  const map = focus ? mapPictureFor(focus, knowledge) : undefined;

  if (focus) {
    const label =
      focus.kind === 'obstacle' ? `Obstacle ${focus.number}: ${focus.title}` : focus.title;
    blocks.push({ type: 'heading', text: `Today's focus: ${label}` });
    blocks.push({ type: 'paragraph', text: focus.summary });
    if (focus.kind === 'obstacle' && focus.points.length > 0) {
      blocks.push({ type: 'list', title: 'Key points', items: focus.points.slice(0, 4) });
    }
    if (focus.kind === 'agreement') {
      const glance = [
        `Signed ${formatDate(focus.signed)}${focus.place ? ` in ${focus.place}` : ''}`,
      ];
      if (focus.fate) glance.push(`What became of it: ${focus.fate}`);
      glance.push(...focus.provisions.slice(0, 3));
      blocks.push({ type: 'list', title: 'At a glance', items: glance });
    }
    if (map) blocks.push({ type: 'paragraph', text: map.caption });
    for (const id of focus.sources) {
      const source = knowledge.sources.get(id);
      if (source) {
        citations.push({
          title: source.title,
          url: source.url,
          ...(source.publisher ? { publisher: source.publisher } : {}),
        });
      }
    }
  }

  const anniversaries = anniversariesOn(knowledge, localDate);
  if (anniversaries.length > 0) {
    const items: BriefingFact[] = anniversaries.map((a) => {
      const years = yearsAgo(a.date, localDate);
      return {
        date: a.date,
        when: formatDate(a.date),
        text: `${a.text} (${years} year${years === 1 ? '' : 's'} ago)`,
        ...(a.source ? { source: a.source } : {}),
      };
    });
    blocks.push({ type: 'facts', title: 'On this day', items });
  }

  const since = input.lastPostDate ?? addDays(localDate, -firstPostLookbackDays);
  const changed = changedSince(knowledge, since, localDate);
  if (changed.length > 0) {
    blocks.push({
      type: 'list',
      title: input.lastPostDate
        ? `New or updated since the last post (${formatDate(input.lastPostDate)})`
        : 'New or updated this week',
      items: changed.map(
        (entry) => `${entry.title} (reviewed ${formatDate(entry.reviewed)}): ${entry.summary}`,
      ),
    });
  }

  if (focus) {
    const more = [focus, ...focus.related.flatMap((id) => knowledge.byId.get(id) ?? [])].slice(
      0,
      4,
    );
    blocks.push({
      type: 'related',
      items: more.map((entry) => ({
        id: entry.id,
        title: entry.title,
        kind: entry.kind,
        request: requestForEntry(entry),
      })),
    });
  }
  if (focus) blocks.push({ type: 'actions', items: [reportAction(focus.id)] });
  if (citations.length > 0) blocks.push({ type: 'citation', items: citations });
  const headlines = (input.headlines ?? []).slice(0, maxHeadlines);
  if (headlines.length > 0) {
    // Last, under their own heading and each with its outlet: news an editor has not checked
    // is never mixed with the knowledge's facts.
    blocks.push({ type: 'heading', text: 'Headlines from the news feeds (not reviewed)' });
    blocks.push({
      type: 'citation',
      items: headlines.map((headline) => ({
        title: headline.title,
        url: headline.link,
        publisher: `${headline.outlet}, not reviewed`,
      })),
    });
  }

  return {
    title: `Daily briefing: ${formatDate(localDate)}`,
    summary: focus
      ? `${changes.length > 0 ? `${changes.length} change${changes.length === 1 ? '' : 's'} to the knowledge since yesterday. ` : ''}Today: ${focus.title}.${anniversaries.length > 0 ? ` On this day: ${anniversaries.length} anniversar${anniversaries.length === 1 ? 'y' : 'ies'}.` : ''}`
      : 'No obstacles or agreements in the knowledge yet.',
    blocks,
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'public',
    outcome: 'daily',
    ...(map ? { picture: map.picture } : {}),
  };
}
