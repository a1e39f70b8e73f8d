import type { Knowledge } from '../knowledge/load.ts';
import type { Agreement, Entry } from '../knowledge/schema.ts';
import { compareCodeUnits } from '../text-order.ts';
import { formatDate } from './dates.ts';
import type { BriefingPicture, MapUnit, TimelineAgreement, TimelineEvent } from './model.ts';

/** The timeline starts with the treaties of 1990, the year before independence. */
const timelineStart = '1990';

/**
 * The events marked on the timeline, by entry id, with a label short enough for the chart: the
 * annexations, the invasion and the main rounds of talks. An id the knowledge lacks is skipped.
 */
const keyEvents: Readonly<Record<string, string>> = {
  'independence-referendum-1991': 'Independence vote',
  'annexation-of-crimea': 'Crimea annexed',
  'full-scale-invasion': 'Full-scale invasion',
  'istanbul-talks-2022': 'Istanbul talks',
  'annexation-2022': 'Four oblasts annexed',
  'alaska-summit-2025': 'Alaska summit',
  'trilateral-talks-2026': 'Trilateral talks',
};

/**
 * The six units both constitutions claim, by ISO 3166-2 code, with the place entry on each; the
 * map selects them by code, never by which state a data set files them under.
 */
const claimedUnits: readonly {
  readonly entryId: string;
  readonly code: string;
  readonly name: string;
}[] = [
  { entryId: 'crimea', code: 'UA-43', name: 'Autonomous Republic of Crimea' },
  { entryId: 'sevastopol', code: 'UA-40', name: 'Sevastopol' },
  { entryId: 'donetsk-oblast', code: 'UA-14', name: 'Donetsk' },
  { entryId: 'luhansk-oblast', code: 'UA-09', name: 'Luhansk' },
  { entryId: 'zaporizhzhia-oblast', code: 'UA-23', name: 'Zaporizhzhia' },
  { entryId: 'kherson-oblast', code: 'UA-65', name: 'Kherson' },
];

/** ISO 3166-2 codes of the units the map highlights, for the picture renderer to require. */
export const claimedUnitCodes: readonly string[] = claimedUnits.map((unit) => unit.code);

/** The obstacle on the constitutions' conflicting claims, which the map illustrates. */
const territorialObstacle = 1;

const maxLabel = 34;

// The chart is in English: an alias in Cyrillic would be shorter but not the chart's language.
const latinText = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u;

/** A name that fits a chart row: the title, or the shortest Latin alias when the title is long. */
function shortName(entry: Entry): string {
  if (entry.title.length <= maxLabel) return entry.title;
  const shortest = entry.aliases
    .filter((alias) => latinText.test(alias))
    .sort((a, b) => a.length - b.length)[0];
  return shortest && shortest.length < entry.title.length ? shortest : entry.title;
}

function latest(dates: readonly string[]): string | undefined {
  return [...dates].sort().at(-1);
}

function timelineAgreement(agreement: Agreement): TimelineAgreement {
  const dated = (topic: 'ended' | 'violated') =>
    agreement.facts.flatMap((fact) => (fact.topic === topic && fact.date ? [fact.date] : []));
  // The first recorded breach, and the last step that ended it (notice, then expiry).
  const broken = [...dated('violated')].sort()[0];
  const ended = latest(dated('ended'));
  return {
    label: shortName(agreement),
    signed: agreement.signed,
    ...(broken ? { broken } : {}),
    ...(ended ? { ended } : {}),
  };
}

function agreementLine(agreement: Agreement, row: TimelineAgreement): string {
  const steps = [`signed ${formatDate(row.signed)}`];
  if (row.broken) steps.push(`broken ${formatDate(row.broken)}`);
  steps.push(row.ended ? `ended ${formatDate(row.ended)}` : 'no end recorded');
  return `${agreement.title}: ${steps.join(', ')}`;
}

/**
 * The timeline chart of `/timeline` and `/agreement`: every agreement from its signing to its
 * end, the key events, 1990 to the coverage date; and the same as lines of text.
 */
export function timelinePicture(knowledge: Knowledge): {
  picture: BriefingPicture;
  lines: string[];
} {
  const agreements = knowledge.entries
    .flatMap((entry) => (entry.kind === 'agreement' ? [entry] : []))
    .filter((agreement) => agreement.signed >= timelineStart)
    .sort((a, b) => compareCodeUnits(a.signed, b.signed));
  const rows = agreements.map(timelineAgreement);
  const events: TimelineEvent[] = Object.entries(keyEvents).flatMap(([id, label]) => {
    const entry = knowledge.byId.get(id);
    return entry?.kind === 'event' ? [{ label, date: entry.date }] : [];
  });
  const eventLines = events.map((event) => `${event.label}: ${formatDate(event.date)}`);
  const lines = [
    ...agreements.map((agreement, i) =>
      agreementLine(agreement, rows[i] ?? timelineAgreement(agreement)),
    ),
    ...(eventLines.length > 0 ? [`Key events: ${eventLines.join('; ')}`] : []),
  ];
  const to = knowledge.coverageEnd;
  return {
    picture: {
      kind: 'timeline',
      title: 'Agreements signed and broken since 1990',
      alt: `Timeline chart of ${rows.length} agreements from ${timelineStart} to ${formatDate(to)}, each marked where it was signed and, where recorded, broken and ended, with ${events.length} key events from the ${events[0]?.label.toLowerCase() ?? 'start'} to the ${events.at(-1)?.label.toLowerCase() ?? 'end'}. The dates are listed in the text.`,
      from: timelineStart,
      to,
      agreements: rows,
      events,
      source: `Source: trucebrief knowledge base, cited sources; covers events through ${formatDate(to)}`,
    },
    lines,
  };
}

/** The map of the claimed units, for the territorial obstacle and the claimed units' own entries. */
export function mapPictureFor(
  entry: Entry,
  knowledge: Knowledge,
): { picture: BriefingPicture; caption: string } | undefined {
  const own = claimedUnits.find((unit) => unit.entryId === entry.id);
  const shown =
    own !== undefined || (entry.kind === 'obstacle' && entry.number === territorialObstacle);
  if (!shown) return undefined;
  return claimedMap(knowledge, own?.code);
}

/** The map of the six claimed units, with one of them outlined when `focus` names it. */
function claimedMap(
  knowledge: Knowledge,
  focus?: string,
): { picture: BriefingPicture; caption: string } {
  const units: MapUnit[] = claimedUnits.map((unit) => ({ code: unit.code, name: unit.name }));
  const names = units.map((unit) => unit.name);
  const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return {
    picture: {
      kind: 'map',
      title: 'The six Ukrainian units both constitutions claim',
      alt: `Map of Ukraine in its internationally recognised borders, with its oblasts and neighbours. Highlighted: ${list}.`,
      claimed: units,
      ...(focus ? { focus } : {}),
      source: `trucebrief; covers events through ${formatDate(knowledge.coverageEnd)}`,
    },
    caption: `Map: Ukraine in its internationally recognised borders. Highlighted are the six units that both Ukraine's and Russia's constitutions claim: ${list}.`,
  };
}

/** A picture by kind, for the CLI's `render` and the benchmarks. */
export function pictureOfKind(
  kind: BriefingPicture['kind'],
  knowledge: Knowledge,
): BriefingPicture {
  return kind === 'timeline' ? timelinePicture(knowledge).picture : claimedMap(knowledge).picture;
}

/**
 * Every picture the knowledge gives: the timeline, the map, and the map with each claimed unit
 * outlined. The picture route serves only these, so a URL cannot ask for anything else drawn.
 */
export function everyPicture(knowledge: Knowledge): BriefingPicture[] {
  return [
    timelinePicture(knowledge).picture,
    claimedMap(knowledge).picture,
    ...claimedUnits.map((unit) => claimedMap(knowledge, unit.code).picture),
  ];
}
