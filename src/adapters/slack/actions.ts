import { z } from 'zod';
import { type ActionRequest, isCommandName, maxQueryLength } from '../../core/index.ts';
import { slackLimits } from './limits.ts';

/** Prefix of every button's action_id; Bolt routes clicks on it back to the adapter. */
const actionIdPrefix = 'trucebrief';

/** What a button does when clicked: post the briefing publicly, run another lookup, or open the report form. */
export type SlackActionKind = 'share' | 'run' | 'report';

const kinds: readonly SlackActionKind[] = ['share', 'run', 'report'];

/**
 * Matches the action_id of every button of ours, the kind captured; ids carry an index because
 * Slack wants them unique per message.
 */
export const actionIdPattern = new RegExp(`^${actionIdPrefix}\\.(${kinds.join('|')})\\.\\d+$`);

/** The kind of button an action_id belongs to, or undefined when it is not one of ours. */
export function actionKindOf(id: string): SlackActionKind | undefined {
  const kind = actionIdPattern.exec(id)?.[1];
  return kinds.find((known) => known === kind);
}

/** The action_id of the `index`th button of a kind in one message. */
export function actionId(kind: SlackActionKind, index: number): string {
  return `${actionIdPrefix}.${kind}.${index}`;
}

// A button value comes back from Slack on click: anyone who can craft a payload can put
// anything in it, so it is parsed like any other input.
const actionValueSchema = z.object({
  c: z.string().refine(isCommandName),
  q: z.string().max(maxQueryLength),
});

/** Packs a request into a button value that fits Slack's limit, shortening the query if it must. */
export function encodeActionValue(request: ActionRequest): string {
  let query = request.query.slice(0, maxQueryLength);
  let value = JSON.stringify({ c: request.command, q: query });
  while (value.length > slackLimits.buttonValue) {
    query = query.slice(0, Math.floor(query.length / 2));
    value = JSON.stringify({ c: request.command, q: query });
  }
  return value;
}

/** Unpacks a button value into a request, or undefined when it is not one of ours. */
export function decodeActionValue(value: string | undefined): ActionRequest | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = actionValueSchema.safeParse(json);
  if (!parsed.success || !isCommandName(parsed.data.c)) return undefined;
  return { command: parsed.data.c, query: parsed.data.q };
}
