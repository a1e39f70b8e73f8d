import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock } from '../briefing/model.ts';
import type { Knowledge } from '../knowledge/load.ts';

/** A short, ephemeral answer from `/daily`: a confirmation, a refusal or a problem. */
export function dailyReply(
  knowledge: Knowledge,
  title: string,
  text: string,
  options: {
    readonly blocks?: readonly BriefingBlock[];
    readonly outcome?: 'daily' | 'error';
  } = {},
): Briefing {
  return {
    title,
    summary: text,
    blocks: options.blocks ?? [],
    footer: `${knowledge.meta.attribution} · Knowledge as of ${formatDate(knowledge.meta.asOf)}`,
    visibility: 'ephemeral',
    outcome: options.outcome ?? 'daily',
  };
}

/** What the synchronous core answers to `/daily` where no daily service is wired (yet). */
export function composeDailyUnavailable(knowledge: Knowledge): Briefing {
  return dailyReply(
    knowledge,
    'Daily briefings are not available here',
    'Daily posts are set up from Slack or Discord with /daily subscribe, where the bot runs with its store.',
  );
}
