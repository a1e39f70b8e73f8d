import { createHash } from 'node:crypto';

/** An item as a feed gave it, its text already plain (the infra strips markup and entities). */
export interface FeedEntry {
  readonly title: string;
  readonly link: string;
  /** The feed's own id for the item (RSS guid, Atom id), when it has one. */
  readonly guid?: string;
  /** Epoch ms, when the feed dates the item. */
  readonly publishedAt?: number;
  /** The item's summary as plain text, read only by the keyword lists. */
  readonly summary?: string;
}

/** An item to queue for the editors, keyed so the same story from two feeds is kept once. */
export interface NewFeedItem {
  /** Short and stable: what `review promote ITEM` takes. */
  readonly id: string;
  readonly linkKey: string;
  /** Null when the feed gives no id. */
  readonly guidKey: string | null;
  readonly feedId: string;
  readonly outlet: string;
  readonly title: string;
  readonly link: string;
  readonly publishedAt: number | null;
}

/** What editors do with a queued item. */
export type FeedItemStatus = 'new' | 'promoted' | 'dismissed';

/** A queued feed item, with when it was first found (the store's clock). */
export interface FeedItem extends NewFeedItem {
  readonly foundAt: number;
  readonly status: FeedItemStatus;
}

/** A headline for the daily post: never a fact, always labelled with its outlet. */
export interface Headline {
  readonly outlet: string;
  readonly title: string;
  readonly link: string;
}

// Tracking parameters differ between the copies of one story that several feeds link to.
const trackingParameter = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|at_[a-z_]+)$/i;

/**
 * A link as it is compared: scheme and host lower case, no fragment, no tracking parameters, no
 * `www.`, no trailing slash, the rest sorted; undefined for anything but http(s).
 */
function canonicalLink(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !trackingParameter.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const host = url.host.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${path}${query}`;
}

/**
 * A guid as it is compared across feeds: one that is a URL or a URN names the story everywhere;
 * a bare number or word is only unique within its own feed, so it is kept with the feed's id.
 */
function guidKey(feedId: string, guid: string | undefined): string | null {
  const trimmed = guid?.trim();
  if (!trimmed) return null;
  const asLink = canonicalLink(trimmed);
  if (asLink) return asLink;
  return trimmed.includes(':') ? trimmed.slice(0, 500) : `${feedId}:${trimmed.slice(0, 400)}`;
}

/** The item to queue for an entry of a feed; undefined when it has no http(s) link or no title. */
export function toFeedItem(
  feed: { readonly id: string; readonly outlet: string },
  entry: FeedEntry,
): NewFeedItem | undefined {
  const linkKey = canonicalLink(entry.link);
  if (!linkKey || entry.title === '') return undefined;
  return {
    id: createHash('sha256').update(linkKey).digest('hex').slice(0, 10),
    linkKey,
    guidKey: guidKey(feed.id, entry.guid),
    feedId: feed.id,
    outlet: feed.outlet,
    title: entry.title,
    link: entry.link.trim(),
    publishedAt: entry.publishedAt ?? null,
  };
}
