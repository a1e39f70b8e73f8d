import { createAutocomplete } from './autocomplete.ts';
import {
  composeAgreementList,
  composeAmbiguous,
  composeEntryBriefing,
  composeFactBriefing,
  composeHelp,
  composeNotFound,
  composeOverview,
  composeSources,
  composeTimeline,
} from './briefing/compose.ts';
import type { Briefing } from './briefing/model.ts';
import {
  composeDailyNeedsBot,
  composeDailyUnavailable,
  composeSinceProblem,
  composeSlowDown,
  composeUnknownCommand,
} from './briefing/replies.ts';
import { composeChanges } from './changes/compose.ts';
import type { ChangeLog } from './changes/record.ts';
import { checkMessage } from './check/check.ts';
import { composeCheck } from './check/compose.ts';
import type { CheckResult } from './check/result.ts';
import { type CommandName, findCommand, isCommandName, maxCheckQueryLength } from './commands.ts';
import type { Core } from './core.ts';
import { resolveDailyContext } from './daily/context.ts';
import type { DailyService } from './daily/service.ts';
import { composeReport } from './feedback/answer.ts';
import {
  reportAction,
  reportFormFor,
  resolveReportTarget,
  withReportAction,
} from './feedback/report.ts';
import { parseSince } from './feedback/since.ts';
import type { FeedbackStore, UnansweredRetention } from './feedback/store.ts';
import {
  createUnansweredTracker,
  defaultUnansweredRetention,
  type UnansweredTracker,
} from './feedback/unanswered.ts';
import type { Knowledge } from './knowledge/load.ts';
import type { EntryKind } from './knowledge/schema.ts';
import type { Logger } from './logger.ts';
import { cleanQuery } from './lookup/clean.ts';
import { buildLookupIndex } from './lookup/index-builder.ts';
import { normalize } from './lookup/normalize.ts';
import type { LookupResult } from './lookup/result.ts';
import { type LookupOptions, lookup } from './lookup/search.ts';
import type { CommandOutcome, LookupOutcome, Metrics } from './metrics.ts';
import { noMetrics } from './metrics.ts';
import { closestCommands } from './parse-command.ts';
import { cachedPictures, type PictureRenderer } from './pictures.ts';
import { createRateLimiter, type RateLimits } from './rate-limit.ts';
import type { CommandRequest, RequestContext } from './request.ts';

// Briefings depend only on (command, query) and the knowledge, which changes only by a reload
// (which starts a new cache), so repeated questions (a channel asking the same thing, buttons
// re-running a lookup) are served from memory. Bounded, oldest out first.
const briefingCacheSize = 512;

/** What the core answers with besides the knowledge. */
export interface CoreOptions {
  /** Answers `/daily` over the store; without it `/daily` says daily posts are unavailable here. */
  readonly daily?: DailyService;
  /**
   * Per-user and per-channel cooldowns, decided here so every platform refuses alike with the same
   * words; without them nobody is limited (tests, benchmarks).
   */
  readonly rateLimits?: RateLimits;
  /** Epoch ms, for the rate limits; tests move it. Default: the system clock. */
  readonly now?: () => number;
  /** Where each command's outcome and time and each lookup's outcome are reported; default none. */
  readonly metrics?: Metrics;
  /** Where each answered command gets one line (info); default none. */
  readonly logger?: Logger;
  /** Draws briefings' pictures (src/pictures); without it, briefings go out as text alone. */
  readonly pictures?: PictureRenderer;
  /** Where reports go and unanswered questions are counted; without it `/report` says it is off. */
  readonly feedback?: FeedbackOptions;
  /** The knowledge's recorded changes, for `/brief changes`; without it none are known. */
  readonly changes?: Pick<ChangeLog, 'recent'>;
}

/** What the core needs to take reports and count unanswered questions. */
export interface FeedbackOptions {
  readonly store: FeedbackStore;
  /** The secret the reporters' ids are hashed with (REPORT_HASH_KEY, or derived). */
  readonly hashKey: string;
  /** Count the questions the bot could not answer; off in the console, where people try it out. */
  readonly countUnanswered?: boolean;
  readonly retention?: UnansweredRetention;
  /** A background write failed (counting a question): the answer was already given. */
  readonly onError?: (what: string, error: unknown) => void;
}

/** A briefing and, when it came from a lookup, what the lookup came to (for the metrics). */
interface Answer {
  readonly briefing: Briefing;
  readonly lookup?: LookupOutcome;
  /** The lookup behind it, for counting unanswered questions. */
  readonly result?: LookupResult;
}

/**
 * Whether a lookup answered: `found` is an answer unless a question was asked that no fact answers
 * surely (the entry comes with the closest facts instead); `ambiguous` offers candidates.
 */
function lookupOutcome(result: LookupResult): LookupOutcome {
  switch (result.status) {
    case 'found':
      return result.asked && !result.fact && result.suggestedFacts.length > 0
        ? 'abstained'
        : 'answered';
    case 'ambiguous':
      return 'abstained';
    case 'not-found':
      return 'not-found';
  }
}

/** Everything built from one knowledge set: the lookup index and the briefings cached over it. */
interface Edition {
  readonly knowledge: Knowledge;
  readonly search: (query: string, options?: LookupOptions) => LookupResult;
  readonly check: (text: string) => CheckResult;
  readonly brief: (
    command: Exclude<CommandName, 'daily' | 'help' | 'report' | 'check'>,
    query: string,
  ) => Answer;
  readonly autocomplete: Core['autocomplete'];
}

// Long enough for a command waiting at start-up to be read and answered first (start-up itself
// takes a few hundred milliseconds); short enough that the warm-up is done before people ask.
export const warmUpDelayMs = 1000;
// Dates, signers, ratification, an end, a vote, Cyrillic, a mention and a link: the checker's paths.
const checkWarmUp =
  'Minsk II was signed in 2014 by Merkel and Putin, and Russia never ratified Budapest; the grain deal ended in July 2023. Будапештський меморандум підписали у 1994 році, 141 states voted for ES-11/1. <@U0> https://example.org';

/**
 * Builds what answers from one knowledge set: the lookup index is built once, here, and the
 * briefing cache belongs to it, so a reload never serves a briefing of the old knowledge.
 */
function createEdition(knowledge: Knowledge): Edition {
  const index = buildLookupIndex(knowledge, knowledge.indexCache);
  // Build the index (names first, then the question-reading half) shortly after start-up, so
  // neither start-up nor the first question waits for it; after a moment rather than at the next
  // turn of the loop, so a command already waiting (a console line, a first request) is answered
  // first; unref'd, so it never keeps a finished process alive.
  setTimeout(() => {
    index.records;
    index.lexicon;
    // And run the claim checker once over a message of every kind it reads, so the first
    // "Check this" a person sends does not pay for the checker's first, unoptimised run.
    checkMessage(index, checkWarmUp);
  }, warmUpDelayMs).unref();
  const search = (query: string, options?: LookupOptions): LookupResult =>
    lookup(index, query, options);

  const answer = (command: CommandName, query: string, kinds?: readonly EntryKind[]): Answer => {
    const result = search(query, kinds ? { kinds } : {});
    const briefing = composeAnswer(command, query, result, kinds);
    // A briefing about an entry, or a fact of it, can be reported; a miss has nothing to report.
    return {
      briefing:
        result.status === 'found'
          ? {
              ...briefing,
              blocks: withReportAction(
                briefing.blocks,
                reportAction(result.entry.id, result.fact?.id),
              ),
            }
          : briefing,
      lookup: lookupOutcome(result),
      result,
    };
  };

  const composeAnswer = (
    command: CommandName,
    query: string,
    result: LookupResult,
    kinds: readonly EntryKind[] | undefined,
  ): Briefing => {
    switch (result.status) {
      case 'found':
        return command === 'fact'
          ? composeFactBriefing(result, knowledge, { command, query })
          : composeEntryBriefing(result.entry, knowledge, result.fact);
      case 'ambiguous':
        return composeAmbiguous(query, result.candidates, knowledge, result.suggestedFacts);
      case 'not-found': {
        // `/agreement crimea`: nothing of that kind, but the entry exists; point there.
        const wider = kinds ? search(query) : undefined;
        if (wider?.status === 'found') {
          return composeNotFound(
            query,
            [{ entry: wider.entry, confidence: wider.confidence }],
            knowledge,
          );
        }
        const suggestions =
          wider?.status === 'not-found' && result.suggestions.length === 0
            ? wider.suggestions
            : result.suggestions;
        return composeNotFound(query, suggestions, knowledge, {
          closest: result.suggestedFacts,
          ...(result.beyondCoverage ? { beyondCoverage: result.beyondCoverage } : {}),
          ...(result.latest ? { latest: result.latest } : {}),
        });
      }
    }
  };

  const cache = new Map<string, Answer>();
  /** A knowledge command's briefing, from the cache when it was asked before. */
  const brief = (
    command: Exclude<CommandName, 'daily' | 'help' | 'report' | 'check'>,
    query: string,
  ): Answer => {
    const key = `${command}\u0000${query}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const answered = compose(command, query);
    if (cache.size >= briefingCacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, answered);
    return answered;
  };

  const compose = (
    command: Exclude<CommandName, 'daily' | 'help' | 'report' | 'check'>,
    query: string,
  ): Answer => {
    // Listings can be reported as a whole: a wrong line in the timeline is worth hearing about.
    const listed = (briefing: Briefing): Answer => ({
      briefing:
        briefing.outcome === 'not-found'
          ? briefing
          : { ...briefing, blocks: withReportAction(briefing.blocks, reportAction()) },
    });
    const kinds = findCommand(command)?.kinds;
    switch (command) {
      case 'brief':
        return query === '' ? listed(composeOverview(knowledge)) : answer('brief', query);
      case 'obstacle':
        return query === '' ? listed(composeOverview(knowledge)) : answer('obstacle', query, kinds);
      case 'agreement':
        return query === ''
          ? listed(composeAgreementList(knowledge))
          : answer('agreement', query, kinds);
      case 'fact':
        return query === '' ? listed(composeNotFound('', [], knowledge)) : answer('fact', query);
      case 'timeline':
        return listed(composeTimeline(knowledge));
      case 'sources':
        return listed(composeSources(knowledge));
    }
  };

  return {
    knowledge,
    search,
    check: (text) => checkMessage(index, text),
    brief,
    autocomplete: createAutocomplete(knowledge, index, search),
  };
}

/**
 * Builds the core over validated knowledge. Every command goes through `handle`: the knowledge
 * commands from memory, `/daily` through the daily service, anything else as an unknown command.
 * `replaceKnowledge` swaps in a new knowledge set in one assignment; a command already being
 * answered finishes on the set it started with.
 */
export function createCore(initial: Knowledge, options: CoreOptions = {}): Core {
  let edition = createEdition(initial);

  const daily = async (
    knowledge: Knowledge,
    request: CommandRequest,
    context: RequestContext,
  ): Promise<Briefing> => {
    if (!options.daily) return composeDailyUnavailable(knowledge);
    return options.daily.handle(request, await resolveDailyContext(request.query, context));
  };

  const feedback = options.feedback;
  const now = options.now ?? Date.now;
  const tracker: UnansweredTracker | undefined =
    feedback?.countUnanswered === true
      ? createUnansweredTracker({
          store: feedback.store,
          retention: feedback.retention ?? defaultUnansweredRetention,
          now,
          onError: feedback.onError ?? (() => {}),
        })
      : undefined;

  const report = (knowledge: Knowledge, request: CommandRequest): Promise<Briefing> =>
    composeReport(knowledge, request, feedback, now);

  /** `/brief changes [since]`, or undefined when the query is a topic that starts with "changes". */
  const changesAsked = (knowledge: Knowledge, query: string): Briefing | undefined => {
    const [first, ...rest] = query.split(' ');
    if (first?.toLowerCase() !== 'changes' || rest.length > 1) return undefined;
    const recent = options.changes?.recent() ?? [];
    if (rest[0] === undefined) return composeChanges(knowledge, recent);
    const since = parseSince(rest[0], now());
    if (!since) {
      // "changes 7x" was meant as a date; "changes crimea" is a topic.
      if (!/^\d/.test(rest[0])) return undefined;
      return composeSinceProblem(knowledge, rest[0]);
    }
    return composeChanges(
      knowledge,
      recent.filter((change) => change.at >= since.at),
      since,
    );
  };

  const limiter = options.rateLimits ? createRateLimiter(options.rateLimits, now) : undefined;

  const answerRequest = async (
    request: CommandRequest,
    context: RequestContext,
  ): Promise<{ briefing: Briefing; outcome: CommandOutcome }> => {
    // Read once: the whole answer comes from the knowledge set current when the command arrived.
    const { knowledge, brief, check } = edition;
    // First, before any work or platform call (a /daily subscribe may ask Slack who this is).
    const decision = limiter?.take(request);
    if (decision && !decision.allowed) {
      return {
        briefing: composeSlowDown(knowledge, decision.scope, decision.retryAfterMs),
        outcome: 'rate-limited',
      };
    }
    const name = request.command.toLowerCase();
    // Cleaned once, here: no control character or bidirectional override a user typed reaches a
    // briefing ("No match for …") or the daily service.
    const query = cleanQuery(request.query);
    const naming = context.commands;
    if (!isCommandName(name)) {
      const offered = naming ? new Set(naming.offered) : undefined;
      const suggestions = closestCommands(name).filter((c) => offered?.has(c) ?? true);
      return {
        briefing: composeUnknownCommand(
          request.command,
          suggestions,
          knowledge,
          naming?.askForHelp,
        ),
        outcome: 'unknown-command',
      };
    }
    if (name === 'check') {
      // A whole chat message, not a query: read to its own limit, unsafe characters dropped there.
      const text = request.query.slice(0, maxCheckQueryLength + 1);
      const result = check(text);
      return {
        briefing: composeCheck(result, knowledge, text.slice(0, maxCheckQueryLength)),
        outcome: result.claims.length > 0 ? 'answered' : 'not-found',
      };
    }
    if (name === 'report') {
      return { briefing: await report(knowledge, { ...request, query }), outcome: 'reported' };
    }
    if (name === 'brief') {
      const changes = changesAsked(knowledge, query);
      if (changes) return { briefing: changes, outcome: 'listed' };
    }
    if (name === 'daily' && context.appOnly === true) {
      return { briefing: composeDailyNeedsBot(knowledge), outcome: 'daily' };
    }
    if (name === 'daily') {
      return {
        briefing: await daily(knowledge, { ...request, command: name, query }, context),
        outcome: 'daily',
      };
    }
    // Help depends on the platform's commands, so it is composed per request, not cached.
    if (name === 'help' || normalize(query) === 'help') {
      return { briefing: composeHelp(knowledge, naming), outcome: 'listed' };
    }
    const answered = brief(name, query);
    if (answered.lookup) metrics.lookup(answered.lookup);
    if (tracker && answered.result) {
      if (answered.lookup === 'answered') tracker.answered(request, answered.result);
      else if (answered.lookup && query !== '')
        tracker.missed(request, query, answered.lookup, answered.result);
    }
    return { briefing: answered.briefing, outcome: answered.lookup ?? 'listed' };
  };

  const metrics = options.metrics ?? noMetrics;
  const handle = async (request: CommandRequest, context: RequestContext): Promise<Briefing> => {
    const started = performance.now();
    const report = (outcome: CommandOutcome, command: string) =>
      metrics.commandHandled({
        command,
        platform: request.platform,
        outcome,
        seconds: (performance.now() - started) / 1000,
      });
    // Only registered names become a label, so what people type cannot grow the metric without end.
    const label = isCommandName(request.command.toLowerCase())
      ? request.command.toLowerCase()
      : 'unknown';
    try {
      const { briefing, outcome } = await answerRequest(request, context);
      report(outcome, label);
      // One line per command, tied to its interaction by the platform's id; a failure is logged
      // by the adapter's one catch, with the same id.
      options.logger?.info('command answered', {
        ...(request.id ? { requestId: request.id } : {}),
        platform: request.platform,
        command: label,
        outcome,
        ms: Math.round(performance.now() - started),
      });
      return briefing;
    } catch (error) {
      report('failed', label);
      throw error;
    }
  };

  const pictures = options.pictures ? cachedPictures(options.pictures) : undefined;
  return {
    get knowledge() {
      return edition.knowledge;
    },
    handle,
    check: (text) => edition.check(text),
    lookup: (query, lookupOptions) => edition.search(query, lookupOptions),
    autocomplete: (command, partial, limit) => edition.autocomplete(command, partial, limit),
    renderPicture: async (picture) => pictures?.render(picture),
    reportForm: (target) => {
      const resolved = resolveReportTarget(edition.knowledge, target);
      return resolved ? reportFormFor(resolved) : undefined;
    },
    replaceKnowledge(next) {
      // Built in full before the swap, so no command ever sees half of a new set.
      edition = createEdition(next);
    },
  };
}
