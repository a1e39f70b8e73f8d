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
import { type CommandName, findCommand } from './commands.ts';
import type { Core } from './core.ts';
import { composeDailyUnavailable } from './daily/replies.ts';
import type { Knowledge } from './knowledge/load.ts';
import type { Entry, EntryKind } from './knowledge/schema.ts';
import { buildLookupIndex } from './lookup/index-builder.ts';
import { normalize } from './lookup/normalize.ts';
import type { LookupResult, Suggestion } from './lookup/result.ts';
import { type LookupOptions, lookup } from './lookup/search.ts';
import type { CommandRequest } from './request.ts';

const maxSuggestionValue = 100;
// Briefings depend only on (command, query) and the knowledge, which never changes while running,
// so repeated questions (a channel asking the same thing, buttons re-running a lookup) are served
// from memory. Bounded, oldest out first.
const briefingCacheSize = 512;

/** Builds the core over validated knowledge: the lookup index is built once, here. */
export function createCore(knowledge: Knowledge): Core {
  const index = buildLookupIndex(knowledge);
  const search = (query: string, options?: LookupOptions): LookupResult =>
    lookup(index, query, options);

  const answer = (command: CommandName, query: string, kinds?: readonly EntryKind[]): Briefing => {
    const result = search(query, kinds ? { kinds } : {});
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
        });
      }
    }
  };

  const cache = new Map<string, Briefing>();
  const handle = (request: CommandRequest): Briefing => {
    const key = `${request.command}\u0000${request.query.trim()}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const briefing = compose(request);
    if (cache.size >= briefingCacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, briefing);
    return briefing;
  };

  const compose = (request: CommandRequest): Briefing => {
    const query = request.query.trim();
    if (request.command === 'help' || normalize(query) === 'help') return composeHelp(knowledge);
    const kinds = findCommand(request.command)?.kinds;
    switch (request.command) {
      case 'brief':
        return query === '' ? composeOverview(knowledge) : answer('brief', query);
      case 'obstacle':
        return query === '' ? composeOverview(knowledge) : answer('obstacle', query, kinds);
      case 'agreement':
        return query === '' ? composeAgreementList(knowledge) : answer('agreement', query, kinds);
      case 'fact':
        return query === '' ? composeNotFound('', [], knowledge) : answer('fact', query);
      case 'timeline':
        return composeTimeline(knowledge);
      case 'sources':
        return composeSources(knowledge);
      case 'daily':
        // /daily needs the store and a clock: adapters send it to the daily service instead.
        return composeDailyUnavailable(knowledge);
    }
  };

  const autocomplete = (
    command: CommandName,
    partial: string,
    limit = 25,
  ): readonly Suggestion[] => {
    const kinds = findCommand(command)?.kinds;
    const allowed = (entry: Entry) => !kinds || kinds.includes(entry.kind);
    const folded = normalize(partial);
    const picked: Entry[] = [];
    const add = (entry: Entry) => {
      if (allowed(entry) && !picked.includes(entry) && picked.length < limit) picked.push(entry);
    };
    if (folded === '') {
      for (const entry of knowledge.entries) add(entry);
    } else {
      // Names that start with what was typed come first: that is what someone typing a name expects.
      for (const record of index.records) {
        if (
          record.strength === 'name' &&
          (record.folded.startsWith(folded) || record.folded.includes(` ${folded}`))
        ) {
          add(record.entry);
        }
      }
      const result = search(partial, kinds ? { kinds } : {});
      if (result.status === 'found') {
        add(result.entry);
        for (const candidate of result.alternatives) add(candidate.entry);
      } else if (result.status === 'ambiguous') {
        for (const candidate of result.candidates) add(candidate.entry);
      } else {
        for (const candidate of result.suggestions) add(candidate.entry);
      }
    }
    return picked.map((entry) => ({
      id: entry.id,
      title: entry.title,
      kind: entry.kind,
      value:
        entry.title.length <= maxSuggestionValue
          ? entry.title
          : entry.title.slice(0, maxSuggestionValue),
    }));
  };

  return { knowledge, handle, lookup: search, autocomplete };
}
