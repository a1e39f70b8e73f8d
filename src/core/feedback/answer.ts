import type { Briefing } from '../briefing/model.ts';
import { shortReply } from '../briefing/replies.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { CommandRequest } from '../request.ts';
import {
  describeTarget,
  newReport,
  parseReportQuery,
  reasonLabels,
  reporterHash,
} from './report.ts';
import { type FeedbackStore, reportReasons } from './store.ts';

const usage = [
  'Type /report, then what it is about (the entry id, or entry/fact, as the Report button gives it), then a reason, then what is wrong:',
  '/report budapest-memorandum/signed wrong it was signed on 5 December 1994',
];
const reasonsLine = `Reasons: ${reportReasons.join(', ')}.`;

/**
 * Answers `/report target reason [text]`, typed in the console or sent from a platform's report
 * form: files the report (once, however often it is sent) and thanks the reporter privately.
 */
export async function composeReport(
  knowledge: Knowledge,
  request: CommandRequest,
  feedback: { readonly store: FeedbackStore; readonly hashKey: string } | undefined,
  now: () => number,
): Promise<Briefing> {
  const refuse = (title: string, lines: readonly string[]) =>
    shortReply(knowledge, title, lines[0] ?? '', {
      blocks: lines.length > 1 ? [{ type: 'list', items: lines.slice(1) }] : [],
      outcome: 'error',
    });
  if (!feedback) {
    return refuse('Reports are not taken here', [
      'This bot runs without its store, so it cannot keep a report. Please tell the editors directly.',
    ]);
  }
  const parsed = parseReportQuery(knowledge, request.query);
  switch (parsed.kind) {
    case 'usage':
      return refuse('Report a problem', [...usage, reasonsLine]);
    case 'unknown-target':
      return refuse('Nothing to report by that name', [
        `The knowledge has no entry or fact “${parsed.typed}”. Use the id the Report button gives, e.g. budapest-memorandum or budapest-memorandum/signed.`,
      ]);
    case 'no-reason':
      return refuse('Why is it a problem?', [
        `About: ${describeTarget(parsed.target)}. Add a reason after ${parsed.targetText}: ${reportReasons.join(', ')}.`,
        `/report ${parsed.targetText} outdated what has changed since`,
      ]);
    case 'report': {
      const day = new Date(now()).toISOString().slice(0, 10);
      const reporter = reporterHash(feedback.hashKey, request.platform, request.user.id);
      const { report } = await feedback.store.addReport(newReport(parsed, request, reporter, day));
      return shortReply(
        knowledge,
        'Thank you: your report is with the editors',
        `${reasonLabels[report.reason]}: ${describeTarget(parsed.target)}`,
        {
          blocks: [
            {
              type: 'paragraph',
              text: `The editors review reports every week and correct the knowledge where it is wrong. Reference: ${report.id}.`,
            },
          ],
          outcome: 'report',
        },
      );
    }
  }
}
