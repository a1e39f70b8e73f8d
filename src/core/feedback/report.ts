import { createHash, createHmac } from 'node:crypto';
import type { BriefingAction, BriefingBlock } from '../briefing/model.ts';
import type { Knowledge } from '../knowledge/load.ts';
import type { Entry, Fact } from '../knowledge/schema.ts';
import type { CommandRequest } from '../request.ts';
import { type NewReport, type ReportReason, reportReasons } from './store.ts';

/** The longest report text kept: enough to say what is wrong and where to look. */
const maxReportDetails = 400;

/** What a report is about: an entry, one of its facts, or a briefing as a whole (`-`). */
export interface ReportTarget {
  readonly entry?: Entry;
  readonly fact?: Fact;
}

/** How each reason reads to people, on every platform. */
export const reasonLabels: Readonly<Record<ReportReason, string>> = {
  wrong: 'Wrong',
  outdated: 'Outdated',
  'missing-source': 'Missing source',
  other: 'Other',
};

/** The words of the report form, which each adapter lays out its own way (a Slack or Discord modal). */
export interface ReportForm {
  readonly title: string;
  /** What is being reported, in one line: the entry's title and the fact's statement. */
  readonly about: string;
  readonly reasonLabel: string;
  readonly reasons: readonly { readonly value: ReportReason; readonly label: string }[];
  readonly detailsLabel: string;
  readonly detailsHint: string;
  readonly maxDetails: number;
  readonly submit: string;
  readonly cancel: string;
  /** Closes the form once the thank-you shows. */
  readonly close: string;
}

/** The "Report a problem" button of a briefing about `entryId` (and one of its facts). */
export function reportAction(entryId?: string, factId?: string): BriefingAction {
  const target = entryId ? (factId ? `${entryId}/${factId}` : entryId) : '-';
  return {
    type: 'report',
    label: 'Report a problem',
    request: { command: 'report', query: target },
  };
}

/**
 * A briefing's blocks with the report button added: into its last actions block when it ends
 * with one (one row of buttons), else as a block of its own.
 */
export function withReportAction(
  blocks: readonly BriefingBlock[],
  action: BriefingAction,
): readonly BriefingBlock[] {
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions') {
    return [...blocks.slice(0, -1), { type: 'actions', items: [...last.items, action] }];
  }
  return [...blocks, { type: 'actions', items: [action] }];
}

/** Reads a target (`entry`, `entry/fact`, `-`); undefined when the knowledge has no such thing. */
export function resolveReportTarget(knowledge: Knowledge, text: string): ReportTarget | undefined {
  if (text === '-' || text === '') return {};
  const [entryId = '', factId, ...rest] = text.split('/');
  if (rest.length > 0) return undefined;
  const entry = knowledge.byId.get(entryId.toLowerCase());
  if (!entry) return undefined;
  if (factId === undefined) return { entry };
  const fact = entry.facts.find((candidate) => candidate.id === factId.toLowerCase());
  return fact ? { entry, fact } : undefined;
}

/** One line saying what a report is about. */
export function describeTarget(target: ReportTarget): string {
  if (!target.entry) return 'This briefing as a whole';
  if (!target.fact) return target.entry.title;
  return `${target.entry.title}: ${target.fact.statement}`;
}

/** The report form's words for a target; the adapters draw it. */
export function reportFormFor(target: ReportTarget): ReportForm {
  return {
    title: 'Report a problem',
    about: describeTarget(target),
    reasonLabel: 'What is wrong?',
    reasons: reportReasons.map((value) => ({ value, label: reasonLabels[value] })),
    detailsLabel: 'Anything the editors should know (optional)',
    detailsHint: 'For example, what the right date is and where it is stated',
    maxDetails: maxReportDetails,
    submit: 'Send',
    cancel: 'Cancel',
    close: 'Close',
  };
}

const reasonWords: ReadonlyMap<string, ReportReason> = new Map([
  ['wrong', 'wrong'],
  ['incorrect', 'wrong'],
  ['outdated', 'outdated'],
  ['old', 'outdated'],
  ['missing-source', 'missing-source'],
  ['source', 'missing-source'],
  ['unsourced', 'missing-source'],
  ['other', 'other'],
]);

/** What `/report target reason [text]` says, or what is missing from it. */
export type ParsedReport =
  | { readonly kind: 'usage' }
  | { readonly kind: 'unknown-target'; readonly typed: string }
  | { readonly kind: 'no-reason'; readonly target: ReportTarget; readonly targetText: string }
  | {
      readonly kind: 'report';
      readonly target: ReportTarget;
      readonly reason: ReportReason;
      readonly details: string;
    };

/** Parses a cleaned `/report` query: target first, then a reason, then free text. */
export function parseReportQuery(knowledge: Knowledge, query: string): ParsedReport {
  const words = query.split(' ').filter((word) => word !== '');
  const [targetText, ...rest] = words;
  if (targetText === undefined) return { kind: 'usage' };
  const target = resolveReportTarget(knowledge, targetText);
  if (!target) return { kind: 'unknown-target', typed: targetText.slice(0, 80) };
  let reason: ReportReason | undefined;
  let used = 0;
  // "missing source", typed as two words, reads as the one reason.
  if (rest[0]?.toLowerCase() === 'missing' && rest[1]?.toLowerCase() === 'source') {
    reason = 'missing-source';
    used = 2;
  } else if (rest[0] !== undefined) {
    reason = reasonWords.get(rest[0].toLowerCase());
    used = 1;
  }
  if (!reason) return { kind: 'no-reason', target, targetText };
  const details = rest.slice(used).join(' ').trim().slice(0, maxReportDetails).trim();
  return { kind: 'report', target, reason, details };
}

/**
 * The reporter as the store keeps them: an HMAC of the platform and user id under a secret key,
 * so reports from one person can be told apart without anyone reading who they are.
 */
export function reporterHash(key: string, platform: string, userId: string): string {
  return createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex').slice(0, 32);
}

/** The report to file: its id is the same for the same report by the same person on the same day. */
export function newReport(
  parsed: Extract<ParsedReport, { kind: 'report' }>,
  request: CommandRequest,
  reporter: string,
  day: string,
): NewReport {
  const entryId = parsed.target.entry?.id ?? null;
  const factId = parsed.target.fact?.id ?? null;
  const id = createHash('sha256')
    .update(JSON.stringify([reporter, entryId, factId, parsed.reason, parsed.details, day]))
    .digest('hex')
    .slice(0, 10);
  return {
    id,
    entryId,
    factId,
    reason: parsed.reason,
    details: parsed.details,
    platform: request.platform,
    channelId: request.channel.id.slice(0, 100),
    reporter,
  };
}
