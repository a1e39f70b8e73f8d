import type { Knowledge } from '../knowledge/load.ts';
import { coverageLine } from './compose.ts';
import type { Briefing, BriefingBlock, BriefingOutcome } from './model.ts';

/**
 * What every adapter says when answering failed (the store, the platform's API, a bug): one
 * wording on every platform. The cause goes to the log, never to the channel.
 */
export const apology =
  'Sorry, something went wrong while preparing that briefing. Please try again in a moment.';

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

/**
 * The answer to a command the bot does not know: a typo in the console or a mention, or a
 * command an older version registered with Discord. Suggests the closest names.
 */
export function composeUnknownCommand(
  typed: string,
  suggestions: readonly string[],
  knowledge: Knowledge,
): Briefing {
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((c) => `/${c}`).join(' or ')}?` : '';
  return shortReply(
    knowledge,
    'Unknown command',
    `Unknown command /${typed}.${hint} Type /help for the list.`,
    { outcome: 'error' },
  );
}
