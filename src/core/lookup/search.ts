import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Entry, EntryKind, Fact } from '../knowledge/schema.ts';
import { type LookupIndex, type NameRecord, trigramsOf } from './index-builder.ts';
import { contentWords, normalize, stopwords } from './normalize.ts';
import { detectIntent, subjectOf } from './question.ts';
import type { Candidate, LookupResult, QuestionIntent } from './result.ts';

/** Options that narrow a lookup. */
export interface LookupOptions {
  readonly kinds?: readonly EntryKind[];
}

// Fuse scores run 0 (perfect) to 1; these are in confidence (1 - score). Tuned on eval/queries.yaml.
const acceptConfidence = 0.72;
const suggestConfidence = 0.45;
// Two fuzzy hits this close are a real choice, not a winner.
const ambiguityMargin = 0.06;
// Fuzzy comparison runs on this many names at most, picked by shared trigrams: fuse.js costs a few
// microseconds a string, so comparing every name of every entry would cost milliseconds a query.
const fuzzyCandidateLimit = 10;
const minTrigramOverlap = 0.25;
const namesPerEntry = 2;
const wordMissPenalty = 0.15;
const partialKeywordPenalty = 0.15;
const truncatedWordPenalty = 0.3;
const wordSetExtraWordPenalty = 0.05;
// Keywords alone reach "found", but never as high as a name does.
const keywordCeiling = 0.8;

const fuseOptions: IFuseOptions<NameRecord> = {
  keys: ['folded'],
  includeScore: true,
  ignoreLocation: true,
  // The field-length norm lowers scores of long names by a factor unrelated to how well they match,
  // which would make confidences incomparable across names.
  ignoreFieldNorm: true,
  threshold: 1 - suggestConfidence,
  minMatchCharLength: 2,
};

const obstacleNumberPattern =
  /\b(?:obstacles?\s+(?:no\s+|number\s+)?([1-9])|([1-9])\s+obstacles?)\b/;

/** Looks a query up: names first, then fuzzy names, then fact statements. Never throws. */
export function lookup(
  index: LookupIndex,
  query: string,
  options: LookupOptions = {},
): LookupResult {
  const folded = normalize(query);
  const allowed = (entry: Entry) => !options.kinds || options.kinds.includes(entry.kind);
  if (folded === '') return { status: 'not-found', query, suggestions: [] };
  const intent = detectIntent(folded);

  const numbered = obstacleByNumber(index, folded, options.kinds);
  if (numbered && allowed(numbered)) return found(query, numbered, 1, folded, intent, [], index);

  const exact = exactMatches(index, folded, allowed);
  if (exact.strength === 'name' && exact.candidates.length > 0) {
    const [only, ...others] = exact.candidates;
    if (only && others.length === 0)
      return found(query, only.entry, only.confidence, folded, intent, [], index);
    const preferred = preferByIntent(exact.candidates, intent);
    if (preferred)
      return found(
        query,
        preferred.entry,
        preferred.confidence,
        folded,
        intent,
        exact.candidates,
        index,
      );
    return { status: 'ambiguous', query, candidates: exact.candidates };
  }

  const subject = contentWords(subjectOf(folded)).join(' ');
  // A keyword only hints at an entry, so it competes with fuzzy name matches instead of winning outright.
  const fuzzy = mergeCandidates(
    subject === '' ? [] : fuzzyMatches(index, subject, allowed),
    exact.candidates,
  );
  const [best, second] = fuzzy;
  if (best && best.confidence >= acceptConfidence) {
    if (
      second &&
      second.confidence >= acceptConfidence &&
      best.confidence - second.confidence < ambiguityMargin
    ) {
      const preferred = preferByIntent([best, second], intent);
      if (preferred)
        return found(query, preferred.entry, preferred.confidence, folded, intent, fuzzy, index);
      return {
        status: 'ambiguous',
        query,
        candidates: fuzzy.filter((c) => best.confidence - c.confidence < ambiguityMargin),
      };
    }
    return found(query, best.entry, best.confidence, folded, intent, fuzzy, index);
  }

  const byFact = factMatch(index, subject, allowed);
  if (byFact) {
    return {
      status: 'found',
      query,
      entry: byFact.entry,
      confidence: byFact.confidence,
      fact: byFact.fact,
      ...(intent ? { intent } : {}),
      alternatives: fuzzy.slice(0, 3),
    };
  }
  return { status: 'not-found', query, suggestions: fuzzy.slice(0, 3) };
}

function obstacleByNumber(
  index: LookupIndex,
  folded: string,
  kinds?: readonly EntryKind[],
): Entry | undefined {
  const match = obstacleNumberPattern.exec(folded);
  const digit = match?.[1] ?? match?.[2];
  if (digit) return index.obstaclesByNumber.get(Number(digit));
  // `/obstacle 3`: the command already says which kind, the query is just the number.
  if (kinds?.length === 1 && kinds[0] === 'obstacle' && /^[1-9]$/.test(folded)) {
    return index.obstaclesByNumber.get(Number(folded));
  }
  return undefined;
}

/** Names (or, failing those, keywords) that appear word for word in the query; the longest win. */
function exactMatches(
  index: LookupIndex,
  folded: string,
  allowed: (entry: Entry) => boolean,
): { strength: NameRecord['strength']; candidates: Candidate[] } {
  const words = folded.split(' ');
  const meaningful = contentWords(subjectOf(folded)).length;
  for (let size = Math.min(words.length, index.maxNameWords); size >= 1; size--) {
    const byEntry = new Map<Entry, number>();
    let strength: NameRecord['strength'] = 'keyword';
    for (let start = 0; start + size <= words.length; start++) {
      const slice = words.slice(start, start + size);
      if (size === 1 && (stopwords.has(slice[0] ?? '') || (slice[0] ?? '').length < 3)) continue;
      const key = slice.join(' ');
      const named = index.names.get(key);
      const hits: NameRecord[] = named ? [named] : [...(index.keywords.get(key) ?? [])];
      for (const record of hits) {
        if (!allowed(record.entry)) continue;
        if (record.strength === 'name' && strength === 'keyword') {
          // A name outranks any keyword of the same length.
          strength = 'name';
          byEntry.clear();
        } else if (record.strength === 'keyword' && strength === 'name') {
          continue;
        }
        // Confidence: full when the name is all the query says, less when other words remain.
        const covered = Math.min(1, contentWords(key).length / Math.max(1, meaningful));
        const confidence = round(
          record.strength === 'name'
            ? 0.85 + 0.15 * covered
            : acceptConfidence + (keywordCeiling - acceptConfidence) * covered,
        );
        byEntry.set(record.entry, Math.max(byEntry.get(record.entry) ?? 0, confidence));
      }
    }
    if (byEntry.size > 0) {
      const candidates = [...byEntry]
        .map(([entry, confidence]) => ({ entry, confidence }))
        .sort((a, b) => b.confidence - a.confidence);
      return { strength, candidates };
    }
  }
  return { strength: 'keyword', candidates: [] };
}

/** Both lists, one candidate an entry at its best confidence, best first. */
function mergeCandidates(a: readonly Candidate[], b: readonly Candidate[]): Candidate[] {
  const best = new Map<Entry, number>();
  for (const candidate of [...a, ...b]) {
    best.set(candidate.entry, Math.max(best.get(candidate.entry) ?? 0, candidate.confidence));
  }
  return [...best]
    .map(([entry, confidence]) => ({ entry, confidence }))
    .sort((x, y) => y.confidence - x.confidence);
}

/** Fuzzy match of the query's subject against the few names that share enough trigrams with it. */
function fuzzyMatches(
  index: LookupIndex,
  subject: string,
  allowed: (entry: Entry) => boolean,
): Candidate[] {
  const grams = trigramsOf(subject);
  const shared = new Map<number, number>();
  for (const gram of grams) {
    for (const recordIndex of index.trigrams.get(gram) ?? []) {
      shared.set(recordIndex, (shared.get(recordIndex) ?? 0) + 1);
    }
  }
  // Most shared trigrams first; among equals, names closest in length to the query. At most two names
  // an entry, so one entry with many similar aliases cannot crowd the others out.
  const ranked = [...shared]
    .filter(([, count]) => count / grams.size >= minTrigramOverlap)
    .map(([recordIndex, count]) => ({ record: index.records[recordIndex], count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Math.abs((a.record?.folded.length ?? 0) - subject.length) -
          Math.abs((b.record?.folded.length ?? 0) - subject.length),
    );
  const picked: NameRecord[] = [];
  const perEntry = new Map<Entry, number>();
  for (const { record } of ranked) {
    if (!record || !allowed(record.entry)) continue;
    const taken = perEntry.get(record.entry) ?? 0;
    if (taken >= namesPerEntry) continue;
    perEntry.set(record.entry, taken + 1);
    picked.push(record);
    if (picked.length >= fuzzyCandidateLimit) break;
  }
  if (picked.length === 0) return [];
  const fuse = new Fuse(picked, fuseOptions);
  const subjectWords = subject.split(' ');
  const best = new Map<Entry, number>();
  for (const hit of fuse.search(subject)) {
    const lengthPenalty = lengthMismatch(subject, hit.item.folded);
    const raw =
      1 -
      (hit.score ?? 1) -
      lengthPenalty -
      wordMissPenalty * (1 - wordCoverage(subjectWords, hit.item.folded)) -
      truncatedWordPenalty * truncatedShare(subjectWords, hit.item.folded);
    // A keyword hints at an entry; it should never outrank an entry's own name, and a query that
    // names only part of it ("kyiv" of "Kyiv-Mohyla Academy") is a suggestion, not an answer.
    const confidence = round(
      hit.item.strength === 'keyword'
        ? Math.min(raw - 0.05, keywordCeiling) -
            partialKeywordPenalty * (1 - wordCoverage(hit.item.folded.split(' '), subject))
        : raw,
    );
    if (confidence > (best.get(hit.item.entry) ?? 0)) best.set(hit.item.entry, confidence);
  }
  for (const record of picked) {
    if (record.strength === 'keyword') continue;
    const confidence = round(wordSetConfidence(subjectWords, record.folded));
    if (confidence > (best.get(record.entry) ?? 0)) best.set(record.entry, confidence);
  }
  return [...best]
    .map(([entry, confidence]) => ({ entry, confidence }))
    .filter((candidate) => candidate.confidence >= suggestConfidence)
    .sort((a, b) => b.confidence - a.confidence);
}

/**
 * How well a name holds every word of the query in any order ("2008 georgia war" in "Georgian war
 * 2008"): fuse.js matches the query as one string, so reordered or separated words score poorly.
 * Each query word must be a word of the name or most of one (georgia of georgian, at most two
 * letters short); each word the name has beyond the query's costs a little. 0 when a word is missing.
 */
function wordSetConfidence(queryWords: readonly string[], name: string): number {
  if (queryWords.length < 2) return 0;
  const nameWords = name.split(' ');
  let total = 0;
  for (const word of queryWords) {
    let best = 0;
    for (const nameWord of nameWords) {
      if (nameWord === word) best = 1;
      else if (word.length >= 4 && nameWord.length - word.length <= 2 && nameWord.startsWith(word))
        best = Math.max(best, word.length / nameWord.length);
    }
    if (best === 0) return 0;
    total += best;
  }
  const extraWords = Math.max(0, nameWords.length - queryWords.length);
  return total / queryWords.length - wordSetExtraWordPenalty * extraWords;
}

/**
 * Share of the query's words that some word of the name starts like (first three letters), so a typo
 * still counts but a query word the name lacks ("scepticism" against "capitals") costs confidence.
 */
function wordCoverage(queryWords: readonly string[], name: string): number {
  const nameWords = name.split(' ');
  const covered = queryWords.filter((word) =>
    nameWords.some((n) => n.slice(0, 3) === word.slice(0, 3)),
  ).length;
  return covered / Math.max(1, queryWords.length);
}

/**
 * Share of the query's words that are only the start of a longer word of the name ("bucha" of
 * "bucharest"): fuse.js scores such a match as perfect, but a different word is usually meant.
 */
function truncatedShare(queryWords: readonly string[], name: string): number {
  const nameWords = name.split(' ');
  const truncated = queryWords.filter(
    (word) =>
      !nameWords.includes(word) &&
      nameWords.some((n) => n.length - word.length >= 3 && n.startsWith(word)),
  ).length;
  return truncated / Math.max(1, queryWords.length);
}

/**
 * fuse.js with ignoreLocation scores a short query found inside a long name as a near-perfect match
 * ("pact" in "kharkiv pact"); penalise queries that cover little of the name so a fragment stays a guess.
 */
function lengthMismatch(subject: string, name: string): number {
  const ratio = subject.length / name.length;
  return ratio >= 0.5 ? 0 : (0.5 - ratio) * 0.8;
}

/** Matches the subject's words against fact statements when no name fits. */
function factMatch(
  index: LookupIndex,
  subject: string,
  allowed: (entry: Entry) => boolean,
): { entry: Entry; fact: Fact; confidence: number } | undefined {
  const words = [...new Set(subject.split(' ').filter((word) => word !== ''))];
  if (words.length < 2) return undefined;
  const weightOf = (word: string) => index.idf.get(word) ?? 0;
  const total = words.reduce((sum, word) => sum + Math.max(weightOf(word), 1), 0);
  const scores = new Map<string, { entry: Entry; index: number; score: number; hits: number }>();
  for (const word of words) {
    for (const ref of index.factWords.get(word) ?? []) {
      if (!allowed(ref.entry)) continue;
      const key = `${ref.entry.id}#${ref.index}`;
      const current = scores.get(key) ?? { entry: ref.entry, index: ref.index, score: 0, hits: 0 };
      current.score += weightOf(word);
      current.hits += 1;
      scores.set(key, current);
    }
  }
  let best: { entry: Entry; index: number; score: number; hits: number } | undefined;
  for (const candidate of scores.values()) {
    if (!best || candidate.score > best.score) best = candidate;
  }
  if (!best || best.hits < 2) return undefined;
  const coverage = best.score / total;
  const fact = best.entry.facts[best.index];
  if (!fact || coverage < 0.7) return undefined;
  return { entry: best.entry, fact, confidence: round(0.5 + 0.4 * coverage) };
}

/** Among close candidates, the one that has the kind of fact the question asks for. */
function preferByIntent(
  candidates: readonly Candidate[],
  intent: QuestionIntent | undefined,
): Candidate | undefined {
  if (!intent?.topic) return undefined;
  const answering = candidates.filter((candidate) =>
    candidate.entry.facts.some((fact) => fact.topic === intent.topic),
  );
  return answering.length === 1 ? answering[0] : undefined;
}

function found(
  query: string,
  entry: Entry,
  confidence: number,
  folded: string,
  intent: QuestionIntent | undefined,
  others: readonly Candidate[],
  index: LookupIndex,
): LookupResult {
  const fact = answeringFact(entry, folded, intent, index);
  return {
    status: 'found',
    query,
    entry,
    confidence,
    ...(fact ? { fact } : {}),
    ...(intent ? { intent } : {}),
    alternatives: others.filter((candidate) => candidate.entry !== entry).slice(0, 3),
  };
}

/** The fact that answers a question about an entry: by topic, then by the words left over, then by date. */
function answeringFact(
  entry: Entry,
  folded: string,
  intent: QuestionIntent | undefined,
  index: LookupIndex,
): Fact | undefined {
  if (entry.facts.length === 0) return undefined;
  const nameWords = index.nameWords.get(entry) ?? new Set<string>();
  const leftover = contentWords(subjectOf(folded)).filter((word) => !nameWords.has(word));
  const byTopic = intent?.topic ? entry.facts.filter((fact) => fact.topic === intent.topic) : [];

  const pool = byTopic.length > 0 ? byTopic : entry.facts;
  if (leftover.length > 0) {
    let best: { fact: Fact; score: number } | undefined;
    for (const fact of pool) {
      const words = index.factWordSets.get(fact) ?? new Set<string>();
      const score = leftover.reduce(
        (sum, word) => sum + (words.has(word) ? (index.idf.get(word) ?? 1) : 0),
        0,
      );
      if (score > 0 && (!best || score > best.score)) best = { fact, score };
    }
    if (best) return best.fact;
  }
  if (byTopic.length > 0) {
    // Several steps can lead to an end (a decision, a notice, the date it lapsed): the last one is the end.
    if (intent?.topic === 'ended') return latest(byTopic);
    return byTopic[0];
  }
  if (intent?.asks === 'when') return entry.facts.find((fact) => fact.date !== undefined);
  return undefined;
}

function latest(facts: readonly Fact[]): Fact | undefined {
  return [...facts].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
