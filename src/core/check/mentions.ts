import type { Entry } from '../knowledge/schema.ts';
import type { LookupIndex } from '../lookup/index-builder.ts';
import { stopwords } from '../lookup/normalize.ts';
import { canonicalStems } from '../lookup/question.ts';
import type { Sentence } from './text.ts';

/** An entry a sentence names, and the words (indices, first and last) that name it. */
export interface Mention {
  readonly entry: Entry;
  readonly from: number;
  readonly to: number;
}

// A one-word name this short ("Rada" is four) is too often another word; the lookup's linker
// draws the same line.
const minOneWordName = 4;
// Names are matched by stem (inflected, or through a synonym) up to this many words; longer names
// are written out as they are, and stemming every long window of a 4,000-character message costs
// more than the 50 ms an answer may take.
const maxStemmedWords = 5;

/**
 * The entries a sentence names, by the lookup index's own names: titles and aliases as written,
 * spelled or stemmed ("зернову угоду" for "Зернова угода"), longest first, never overlapping.
 * Keywords only hint at an entry, so they name nothing here.
 */
export function mentionsIn(index: LookupIndex, sentence: Sentence): Mention[] {
  const taken: boolean[] = sentence.map(() => false);
  const mentions: Mention[] = [];
  const spelled = sentence.map((word) => word.spelled);
  const longest = Math.min(sentence.length, Math.max(index.maxNameWords, index.maxStemNameWords));
  // Whether a name can start at a word: as written, by its stem, or by a synonym phrase ("grain deal").
  const asWrittenUpTo = spelled.map((token) => index.nameStarts.get(token.folded) ?? 0);
  const stemmedUpTo = spelled.map((token) =>
    index.lexicon.synonymStarts.has(token.stem)
      ? index.maxStemNameWords
      : (index.stemNameStarts.get(token.stem) ?? 0),
  );
  for (let size = longest; size >= 1; size--) {
    for (let start = 0; start + size <= sentence.length; start++) {
      const writtenFits = size <= (asWrittenUpTo[start] ?? 0);
      const stemmedFits = size <= Math.min(maxStemmedWords, stemmedUpTo[start] ?? 0);
      if (!(writtenFits || stemmedFits) || taken.slice(start, start + size).some(Boolean)) continue;
      const window = spelled.slice(start, start + size);
      const head = window[0];
      if (
        size === 1 &&
        head &&
        (head.folded.length < minOneWordName || stopwords.has(head.folded))
      ) {
        continue;
      }
      const asWritten = writtenFits
        ? index.names.get(window.map((token) => token.folded).join(' '))
        : undefined;
      const record =
        asWritten ??
        (stemmedFits
          ? index.stemNames.get(canonicalStems(window, index.lexicon).join(' '))
          : undefined);
      if (!record) continue;
      for (let i = start; i < start + size; i++) taken[i] = true;
      mentions.push({ entry: record.entry, from: start, to: start + size - 1 });
    }
  }
  return mentions.sort((a, b) => a.from - b.from);
}
