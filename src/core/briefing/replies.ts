import type { Knowledge } from '../knowledge/load.ts';
import { coverageLine } from './compose.ts';
import type { Briefing, BriefingBlock, BriefingOutcome } from './model.ts';

/**
 * What every adapter says when answering failed (the store, the platform's API, a bug): one
 * wording on every platform. The cause goes to the log, never to the channel.
 */
export const apology =
  'Sorry, something went wrong while preparing that briefing. Please try again in a moment.';

/**
 * The line under a shared answer that says who shared it. The adapter gives the person as its
 * platform writes a mention that notifies no one (`<@U…>` with mentions off); without one, only
 * that it was shared.
 */
export function sharedBy(person?: string): string {
  return person ? `Shared by ${person}` : 'Shared';
}

/** A short, private answer: a confirmation, a refusal or a problem. */
export function shortReply(
  knowledge: Knowledge,
  title: string,
  text: string,
  options: {
    readonly blocks?: readonly BriefingBlock[];
    readonly outcome?: BriefingOutcome;
  } = {},
): Briefing {
  return {
    title,
    summary: text,
    blocks: options.blocks ?? [],
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'ephemeral',
    outcome: options.outcome ?? 'daily',
  };
}

/** The answer to `/daily` where no daily service is wired (the console before its store opens). */
export function composeDailyUnavailable(knowledge: Knowledge): Briefing {
  return shortReply(
    knowledge,
    'Daily briefings are not available here',
    'Daily posts are set up from Slack or Discord with /daily subscribe, where the bot runs with its store.',
  );
}

/** `/daily` where the app answers as a person's own app, without its bot: nothing could be posted. */
export function composeDailyNeedsBot(knowledge: Knowledge): Briefing {
  return shortReply(
    knowledge,
    'Daily briefings need the bot in this server',
    'You are using trucebrief as your own app here, so it cannot post in this channel. Ask a server admin to add trucebrief to the server, then run /daily subscribe again.',
  );
}

/**
 * The answer to a command the bot does not know: a typo in the console or a mention, or a
 * command an older version registered with Discord. Suggests the closest names.
 */
export function composeUnknownCommand(
  typed: string,
  suggestions: readonly string[],
  knowledge: Knowledge,
  askForHelp = '/help',
): Briefing {
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((c) => `/${c}`).join(' or ')}?` : '';
  return shortReply(
    knowledge,
    'Unknown command',
    `Unknown command /${typed}.${hint} Type ${askForHelp} for the list.`,
    { outcome: 'error' },
  );
}

/**
 * The answer to someone asking faster than the rate limits allow: private, friendly, and saying
 * when to try again, so nobody mistakes it for the bot being down.
 */
export function composeSlowDown(
  knowledge: Knowledge,
  scope: 'user' | 'channel',
  retryAfterMs: number,
): Briefing {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = `${seconds} second${seconds === 1 ? '' : 's'}`;
  const who =
    scope === 'user'
      ? 'You have sent a lot of commands in a short time.'
      : 'This channel has sent a lot of commands in a short time.';
  return shortReply(knowledge, 'One moment, please', `${who} Please try again in ${wait}.`, {
    outcome: 'error',
  });
}

/** `/brief changes` with a "since" it cannot read: say which forms it takes. */
export function composeSinceProblem(knowledge: Knowledge, typed: string): Briefing {
  return shortReply(
    knowledge,
    'Since when?',
    `I cannot read “${typed.slice(0, 40)}” as a time. Try /brief changes 7d, /brief changes 2w, /brief changes yesterday or /brief changes 2025-06-01.`,
    { outcome: 'error' },
  );
}
