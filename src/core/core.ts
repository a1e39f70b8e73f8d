import type { Briefing } from './briefing/model.ts';
import type { CommandName } from './commands.ts';
import type { ReportForm } from './feedback/report.ts';
import type { Knowledge } from './knowledge/load.ts';
import type { LookupResult, Suggestion } from './lookup/result.ts';
import type { LookupOptions } from './lookup/search.ts';
import type { CommandRequest, RequestContext } from './request.ts';

/** The platform-neutral bot: every adapter talks to this and nothing else. */
export interface Core {
  readonly knowledge: Knowledge;
  /**
   * Answers every command, `/daily` and unknown names included, with a briefing. Whatever a user
   * can type is answered, never thrown; it rejects only on real failures (the store, the platform
   * API behind `context`), which the adapter's one catch answers with `apology`.
   */
  handle(request: CommandRequest, context: RequestContext): Promise<Briefing>;
  /** The raw lookup, for the CLI, the evaluation and autocomplete. */
  lookup(query: string, options?: LookupOptions): LookupResult;
  /** Entries to suggest for a command's query option while the user types. */
  autocomplete(command: CommandName, partial: string, limit?: number): readonly Suggestion[];
  /**
   * The words of the report form for a "Report a problem" button's target (`entry/fact`), which
   * the adapter draws as a modal; undefined when the knowledge no longer has that target. The
   * form's answer comes back through `handle` as `/report`.
   */
  reportForm(target: string): ReportForm | undefined;
}
