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

/** An agreement on the timeline chart: where it was signed and, when recorded, broken and ended. */
export interface TimelineAgreement {
  /** A short name that fits a chart row. */
  readonly label: string;
  /** ISO dates (1994-12-05, 1994-12 or 1994), as the knowledge gives them. */
  readonly signed: string;
  readonly broken?: string;
  readonly ended?: string;
}

/** A key event marked on the timeline chart. */
export interface TimelineEvent {
  readonly label: string;
  readonly date: string;
}

/** A unit of Ukraine drawn on the map, named by its ISO 3166-2 code (UA-43 for Crimea). */
export interface MapUnit {
  readonly code: string;
  readonly name: string;
}

/**
 * A picture a briefing carries, described, not drawn: the core decides what it shows, the picture
 * renderer draws it, the adapters attach it. `alt` is its text equivalent for screen readers; the
 * briefing's blocks say the same for everyone, so nothing is lost where images are off.
 */
export type BriefingPicture =
  | {
      readonly kind: 'timeline';
      readonly title: string;
      readonly alt: string;
      /** The time axis: ISO dates. */
      readonly from: string;
      readonly to: string;
      readonly agreements: readonly TimelineAgreement[];
      readonly events: readonly TimelineEvent[];
      /** The source line under the chart. */
      readonly source: string;
    }
  | {
      readonly kind: 'map';
      readonly title: string;
      readonly alt: string;
      /** The units highlighted and labelled. */
      readonly claimed: readonly MapUnit[];
      /** The unit the briefing is about, outlined more strongly, when it is one of them. */
      readonly focus?: string;
      readonly source: string;
    };

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
  | 'check'
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
  /** A chart or map to show with it, where the platform can. */
  readonly picture?: BriefingPicture;
}

/** The type of a block, for renderers' exhaustive switches. */
export type BriefingBlockType = BriefingBlock['type'];

/** Call in a renderer's `default:` branch so a new block type fails to compile until handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled briefing block: ${JSON.stringify(value)}`);
}
