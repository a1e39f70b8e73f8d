import type { FeedItem } from './items.ts';

/** A kebab-case id from a title: its first words, ASCII letters and digits only. */
function slug(text: string, words: number): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, words)
    .join('-');
  return ascii === '' ? 'untitled' : ascii;
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * A YAML skeleton of a new event, with its source filled from a feed item, for an editor to
 * complete and move into the knowledge: it validates as it is, but every TODO must be replaced
 * by what the source says, and the event may instead become a fact of an existing entry. The YAML
 * writer is imported when first needed, so the bot's start-up never compiles it.
 */
export async function promoteSkeleton(item: FeedItem, today: number): Promise<string> {
  const { Document } = await import('yaml');
  const day = isoDay(item.publishedAt ?? item.foundAt);
  const sourceId = `${slug(item.outlet, 3)}-${day}-${slug(item.title, 5)}`;
  const document = new Document({
    sources: [
      {
        id: sourceId,
        title: item.title,
        url: item.link,
        publisher: item.outlet,
        published: day,
        accessed: isoDay(today),
      },
    ],
    events: [
      {
        id: slug(item.title, 6),
        title: `TODO: ${item.title}`,
        summary: 'TODO: one line on what happened, in your own words',
        body: 'TODO: what happened and why it matters, as the source states it',
        date: day,
        sources: [sourceId],
        reviewed: isoDay(today),
        facts: [
          {
            id: 'todo',
            statement: 'TODO: one dated statement the source supports',
            date: day,
            source: sourceId,
          },
        ],
      },
    ],
  });
  document.commentBefore = [
    ` Draft from feed item ${item.id} (${item.outlet}), not reviewed.`,
    ' Check the story against the source, replace every TODO, then move the source into',
    ' knowledge/sources.yaml and the event into knowledge/events.yaml (or the fact into an',
    ' existing entry), run npm run knowledge:check and commit.',
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
