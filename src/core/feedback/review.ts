import { coverageLine } from '../briefing/compose.ts';
import { formatDate } from '../briefing/dates.ts';
import type { Briefing, BriefingBlock } from '../briefing/model.ts';
import type { Knowledge } from '../knowledge/load.ts';
import { describeTarget, reasonLabels, resolveReportTarget } from './report.ts';
import type { Since } from './since.ts';
import type { Report, UnansweredQuestion } from './store.ts';

/** A report as editors read it: what it says, and the fact it points at as the knowledge has it now. */
export interface ReviewedReport {
  readonly report: Report;
  /** The entry and fact in words; says so when the knowledge no longer has them. */
  readonly about: string;
  readonly fact: {
    readonly statement: string;
    readonly date: string | null;
    readonly source: string;
  } | null;
}

/** What the editors' view shows: open reports, the most asked unanswered questions, new feed items. */
export interface ReviewView {
  readonly reports: readonly ReviewedReport[];
  readonly unanswered: readonly UnansweredQuestion[];
  readonly newFeedItems: number;
  readonly since?: Since;
}

/** Each report with the fact it points at, read from the knowledge as it is now. */
export function reviewReports(
  knowledge: Knowledge,
  reports: readonly Report[],
): readonly ReviewedReport[] {
  return reports.map((report) => {
    const target = report.entryId
      ? resolveReportTarget(
          knowledge,
          report.factId ? `${report.entryId}/${report.factId}` : report.entryId,
        )
      : {};
    const gone = `${report.entryId}${report.factId ? `/${report.factId}` : ''} (no longer in the knowledge)`;
    const fact = target?.fact;
    return {
      report,
      about: target ? describeTarget(target) : gone,
      fact: fact
        ? { statement: fact.statement, date: fact.date ?? null, source: fact.source }
        : null,
    };
  });
}

const day = (at: number) => formatDate(new Date(at).toISOString().slice(0, 10));

/** One report in one line: its id first, since that is what `review resolve` takes. */
function reportLine({ report, about }: ReviewedReport): string {
  const where = report.entryId
    ? `${report.entryId}${report.factId ? `/${report.factId}` : ''}`
    : 'whole briefing';
  const said = report.details ? ` “${report.details}”` : '';
  return `${report.id} · ${reasonLabels[report.reason]} · ${about} [${where}]${said} · ${report.platform}, ${day(report.createdAt)}`;
}

function questionLine(question: UnansweredQuestion): string {
  const times = `${question.count} time${question.count === 1 ? '' : 's'}`;
  const kind = question.outcome === 'abstained' ? 'not sure' : 'nothing found';
  const took = question.accepted
    ? ` · then opened ${question.accepted} (${question.acceptedCount}×)`
    : '';
  return `“${question.text}” · ${times}, ${kind}, last ${day(question.lastSeen)}${took}`;
}

/**
 * The editors' view as a briefing: the CLI prints it, and the weekly digest posts it to
 * EDITORS_CHANNEL through the same renderers as every briefing.
 */
export function composeReview(
  knowledge: Knowledge,
  view: ReviewView,
  title = 'For the editors',
): Briefing {
  const blocks: BriefingBlock[] = [];
  blocks.push({
    type: 'list',
    title: `Open problem reports (${view.reports.length})`,
    items: view.reports.length > 0 ? view.reports.map(reportLine) : ['None: nothing waits.'],
  });
  blocks.push({
    type: 'list',
    title: `Most asked, not answered${view.since ? ` (since ${view.since.label})` : ''}`,
    items:
      view.unanswered.length > 0
        ? view.unanswered.map(questionLine)
        : ['None: every question found its answer.'],
  });
  if (view.newFeedItems > 0) {
    blocks.push({
      type: 'paragraph',
      text: `${view.newFeedItems} new item${view.newFeedItems === 1 ? '' : 's'} from the news feeds wait for review: npm run -s cli -- review feeds.`,
    });
  }
  blocks.push({
    type: 'paragraph',
    text: 'Close a report once handled: npm run -s cli -- review resolve ID --note "what was done". docs/editors.md has the whole loop.',
  });
  return {
    title,
    summary: `${view.reports.length} open report${view.reports.length === 1 ? '' : 's'}, ${view.unanswered.length} unanswered question${view.unanswered.length === 1 ? '' : 's'}.`,
    blocks,
    footer: `${knowledge.meta.attribution} · ${coverageLine(knowledge)}`,
    visibility: 'public',
    outcome: 'report',
  };
}
