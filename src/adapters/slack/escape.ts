/**
 * Slack's control characters are `&`, `<` and `>`: every mention (`<!channel>`, `<!here>`, `<@U…>`)
 * and link needs a literal `<`, so escaping these three makes any text inert.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
import { dropUnsafeCharacters } from '../../core/index.ts';
import { truncate } from '../truncate.ts';

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Legacy broadcast words Slack may still auto-link when a message is parsed (`parse: full`,
 * `link_names`). A word joiner after the `@` keeps them readable and unlinkable whatever the
 * payload settings. https://docs.slack.dev/messaging/formatting-message-text#automatic-parsing
 */
const broadcastWord = /@(channel|here|everyone)\b/gi;

/**
 * Escapes text for any Slack text field so it shows as typed and can never mention anyone; NUL and
 * bidirectional overrides are dropped, so quoted text cannot read backwards or cut a field short.
 */
export function escapeSlackText(text: string): string {
  const safe = dropUnsafeCharacters(text);
  // Most knowledge text has nothing to escape: one scan instead of two replacements (the
  // renderer escapes every string of every reply).
  if (!needsEscaping.test(safe)) return safe;
  return safe
    .replace(/[&<>]/g, (char) => entities[char] ?? char)
    .replace(broadcastWord, '@\u2060$1');
}

/** What escaping changes: a control character, or an `@` that may start a broadcast word. */
const needsEscaping = /[&<>@]/;

/**
 * Turns text Slack sent us (slash command text, mention events) back into what the person typed:
 * mentions and links become their labels and entities are decoded, so the core sees plain text.
 * https://docs.slack.dev/messaging/formatting-message-text#retrieving-messages
 */
export function decodeSlackText(text: string): string {
  // Most queries are plain words: nothing to decode.
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (label !== undefined && label !== '') {
        if (target.startsWith('@')) return label.startsWith('@') ? label : `@${label}`;
        if (target.startsWith('#')) return `#${label}`;
        return label;
      }
      if (target.startsWith('!subteam^')) return '@group';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      return target;
    })
    .replace(/&(amp|lt|gt);/g, (_, name: string) =>
      name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
    );
}

/** Longest link label; a link is cut whole or not at all, so it must fit well inside a section. */
const maxLinkLabel = 300;
/** Longest URL made a link; longer ones are shown as text, which can be split safely. */
const maxLinkUrl = 1000;

/** A URL Slack can show inside `<url|label>`: http(s), and nothing that would end the link early. */
function isLinkableUrl(url: string): boolean {
  return (
    url.length <= maxLinkUrl &&
    /^https?:\/\/[^\s<>|]+$/i.test(url) &&
    dropUnsafeCharacters(url) === url
  );
}

/** A mrkdwn link with an escaped label, or the escaped label and URL as text when the URL is odd. */
export function slackLink(url: string, label: string): string {
  if (!isLinkableUrl(url)) return `${escapeSlackText(label)} (${escapeSlackText(url)})`;
  // Inside <…> Slack decodes &amp; back to &, so escaping keeps query strings intact.
  const shortLabel = truncate(label, maxLinkLabel, { tidy: (kept) => kept.trimEnd() });
  return `<${url.replace(/&/g, '&amp;')}|${escapeSlackText(shortLabel)}>`;
}
