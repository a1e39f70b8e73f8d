import { z } from 'zod';
import { KnowledgeError, type KnowledgeProblem } from '../knowledge/errors.ts';
import type { ParsedFile } from '../knowledge/yaml-location.ts';

const keyword = z.string().trim().min(1, { error: 'a keyword must not be empty' });

/** One feed an editor follows, as written in feeds.yaml. */
export const feedSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'expected a kebab-case id like kyiv-independent',
  }),
  outlet: z.string().trim().min(1, { error: 'expected the outlet name people know' }).max(80),
  url: z
    .url({ error: 'expected the feed URL' })
    .refine((url) => /^https?:\/\//i.test(url), { error: 'expected an http or https URL' }),
  /** Keep only items whose title or summary holds one of these; empty keeps every item. */
  allow: z.array(keyword).default([]),
  /** Drop items whose title or summary holds one of these. */
  deny: z.array(keyword).default([]),
  /** Minutes between polls of this feed; default FEEDS_POLL_MINUTES. */
  everyMinutes: z.number().int().min(5).max(1440).optional(),
});

/** A feed as configured. */
export type FeedConfig = z.infer<typeof feedSchema>;

const feedsFileSchema = z.strictObject({
  feeds: z.array(feedSchema).default([]),
});

/**
 * Reads feeds.yaml: a `feeds:` list. Every problem is reported together as `file:line path:
 * message`, as the knowledge's are, and two feeds may not share an id. The YAML reader is imported
 * here, when first needed: a bot with no feeds, or started from its knowledge snapshot, never loads
 * the YAML parser at all.
 */
export async function parseFeedsFile(file: string, text: string): Promise<readonly FeedConfig[]> {
  const { formatPath, lineOf, locate } = await import('../knowledge/yaml-location.ts');
  const located: ParsedFile = { file, text };
  const { doc: document } = locate(located);
  const problems: KnowledgeProblem[] = document.errors.map((error) => ({
    file,
    line: error.linePos?.[0]?.line ?? 0,
    path: '',
    message: error.message.split('\n')[0] ?? 'invalid YAML',
  }));
  if (problems.length > 0) throw new KnowledgeError(problems);
  const parsed = feedsFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    throw new KnowledgeError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
        return {
          file,
          line: lineOf(located, path),
          path: formatPath(path),
          message: issue.message,
        };
      }),
      { cause: parsed.error },
    );
  }
  const seen = new Set<string>();
  for (const [index, feed] of parsed.data.feeds.entries()) {
    if (seen.has(feed.id)) {
      problems.push({
        file,
        line: lineOf(located, ['feeds', index, 'id']),
        path: `feeds[${index}].id`,
        message: `duplicate feed id ${feed.id}`,
      });
    }
    seen.add(feed.id);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return parsed.data.feeds;
}

const folded = (text: string) => ` ${text.toLocaleLowerCase().replace(/\s+/g, ' ')} `;

/** Whether a keyword list names this text: whole words or phrases, case ignored. */
function mentions(text: string, keywords: readonly string[]): boolean {
  const haystack = folded(text.replace(/[^\p{L}\p{N}]+/gu, ' '));
  return keywords.some((word) => haystack.includes(folded(word.replace(/[^\p{L}\p{N}]+/gu, ' '))));
}

/** Whether the feed's allow and deny lists let an item through. */
export function keptByKeywords(feed: FeedConfig, text: string): boolean {
  if (feed.deny.length > 0 && mentions(text, feed.deny)) return false;
  return feed.allow.length === 0 || mentions(text, feed.allow);
}
