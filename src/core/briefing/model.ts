import type { CommandName } from '../commands.ts';
import type { EntryKind } from '../knowledge/schema.ts';

/** A request an action re-runs when clicked: the same command and query, on the same platform. */
export interface ActionRequest {
  readonly command: CommandName;
  readonly query: string;
}

/** A dated statement shown among a briefing's key facts. */
export interface BriefingFact {
  /** ISO date (1994-12-05, 1994-12 or 1994), when the fact has one. */
  readonly date?: string;
  /** The same date for people: "5 December 1994". */
  readonly when?: string;
  readonly text: string;
  /** Title of the source the fact cites. */
  readonly source?: string;
}

/** A link to a cited source. */
export interface Citation {
  readonly title: string;
  readonly url: string;
  readonly publisher?: string;
}

/** Another entry worth a look; clicking it runs the lookup. */
export interface RelatedItem {
  readonly id: string;
  readonly title: string;
  readonly kind: EntryKind;
  readonly request: ActionRequest;
}

/**
 * A button. `share` posts the same briefing publicly; `run` runs another lookup ("did you mean");
 * `report` opens the report form (a modal) whose answer is `request` (`/report entry/fact`) with
 * the reason and text added.
 */
export type BriefingAction =
  | { readonly type: 'share'; readonly label: string; readonly request: ActionRequest }
  | { readonly type: 'run'; readonly label: string; readonly request: ActionRequest }
  | { readonly type: 'report'; readonly label: string; readonly request: ActionRequest };

/** The neutral building blocks every renderer must handle. */
export type BriefingBlock =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'facts'; readonly title?: string; readonly items: readonly BriefingFact[] }
  | { readonly type: 'list'; readonly title?: string; readonly items: readonly string[] }
  | { readonly type: 'citation'; readonly items: readonly Citation[] }
  | { readonly type: 'related'; readonly items: readonly RelatedItem[] }
  | { readonly type: 'actions'; readonly items: readonly BriefingAction[] };

/** What the briefing answers: a match, a choice, a miss, or one of the fixed views. */
export type BriefingOutcome =
  | 'found'
  | 'ambiguous'
  | 'not-found'
  | 'overview'
  | 'timeline'
  | 'sources'
  | 'help'
  | 'daily'
  | 'report'
  | 'changes'
  | 'error';

/**
 * The platform-neutral document the core produces. Adapters render it and never change its wording.
 * Text fields hold plain text: renderers escape it for their platform.
 */
export interface Briefing {
  readonly title: string;
  /** One line under the title; also the plain-text fallback's lead. */
  readonly summary?: string;
  readonly blocks: readonly BriefingBlock[];
  /** Attribution and the knowledge's as-of date. */
  readonly footer: string;
  /** Whether only the requester should see it; quick lookups and misses are ephemeral. */
  readonly visibility: 'public' | 'ephemeral';
  readonly outcome: BriefingOutcome;
}

/** The type of a block, for renderers' exhaustive switches. */
export type BriefingBlockType = BriefingBlock['type'];

/** Call in a renderer's `default:` branch so a new block type fails to compile until handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled briefing block: ${JSON.stringify(value)}`);
}
