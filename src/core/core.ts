import type { Briefing, BriefingPicture } from './briefing/model.ts';
import type { CheckResult } from './check/result.ts';
import type { CommandName } from './commands.ts';
import type { ReportForm } from './feedback/report.ts';
import type { Knowledge } from './knowledge/load.ts';
import type { LookupResult, Suggestion } from './lookup/result.ts';
import type { LookupOptions } from './lookup/search.ts';
import type { RenderedPicture } from './pictures.ts';
import type { CommandRequest, RequestContext } from './request.ts';

/** The platform-neutral bot: every adapter talks to this and nothing else. */
export interface Core {
  /** The knowledge answers come from now; a reload replaces it. */
  readonly knowledge: Knowledge;
  /**
   * Answers every command, `/daily` and unknown names included, with a briefing. Whatever a user
   * can type is answered, never thrown; it rejects only on real failures (the store, the platform
   * API behind `context`), which the adapter's one catch answers with `apology`.
   */
  handle(request: CommandRequest, context: RequestContext): Promise<Briefing>;
  /** The raw claim check behind `/check`, for the CLI and the evaluation. */
  check(text: string): CheckResult;
  /** The raw lookup, for the CLI, the evaluation and autocomplete. */
  lookup(query: string, options?: LookupOptions): LookupResult;
  /**
   * Draws a briefing's picture, from a cache after the first time; undefined when this bot draws
   * no pictures (none configured), and the briefing's text stands alone.
   */
  renderPicture(picture: BriefingPicture): Promise<RenderedPicture | undefined>;
  /** Entries to suggest for a command's query option while the user types. */
  autocomplete(command: CommandName, partial: string, limit?: number): readonly Suggestion[];
  /**
   * Answers from `next` from now on: the lookup index is rebuilt, then swapped in at once.
   * Commands already being answered finish on the knowledge they started with. `next` must be
   * validated already (as `loadKnowledgeDir` returns it); see `reloadKnowledge`.
   */
  replaceKnowledge(next: Knowledge): void;
  /**
   * The words of the report form for a "Report a problem" button's target (`entry/fact`), which
   * the adapter draws as a modal; undefined when the knowledge no longer has that target. The
   * form's answer comes back through `handle` as `/report`.
   */
  reportForm(target: string): ReportForm | undefined;
}
