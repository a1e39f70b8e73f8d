import { normalize } from '../lookup/normalize.ts';
import { tokenize } from '../lookup/words.ts';
import type { Word } from './text.ts';

const fold = (words: readonly string[]) => words.map((word) => normalize(word));

/** The kind of statement a verb makes about the entry next to it. */
export type TriggerKind = 'signed' | 'ratified' | 'in-force' | 'ended' | 'annexed' | 'vote';

// Verbs by the start of their stem (see lookup/words.ts: "підписали" stems to "pidpys"), in English,
// Ukrainian and Russian. Only what ties a date or a name to an agreement or an event; the lexicon's
// topic words answer questions, these judge claims, so they are narrower on purpose.
const stemStarts: Readonly<Record<Exclude<TriggerKind, 'in-force' | 'vote'>, readonly string[]>> = {
  signed: ['pidpys', 'podpys', 'podpis', 'uklad', 'zakliuch', 'zakliuc'],
  ratified: ['ratif', 'ratyf'],
  ended: [
    'termin',
    'denounc',
    'denons',
    'withdr',
    'laps',
    'expir',
    'scrap',
    'prypyn',
    'rozirv',
    'rastor',
    'prekra',
    'vyish',
    'vysh',
  ],
  annexed: ['annex', 'aneks', 'anneks', 'prysoed'],
};
const wholeWords: Readonly<Record<string, TriggerKind>> = {
  sign: 'signed',
  signed: 'signed',
  signing: 'signed',
  signs: 'signed',
  agreed: 'signed',
  concluded: 'signed',
  quit: 'ended',
  quits: 'ended',
  ended: 'ended',
};

/** The claim a word makes, given its neighbours ("in force" takes two words, "signed off" is no signing). */
export function triggerAt(words: readonly Word[], i: number): TriggerKind | undefined {
  const word = words[i];
  if (!word) return undefined;
  const folded = word.token.folded;
  const next = words[i + 1]?.token.folded;
  const previous = words[i - 1]?.token.folded;
  const beforePrevious = words[i - 2]?.token.folded;
  const whole = wholeWords[folded];
  if (whole === 'signed' && (next === 'off' || next === 'up')) return undefined;
  const kind = whole ?? stemTrigger(word);
  // "Poroshenko signed the law ending the treaty": a law, a decree or a bill was signed, not the
  // agreement named after it.
  if (kind === 'signed' && signsALaw(words, i)) return undefined;
  if (kind) return kind;
  if (folded === 'force' && (previous === 'in' || previous === 'into')) {
    // "still in force" says it did not end; that is not a date of entry into force.
    return beforePrevious === 'still' ? undefined : 'in-force';
  }
  if (folded === 'effect' && ['into', 'take', 'took', 'takes', 'taken'].includes(previous ?? '')) {
    return 'in-force';
  }
  // "набрав чинності", "набула чинності"; "вступил в силу".
  if (folded === 'chynnosti' && /^nab/.test(previous ?? '')) return 'in-force';
  if ((folded === 'sylu' || folded === 'silu') && /^vstup/.test(beforePrevious ?? '')) {
    return 'in-force';
  }
  if (
    (folded === 'votes' || folded === 'vote' || /^holos/.test(folded)) &&
    /^\d+$/.test(previous ?? '')
  ) {
    return 'vote';
  }
  if (folded === 'pulled' && next === 'out') return 'ended';
  return undefined;
}

function stemTrigger(word: Word): TriggerKind | undefined {
  for (const token of [word.token, word.spelled]) {
    for (const [kind, starts] of Object.entries(stemStarts)) {
      if (starts.some((start) => token.stem.startsWith(start))) return kind as TriggerKind;
    }
  }
  return undefined;
}

// What else gets signed: the object of the verb, after an article at most.
const signedDocuments = new Set(
  fold([
    'law',
    'laws',
    'decree',
    'decrees',
    'bill',
    'order',
    'executive',
    'закон',
    'закони',
    'указ',
    'укази',
    'законы',
  ]),
);

function signsALaw(words: readonly Word[], i: number): boolean {
  for (let j = i + 1; j <= i + 3 && j < words.length; j++) {
    const folded = words[j]?.token.folded ?? '';
    if (signedDocuments.has(folded)) return true;
    if (!['the', 'a', 'an', 'federal', 'constitutional'].includes(folded)) return false;
  }
  return false;
}

const negations = new Set(
  [
    'not',
    'never',
    'didnt',
    'wasnt',
    'werent',
    'hasnt',
    'havent',
    'no',
    'не',
    'ні',
    'ніколи',
    'никогда',
    'нет',
  ].map((word) => normalize(word)),
);

/** Whether the few words before a verb deny it: "never ratified", "не ратифікували". */
export function negatedBefore(words: readonly Word[], i: number): boolean {
  return negationBefore(words, i) !== undefined;
}

/** Where the negation of the word at `i` stands ("never" in "never ratified"), if there is one. */
export function negationBefore(words: readonly Word[], i: number): number | undefined {
  for (let j = Math.max(0, i - 3); j < i; j++) {
    if (negations.has(words[j]?.token.folded ?? '')) return j;
  }
  return undefined;
}

/** The states and bodies that sign and ratify, as people name them, and as the record does. */
interface Party {
  readonly name: string;
  /** Folded words that name it in a message. */
  readonly said: readonly string[];
  /** Folded phrases that name it in the record's signatories, parties and ratification text. */
  readonly recorded: readonly string[];
  /** Said only in capitals ("US", "UK", "UN"): in lower case these are other words. */
  readonly capitals?: readonly string[];
}

const parties: readonly Party[] = [
  {
    name: 'Russia',
    said: fold([
      'russia',
      'russian',
      'росія',
      'росії',
      'росію',
      'россия',
      'россии',
      'россию',
      'рф',
      'duma',
      'дума',
      'думa',
    ]),
    recorded: ['russia', 'rsfsr', 'russian federation', 'state duma', 'federation council'],
    capitals: ['RF'],
  },
  {
    name: 'Ukraine',
    said: fold([
      'ukraine',
      'ukrainian',
      'україна',
      'україни',
      'україну',
      'украина',
      'украины',
      'украину',
      'rada',
      'рада',
    ]),
    recorded: ['ukraine', 'ukrainian ssr', 'verkhovna rada', 'supreme council', 'rada'],
  },
  {
    name: 'United States',
    said: fold(['usa', 'america', 'american', 'сша', 'америка']),
    recorded: ['united states'],
    capitals: ['US', 'U.S'],
  },
  {
    name: 'United Kingdom',
    said: fold([
      'britain',
      'british',
      'великобританія',
      'великобританії',
      'британія',
      'британії',
      'великобритания',
      'великобритании',
      'британия',
    ]),
    recorded: ['united kingdom'],
    capitals: ['UK'],
  },
  {
    name: 'France',
    said: fold(['france', 'french', 'франція', 'франції', 'франция', 'франции']),
    recorded: ['france'],
  },
  {
    name: 'Germany',
    said: fold(['germany', 'german', 'німеччина', 'німеччини', 'германия', 'германии']),
    recorded: ['germany'],
  },
  {
    name: 'Belarus',
    said: fold(['belarus', 'білорусь', 'білорусі', 'беларусь', 'беларуси']),
    recorded: ['belarus'],
  },
  { name: 'OSCE', said: fold(['osce', 'обсє', 'обсе']), recorded: ['osce'] },
  {
    name: 'Türkiye',
    said: fold(['turkey', 'türkiye', 'туреччина', 'туреччини', 'турция', 'турции']),
    recorded: ['turkiye', 'turkey'],
  },
  { name: 'United Nations', said: fold(['оон']), recorded: ['united nations'], capitals: ['UN'] },
];

/** The party a word names, if any ("Russia", "Росії", "the Rada", "US"); two-word names by their second word. */
export function partyAt(words: readonly Word[], i: number): Party | undefined {
  const word = words[i];
  if (!word) return undefined;
  const folded = word.token.folded;
  const previous = words[i - 1]?.token.folded;
  if (previous === 'united' && folded === 'states') return parties[2];
  if (previous === 'united' && folded === 'kingdom') return parties[3];
  if (previous === 'united' && folded === 'nations') return parties[9];
  return parties.find(
    (party) => party.said.includes(folded) || party.capitals?.includes(word.raw) === true,
  );
}

/** Whether the record's text (signatories' states, parties, ratification) names the party. */
export function recordNames(party: Party, recordText: string): boolean {
  const folded = ` ${normalize(recordText)} `;
  return party.recorded.some((name) => folded.includes(` ${name} `));
}

/** A party, as the checker names it back. */
export type { Party };

/** Folded words that only link names in a list: "Kuchma, Yeltsin and Clinton", "Янукович і Медведєв". */
export const listWords: ReadonlySet<string> = new Set(
  fold(['and', 'the', 'і', 'й', 'та', 'и', '&', 'president', 'presidents', 'leaders', 'of']),
);

/** Folded words that may stand between a subject and its verb: "was", "had never", "jointly". */
export const auxiliaries: ReadonlySet<string> = new Set(
  fold([
    'was',
    'were',
    'had',
    'has',
    'have',
    'also',
    'jointly',
    'finally',
    'formally',
    'both',
    'all',
    'never',
    'not',
    'didnt',
    'did',
    'не',
    'ніколи',
    'никогда',
    'так',
    'і',
    'и',
  ]),
);

/** The folded words of a person's name, for comparing with the record's signatories. */
export function nameWords(name: string): string[] {
  return tokenize(name)
    .map((token) => token.folded)
    .filter((word) => word.length >= 3);
}
