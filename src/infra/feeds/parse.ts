import { decodeHTML } from 'entities';
import { parseFeed } from 'feedsmith';
import { dropUnsafeCharacters, type FeedEntry } from '../../core/index.ts';

/** Titles longer than this are cut: a headline, not an article. */
const maxTitleLength = 300;
const maxSummaryLength = 2000;

const stripTags = (text: string) =>
  text.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');

/**
 * Markup and entities out, plain text left, before any renderer sees it: tags stripped, entities
 * decoded (feeds often escape twice), tags stripped again, controls dropped, spaces collapsed.
 */
function plainText(text: string | undefined, max = maxTitleLength): string {
  if (!text) return '';
  const plain = stripTags(decodeHTML(stripTags(text)));
  return dropUnsafeCharacters(plain).replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/** The parser types dates as it was asked to (strings here); read them as text or not at all. */
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const dateOf = (text: string | undefined): number | undefined => {
  if (!text) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
};

type Parsed = ReturnType<typeof parseFeed>;

/** The items of an RSS 2.0, RSS 1.0 (RDF), Atom or JSON feed, as plain text; throws when it is none. */
export function parseFeedText(text: string): readonly FeedEntry[] {
  const parsed: Parsed = parseFeed(text);
  const entry = (fields: {
    title?: string | undefined;
    link?: string | undefined;
    guid?: string | undefined;
    date?: string | undefined;
    summary?: string | undefined;
  }): FeedEntry => {
    const publishedAt = dateOf(fields.date);
    const guid = fields.guid?.trim();
    const summary = plainText(fields.summary, maxSummaryLength);
    return {
      title: plainText(fields.title),
      link: (fields.link ?? '').trim(),
      ...(guid ? { guid } : {}),
      ...(publishedAt === undefined ? {} : { publishedAt }),
      ...(summary ? { summary } : {}),
    };
  };
  switch (parsed.format) {
    case 'rss':
      return (parsed.feed.items ?? []).map((item) =>
        entry({
          title: item.title,
          link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
          guid: item.guid?.value,
          date: str(item.pubDate) ?? str(item.dc?.dates?.[0]),
          summary: item.description,
        }),
      );
    case 'atom':
      return (parsed.feed.entries ?? []).map((item) => {
        const links = item.links ?? [];
        const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        return entry({
          title: item.title?.value,
          link: link?.href,
          guid: item.id,
          date: str(item.published) ?? str(item.updated),
          summary: item.summary?.value ?? item.content?.value,
        });
      });
    case 'rdf':
      return (parsed.feed.items ?? []).map((item) =>
        entry({
          title: item.title,
          link: item.link,
          guid: item.rdf?.about,
          date: str(item.dc?.dates?.[0]),
          summary: item.description,
        }),
      );
    case 'json':
      return (parsed.feed.items ?? []).map((item) =>
        entry({
          title: item.title,
          link: item.url,
          guid: item.id,
          date: str(item.date_published),
          summary: item.summary ?? item.content_text,
        }),
      );
  }
}
