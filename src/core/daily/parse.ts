import { canonicalTimeZone, parseTimeOfDay } from '../schedule/time-zone.ts';

/** A `/daily` query, parsed; mistakes are values the service turns into a clear reply. */
export type DailyCommand =
  | { readonly kind: 'subscribe'; readonly time?: string; readonly timeZone?: string }
  | { readonly kind: 'unsubscribe' }
  | { readonly kind: 'status' }
  | { readonly kind: 'preview' }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly problem: string };

/** Where people can look up zone names. */
const timeZoneListUrl = 'https://en.wikipedia.org/wiki/List_of_tz_database_time_zones';

const aliases: Readonly<
  Record<string, 'subscribe' | 'unsubscribe' | 'status' | 'preview' | 'help'>
> = {
  subscribe: 'subscribe',
  sub: 'subscribe',
  start: 'subscribe',
  unsubscribe: 'unsubscribe',
  unsub: 'unsubscribe',
  stop: 'unsubscribe',
  status: 'status',
  preview: 'preview',
  help: 'help',
};

/**
 * Parses `subscribe [time] [timezone]`, `unsubscribe`, `status` or `preview`. Time and zone may
 * come in either order ("subscribe Europe/Kyiv 7:30 pm"); adapters with typed options join them.
 */
export function parseDailyQuery(query: string): DailyCommand {
  const words = query
    .trim()
    .replace(/(\d)\s+(am|pm)\b/gi, '$1$2')
    .split(/\s+/)
    .filter(Boolean);
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'help' };
  const kind = aliases[first.toLowerCase()];
  if (!kind) {
    return {
      kind: 'invalid',
      problem: `"${first}" is not a /daily subcommand. Use subscribe, unsubscribe, status or preview.`,
    };
  }
  if (kind !== 'subscribe') {
    return rest.length === 0
      ? { kind }
      : { kind: 'invalid', problem: `/daily ${kind} takes no options (got "${rest.join(' ')}").` };
  }
  let time: string | undefined;
  let timeZone: string | undefined;
  for (const word of rest) {
    const asTime = time === undefined ? parseTimeOfDay(word) : undefined;
    if (asTime !== undefined) {
      time = asTime;
      continue;
    }
    if (timeZone === undefined) {
      const zone = canonicalTimeZone(word);
      if (zone === undefined) {
        return {
          kind: 'invalid',
          problem: /^\d/.test(word)
            ? `"${word}" is not a time. Use 24-hour HH:MM, e.g. 07:30 or 18:00.`
            : `"${word}" is not a time zone I know. Use an IANA name such as Europe/Kyiv, Europe/London or America/New_York (see ${timeZoneListUrl}).`,
        };
      }
      timeZone = zone;
      continue;
    }
    return {
      kind: 'invalid',
      problem: `Too many options: "${word}". Use /daily subscribe [time] [timezone], e.g. /daily subscribe 07:30 Europe/Kyiv.`,
    };
  }
  return {
    kind: 'subscribe',
    ...(time !== undefined ? { time } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}
