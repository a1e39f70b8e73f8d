import type { CommandName } from './commands.ts';
import { findCommand } from './commands.ts';
import type { Knowledge } from './knowledge/load.ts';
import type { Entry, EntryKind } from './knowledge/schema.ts';
import type { LookupIndex } from './lookup/index-builder.ts';
import { normalize } from './lookup/normalize.ts';
import type { LookupResult, Suggestion } from './lookup/result.ts';

type Search = (query: string, options?: { readonly kinds?: readonly EntryKind[] }) => LookupResult;

/** Builds `Core.autocomplete`: names that start with what was typed first, then the lookup's picks. */
export function createAutocomplete(knowledge: Knowledge, index: LookupIndex, search: Search) {
  return (command: CommandName, partial: string, limit = 25): readonly Suggestion[] => {
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
      // Platforms cap choice values (Discord at 100 characters); the adapter clips what it must.
      value: entry.title,
    }));
  };
}
