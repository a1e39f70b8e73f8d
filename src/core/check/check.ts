import { formatDate } from '../briefing/dates.ts';
import type { Agreement, Entry, Fact, FactTopic } from '../knowledge/schema.ts';
import type { LookupIndex } from '../lookup/index-builder.ts';
import { datesAgree, datesIn, isoOf, type StatedDate } from './dates.ts';
import { type Mention, mentionsIn } from './mentions.ts';
import type { CheckedClaim, CheckResult, ClaimAbout } from './result.ts';
import { cleanMessage, type Sentence, sentencesOf } from './text.ts';
import {
  auxiliaries,
  listWords,
  nameWords,
  negatedBefore,
  negationBefore,
  type Party,
  partyAt,
  recordNames,
  type TriggerKind,
  triggerAt,
} from './words.ts';

// How far apart, in words, a verb, its date and its entry may sit and still be one claim.
const maxDateDistance = 8;
const maxEntryDistance = 12;
// A verb without a date ("never ratified") speaks of the name right next to it, or not at all:
// "Minsk II was signed in 2014 and Russia never ratified Budapest" says nothing of Minsk II's ratification.
const maxUndatedDistance = 5;
// Quoted back to the person, so kept short.
const maxSaid = 140;

/** A verb found in a sentence, with what it claims. */
interface Trigger {
  readonly kind: TriggerKind;
  readonly at: number;
  readonly negated: boolean;
  dates: StatedDate[];
}

/**
 * Checks a chat message against the knowledge: finds the entries it names (by the lookup index's
 * names), the claims it makes about them (dates, signers, ratification, entry into force, an end,
 * a vote) and judges each against the record. What cannot be tied to one entry is not judged.
 */
export function checkMessage(index: LookupIndex, message: string): CheckResult {
  const { text, truncated } = cleanMessage(message);
  const sentences = sentencesOf(text, index.speller, (folded) => index.names.has(folded));
  const entries: Entry[] = [];
  const claims: CheckedClaim[] = [];
  let previous: readonly Mention[] = [];
  for (const sentence of sentences) {
    const mentions = mentionsIn(index, sentence);
    for (const mention of mentions) {
      if (!entries.includes(mention.entry)) entries.push(mention.entry);
    }
    const last = sentence[sentence.length - 1];
    const asked = last !== undefined && /^\s*\?/.test(text.slice(last.end));
    if (!asked) claims.push(...claimsOf(text, sentence, mentions, previous));
    if (mentions.length > 0) previous = mentions;
  }
  return { text, entries, claims: dedupe(claims), truncated, empty: text === '' };
}

/** One verdict per entry and point, the first said; signers said twice are judged once. */
function dedupe(claims: readonly CheckedClaim[]): CheckedClaim[] {
  const seen = new Set<string>();
  return claims.filter((claim) => {
    const key = `${claim.entry.id}\u0000${claim.about}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function claimsOf(
  text: string,
  sentence: Sentence,
  mentions: readonly Mention[],
  previous: readonly Mention[],
): CheckedClaim[] {
  const inMention = (i: number) => mentions.some((m) => i >= m.from && i <= m.to);
  const triggers: Trigger[] = [];
  for (let i = 0; i < sentence.length; i++) {
    if (inMention(i)) continue;
    const kind = triggerAt(sentence, i);
    if (kind) triggers.push({ kind, at: i, negated: negatedBefore(sentence, i), dates: [] });
  }
  const dates = datesIn(sentence, text).filter(
    (date) => !inMention(date.from) && !inMention(date.to),
  );
  const events = mentions.filter((m) => m.entry.kind === 'event');
  const eventDates: { date: StatedDate; mention: Mention }[] = [];
  for (const date of dates) {
    // "the annexation of Crimea in 2014": a date right after an event's name is the event's.
    const eventBefore = events.find((m) => date.from - m.to >= 1 && date.from - m.to <= 2);
    const trigger = nearestTrigger(triggers, date);
    if (eventBefore && !(trigger && trigger.at > eventBefore.to && trigger.at < date.from)) {
      eventDates.push({ date, mention: eventBefore });
    } else if (trigger) {
      trigger.dates.push(date);
    } else {
      const event = nearest(events, date.from, date.to, true);
      if (event) eventDates.push({ date, mention: event });
    }
  }

  const claims: CheckedClaim[] = [];
  const saidOf = (from: number, to: number): string => {
    const first = sentence[Math.max(0, from)];
    const lastWord = sentence[Math.min(sentence.length - 1, to)];
    if (!first || !lastWord) return '';
    const said = text.slice(first.start, lastWord.end).replace(/\s+/g, ' ');
    return said.length > maxSaid ? `${said.slice(0, maxSaid - 1)}…` : said;
  };
  const span = (...points: number[]) => saidOf(Math.min(...points), Math.max(...points));
  const negationOf = (trigger: Trigger): number[] => {
    const at = trigger.negated ? negationBefore(sentence, trigger.at) : undefined;
    return at === undefined ? [] : [at];
  };

  for (const { date, mention } of eventDates) {
    const claim = judgeEventDate(mention.entry, date);
    if (claim) claims.push({ ...claim, said: span(mention.from, mention.to, date.from, date.to) });
  }

  const fits = (kind: TriggerKind) => (entry: Entry) => fitsTrigger(entry, kind);
  // Whether the words from a verb to its date are one clause, or the date's own name follows the
  // last break in them. A comma in a list of signers ("by Kravchuk, Yeltsin and Shushkevich in
  // December 1991") breaks nothing.
  const clauseHas = (from: number, to: number, mention: Mention): boolean => {
    let lastBreak = -1;
    for (let j = from + 1; j <= to; j++) {
      const gap = text.slice(sentence[j - 1]?.end ?? 0, sentence[j]?.start ?? 0);
      if (!/[,;:]/.test(gap)) continue;
      const listed =
        partyAt(sentence, j) !== undefined ||
        mentions.some(
          (m) =>
            j >= m.from && j <= m.to && m.entry.kind === 'actor' && m.entry.actorType === 'person',
        );
      if (!listed) lastBreak = j;
    }
    return lastBreak < 0 || mention.from >= lastBreak;
  };
  // The entry the last verb was tied to: "signed in March 2025 and ratified in May" speaks of one.
  let lastTied: { entry: Entry; at: number } | undefined;
  const joined = (from: number, to: number) =>
    to - from <= maxDateDistance &&
    sentence
      .slice(from + 1, to)
      .some((w) => ['and', 'i', 'ta', 'y', 'a'].includes(w.token.folded)) &&
    !mentions.some((m) => m.from > from && m.to < to) &&
    // "signed in 2014 and Russia never ratified": a new subject, a new claim.
    !sentence.slice(from + 1, to).some((_, k) => partyAt(sentence, from + 1 + k) !== undefined);
  // A name after the verb is its object only with nothing like "it, and" between: "Merkel and
  // Hollande signed it, and the Budapest Memorandum…" says nothing of who signed Budapest.
  const reachable = (m: Mention, at: number) =>
    m.from < at ||
    (!sentence
      .slice(at + 1, m.from)
      .some((w) => ['and', 'i', 'ta', 'y', 'a', 'but', 'it'].includes(w.token.folded)) &&
      !/[,;:]/.test(text.slice(sentence[at]?.end ?? 0, sentence[m.from]?.start ?? 0)));
  for (const trigger of triggers) {
    const candidates = mentions.filter((m) => fits(trigger.kind)(m.entry));
    // Without a date, the verb's own subject or object: reachable from it.
    const objects = candidates.filter((m) => reachable(m, trigger.at));
    // "It was ratified in 1998": a sentence that names nothing of the kind speaks of the last one named.
    const carried =
      candidates.length === 0 ? previous.filter((m) => fits(trigger.kind)(m.entry)) : [];
    const single = carried.length === 1 ? carried[0] : undefined;
    if (trigger.dates.length > 0) {
      for (const date of trigger.dates) {
        // "Budapest was signed in 1994, Minsk II in 2015": a date belongs to the name said before
        // it; only a date said before its verb ("у 1994 році підписали меморандум") looks after.
        const mention =
          nearestBefore(candidates, date.from) ??
          (date.to < trigger.at ? nearestAfter(candidates, trigger.at) : undefined);
        const coordinated =
          !mention &&
          lastTied &&
          joined(lastTied.at, trigger.at) &&
          fits(trigger.kind)(lastTied.entry)
            ? lastTied.entry
            : undefined;
        const entry = mention?.entry ?? coordinated ?? single?.entry;
        if (!entry || trigger.negated) continue;
        // "Yanukovych, who signed the Kharkiv Pact, fled in 2014": a date past a comma after the
        // verb is another clause's, unless a name of its own comes after the comma ("signed in
        // 1994, and Minsk II in 2015").
        if (trigger.at < date.from && !(mention && clauseHas(trigger.at, date.from, mention))) {
          continue;
        }
        lastTied = { entry, at: trigger.at };
        const claim = judgeDated(entry, trigger.kind, date, trigger, sentence);
        if (claim) {
          claims.push({
            ...claim,
            said: span(
              trigger.at,
              date.from,
              date.to,
              ...(mention ? [mention.from, mention.to] : []),
            ),
          });
        }
      }
    } else {
      const near = nearest(objects, trigger.at, trigger.at, true);
      const reach = trigger.kind === 'vote' ? maxEntryDistance : maxUndatedDistance;
      const mention = near && distance(near, trigger.at, trigger.at) <= reach ? near : undefined;
      const coordinated =
        lastTied && joined(lastTied.at, trigger.at) && fits(trigger.kind)(lastTied.entry)
          ? lastTied.entry
          : undefined;
      const entry =
        mention?.entry ?? coordinated ?? (candidates.length === 0 ? single?.entry : undefined);
      if (!entry) continue;
      lastTied = { entry, at: trigger.at };
      const claim = judgeUndated(entry, trigger, sentence, mentions);
      if (claim) {
        claims.push({
          ...claim,
          // The quote keeps the negation: "never ratified" is the claim, not "ratified".
          said: span(
            trigger.at,
            ...negationOf(trigger),
            ...(mention ? [mention.from, mention.to] : []),
          ),
        });
      }
    }
    // "Kuchma and Yeltsin signed it in 1997": the signers, whether or not a date came with them.
    if (trigger.kind === 'signed') {
      const mention = nearest(objects, trigger.at, trigger.at, true);
      const entry = mention?.entry ?? single?.entry;
      if (entry?.kind === 'agreement') {
        const signers = signersAround(sentence, trigger, mentions, entry);
        if (signers.length > 0) {
          const claim = judgeSigners(entry, signers, trigger.negated);
          claims.push({
            ...claim,
            said: span(
              trigger.at,
              ...negationOf(trigger),
              ...signers.flatMap((s) => [s.at]),
              ...(mention ? [mention.from, mention.to] : []),
            ),
          });
        }
      }
    }
  }
  return claims.sort((a, b) => text.indexOf(a.said) - text.indexOf(b.said));
}

function fitsTrigger(entry: Entry, kind: TriggerKind): boolean {
  switch (kind) {
    case 'signed':
    case 'ratified':
    case 'in-force':
    case 'ended':
      return entry.kind === 'agreement';
    case 'annexed':
      return entry.kind === 'place' && entry.facts.some((fact) => fact.topic === 'annexed');
    case 'vote':
      return entry.kind === 'event' && entry.facts.some((fact) => fact.topic === 'vote');
  }
}

function distance(m: { from: number; to: number }, from: number, to: number): number {
  if (m.to < from) return from - m.to;
  if (m.from > to) return m.from - to;
  return 0;
}

/** The one mention nearest the words; none when two are as near, or none is near enough. */
function nearest(
  mentions: readonly Mention[],
  from: number,
  to: number,
  unique: boolean,
): Mention | undefined {
  const ranked = [...mentions]
    .map((m) => ({ m, d: distance(m, from, to) }))
    .filter(({ d }) => d <= maxEntryDistance)
    .sort((a, b) => a.d - b.d);
  const [best, second] = ranked;
  if (!best) return undefined;
  if (unique && second && second.d === best.d && second.m.entry !== best.m.entry) return undefined;
  return best.m;
}

/** "Budapest was signed in 1994, Minsk II in 2015": a date belongs to the name said just before it. */
function nearestBefore(mentions: readonly Mention[], at: number): Mention | undefined {
  const before = mentions.filter((m) => m.to < at && at - m.to <= maxEntryDistance);
  return before.sort((a, b) => b.to - a.to)[0];
}

function nearestAfter(mentions: readonly Mention[], at: number): Mention | undefined {
  const after = mentions.filter((m) => m.from > at && m.from - at <= maxEntryDistance);
  return after.sort((a, b) => a.from - b.from)[0];
}

function nearestTrigger(triggers: readonly Trigger[], date: StatedDate): Trigger | undefined {
  const dateTaking = triggers.filter((t) => t.kind !== 'vote');
  const ranked = dateTaking
    .map((t) => ({ t, d: t.at < date.from ? date.from - t.at : t.at - date.to }))
    .filter(({ d }) => d <= maxDateDistance)
    // The verb before the date wins a tie: "signed in 1997, ratified in 1998".
    .sort((a, b) => a.d - b.d || a.t.at - b.t.at);
  return ranked[0]?.t;
}

type Judged = Omit<CheckedClaim, 'said'>;

function firstFact(entry: Entry, topic: FactTopic): Fact | undefined {
  return entry.facts.find((fact) => fact.topic === topic);
}

function fromFact(
  entry: Entry,
  about: ClaimAbout,
  verdict: Judged['verdict'],
  fact?: Fact,
  fallback?: string,
): Judged {
  const record = fact?.statement ?? fallback;
  const source = fact?.source ?? entry.sources[0];
  return {
    entry,
    about,
    verdict,
    ...(record ? { record } : {}),
    ...(fact ? { fact } : {}),
    ...(source ? { source } : {}),
  };
}

function judgeEventDate(entry: Entry, date: StatedDate): Judged | undefined {
  if (entry.kind !== 'event') return undefined;
  const agrees = datesAgree(isoOf(date), entry.date, entry.endDate);
  const when = entry.endDate
    ? `${formatDate(entry.date)} to ${formatDate(entry.endDate)}`
    : formatDate(entry.date);
  const fact = entry.facts.find((f) => f.date === entry.date);
  return fromFact(entry, 'date', agrees ? 'matches' : 'differs', fact, `${entry.title}: ${when}.`);
}

function judgeDated(
  entry: Entry,
  kind: TriggerKind,
  date: StatedDate,
  trigger: Trigger,
  sentence: Sentence,
): Judged | undefined {
  const stated = isoOf(date);
  switch (kind) {
    case 'signed': {
      if (entry.kind !== 'agreement') return undefined;
      const fact = firstFact(entry, 'signed');
      return fromFact(
        entry,
        'signed',
        datesAgree(stated, entry.signed) ? 'matches' : 'differs',
        fact,
        `${entry.title} was signed on ${formatDate(entry.signed)}.`,
      );
    }
    case 'in-force': {
      if (entry.kind !== 'agreement') return undefined;
      const facts = entry.facts.filter((f) => f.topic === 'in-force' && f.date);
      const recorded = [
        ...(entry.inForce ? [entry.inForce] : []),
        ...facts.map((f) => f.date ?? ''),
      ];
      if (recorded.length === 0) return fromFact(entry, 'in-force', 'unknown');
      const agrees = recorded.some((iso) => datesAgree(stated, iso));
      return fromFact(
        entry,
        'in-force',
        agrees ? 'matches' : 'differs',
        facts[0],
        entry.inForce
          ? `${entry.title} entered into force on ${formatDate(entry.inForce)}.`
          : undefined,
      );
    }
    case 'ratified':
      return judgeRatified(entry, trigger, sentence, stated);
    case 'ended': {
      const ended = entry.facts.filter((f) => f.topic === 'ended');
      const dated = ended.filter((f) => f.date && !deniesEnd(f));
      if (dated.length === 0) {
        const denied = ended.find(deniesEnd);
        return denied
          ? fromFact(entry, 'ended', 'differs', denied)
          : fromFact(entry, 'ended', 'unknown');
      }
      const agreeing = dated.find((f) => datesAgree(stated, f.date ?? ''));
      return fromFact(entry, 'ended', agreeing ? 'matches' : 'differs', agreeing ?? dated[0]);
    }
    case 'annexed': {
      const annexed = entry.facts.filter((f) => f.topic === 'annexed' && f.date);
      if (annexed.length === 0) return undefined;
      const agreeing = annexed.find((f) => datesAgree(stated, f.date ?? ''));
      return fromFact(entry, 'annexed', agreeing ? 'matches' : 'differs', agreeing ?? annexed[0]);
    }
    case 'vote':
      return undefined;
  }
}

/** "has not been formally terminated": an end-topic fact that says it did not end. */
function deniesEnd(fact: Fact): boolean {
  return /\b(has not been|was not|not formally|never)\b/i.test(fact.statement);
}

function judgeUndated(
  entry: Entry,
  trigger: Trigger,
  sentence: Sentence,
  mentions: readonly Mention[],
): Judged | undefined {
  switch (trigger.kind) {
    case 'ratified':
      return judgeRatified(entry, trigger, sentence);
    case 'ended': {
      if (trigger.negated) return undefined;
      const ended = entry.facts.filter((f) => f.topic === 'ended');
      const denied = ended.find(deniesEnd);
      const happened = ended.find((f) => !deniesEnd(f));
      if (happened) return fromFact(entry, 'ended', 'matches', happened);
      if (denied) return fromFact(entry, 'ended', 'differs', denied);
      return fromFact(entry, 'ended', 'unknown');
    }
    case 'vote':
      return judgeVote(entry, trigger, sentence, mentions);
    default:
      return undefined;
  }
}

/** How the record answers "was it ratified": not at all, ratified (by whom, when), or nothing known. */
function ratificationOf(
  entry: Agreement,
): { status: 'none' | 'ratified'; text: string; fact?: Fact } | undefined {
  const fact = firstFact(entry, 'ratified');
  const text =
    entry.ratification ??
    entry.facts
      .filter((f) => f.topic === 'ratified')
      .map((f) => f.statement)
      .join(' ');
  if (text.trim() === '') return undefined;
  const none = /^\s*(not|never)\b/i.test(text) || !/\bratif/i.test(text);
  return { status: none ? 'none' : 'ratified', text, ...(fact ? { fact } : {}) };
}

function judgeRatified(
  entry: Entry,
  trigger: Trigger,
  sentence: Sentence,
  stated?: string,
): Judged | undefined {
  if (entry.kind !== 'agreement') return undefined;
  const record = ratificationOf(entry);
  if (!record) return fromFact(entry, 'ratified', 'unknown');
  const party = partyNear(sentence, trigger.at);
  // The ratification line says who ratified and when; a ratification fact cites its source.
  const recorded = (verdict: Judged['verdict']): Judged => ({
    ...fromFact(entry, 'ratified', verdict, record.fact),
    record: record.text,
  });
  if (record.status === 'none') return recorded(trigger.negated ? 'matches' : 'differs');
  // Ratified. By the party said? The record names those that did; silence about a party is no answer.
  if (party && !recordNames(party, record.text)) return undefined;
  if (trigger.negated) return recorded('differs');
  if (stated && !record.text.includes(stated.slice(0, 4))) return recorded('differs');
  return recorded('matches');
}

/** The party a verb's subject or agent names: "Russia never ratified", "ratified by the Rada". */
function partyNear(sentence: Sentence, at: number): Party | undefined {
  for (let j = at - 1; j >= Math.max(0, at - 6); j--) {
    const party = partyAt(sentence, j);
    if (party) return party;
  }
  const by = sentence.findIndex((w, j) => j > at && j <= at + 3 && w.token.folded === 'by');
  if (by > 0) {
    for (let j = by + 1; j <= by + 3; j++) {
      const party = partyAt(sentence, j);
      if (party) return party;
    }
  }
  return undefined;
}

/** Who a message says signed: a person the knowledge knows, a state, or a signatory named by surname. */
interface Signer {
  readonly at: number;
  readonly name: string;
  readonly matches: boolean;
}

const stopAt = new Set([
  'in',
  'on',
  'at',
  'for',
  'with',
  'which',
  'who',
  'where',
  'when',
  'after',
  'before',
  'but',
  'while',
]);

function signersAround(
  sentence: Sentence,
  trigger: Trigger,
  mentions: readonly Mention[],
  agreement: Agreement,
): Signer[] {
  const signatoryWords = new Set(
    agreement.signatories.flatMap((s) => {
      const words = nameWords(s.name);
      return words.length > 0 ? [words[words.length - 1] ?? ''] : [];
    }),
  );
  const recordText = [
    ...agreement.signatories.map((s) => s.state ?? ''),
    ...agreement.parties,
  ].join(' ; ');
  const signerAt = (j: number): Signer | 'skip' | 'stop' => {
    const word = sentence[j];
    if (!word) return 'stop';
    const mention = mentions.find((m) => j >= m.from && j <= m.to);
    if (mention) {
      const entry = mention.entry;
      if (entry.kind !== 'actor' || entry.actorType !== 'person') return 'stop';
      const names = new Set([entry.title, ...entry.aliases].flatMap(nameWords));
      const signed = agreement.signatories.some((s) => {
        const words = nameWords(s.name);
        const surname = words[words.length - 1];
        return surname !== undefined && names.has(surname);
      });
      return { at: j, name: entry.title, matches: signed };
    }
    const party = partyAt(sentence, j);
    if (party) return { at: j, name: party.name, matches: recordNames(party, recordText) };
    if (signatoryWords.has(word.spelled.folded) || signatoryWords.has(word.token.folded)) {
      return { at: j, name: word.raw, matches: true };
    }
    if (listWords.has(word.token.folded)) return 'skip';
    return 'stop';
  };
  const found: Signer[] = [];
  const collect = (from: number, step: 1 | -1) => {
    for (let j = from; j >= 0 && j < sentence.length; j += step) {
      const folded = sentence[j]?.token.folded ?? '';
      if (step === 1 && stopAt.has(folded)) break;
      const signer = signerAt(j);
      if (signer === 'stop') {
        if (step === -1 && auxiliaries.has(folded)) continue;
        break;
      }
      if (signer === 'skip') continue;
      // A mention spans words; take it once.
      if (!found.some((s) => s.name === signer.name)) found.push(signer);
    }
  };
  collect(trigger.at - 1, -1);
  // "signed by Ukraine, Russia…", "signed in 1994 by…"; Ukrainian and Russian put the signers after the verb.
  const by = sentence.findIndex(
    (w, j) => j > trigger.at && j <= trigger.at + 5 && w.token.folded === 'by',
  );
  if (by > 0) collect(by + 1, 1);
  else if (sentence[trigger.at]?.token.cyrillic || sentence[trigger.at]?.spelled.cyrillic) {
    collect(trigger.at + 1, 1);
  }
  return found;
}

function judgeSigners(agreement: Agreement, signers: readonly Signer[], negated: boolean): Judged {
  const wrong = signers.some((s) => s.matches === negated);
  const fact = firstFact(agreement, 'signatories');
  const listed = agreement.signatories
    .map((s) => (s.state ? `${s.name} (${s.state})` : s.name))
    .join(', ');
  return fromFact(
    agreement,
    'signatories',
    wrong ? 'differs' : 'matches',
    fact,
    listed ? `${agreement.title} was signed by ${listed}.` : undefined,
  );
}

function judgeVote(
  entry: Entry,
  trigger: Trigger,
  sentence: Sentence,
  _mentions: readonly Mention[],
): Judged | undefined {
  const said = Number(sentence[trigger.at - 1]?.token.folded);
  const after = sentence[trigger.at + 1]?.token.folded;
  if (after === 'against' || /^abst/.test(after ?? '')) return undefined;
  for (const fact of entry.facts.filter((f) => f.topic === 'vote')) {
    const favour = /(\d+) votes (?:to|in favour)/.exec(fact.statement);
    if (!favour) continue;
    return fromFact(entry, 'vote', Number(favour[1]) === said ? 'matches' : 'differs', fact);
  }
  return undefined;
}
