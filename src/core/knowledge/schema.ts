import { z } from 'zod';

/** A calendar date as people write it in the knowledge files: a year, a month or a day. */
const isoDate = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .pipe(
    z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
      error: 'expected a date like 1994-12-05 (or 1994-12, or 1994)',
    }),
  );

const entryId = z.string({ error: 'expected an id' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: 'expected a kebab-case id like budapest-memorandum',
});

const nonEmpty = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/**
 * What a fact is about. Question forms ("when was X signed", "who signed X") pick the fact
 * whose topic matches, so the answer leads with it.
 */
export const factTopics = [
  'signed',
  'signatories',
  'ratified',
  'in-force',
  'ended',
  'violated',
  'provision',
  'annexed',
  'opened',
  'founded',
  'vote',
  'status',
  'background',
  // Who took part in talks or a delegation, who mediated them, who holds an office, what was proposed.
  'participants',
  'mediators',
  'office',
  'proposed',
] as const;

/** One dated, sourced statement. */
export const factSchema = z.strictObject({
  // Unique within its entry; `entry-id/fact-id` names the fact everywhere else (eval sets, the CLI).
  id: entryId,
  statement: nonEmpty('a statement'),
  date: isoDate.optional(),
  // When what the fact states stopped being true (an office left, a ceasefire that lapsed), so
  // "who is the president" is answered by the office held now, not one held until 2005.
  until: isoDate.optional(),
  topic: z.enum(factTopics).optional(),
  source: entryId,
  note: z.string().optional(),
});

const signatorySchema = z.strictObject({
  name: nonEmpty('a name'),
  role: z.string().optional(),
  state: z.string().optional(),
});

/** Fields every knowledge entry has, whatever its kind. */
const entryBase = {
  id: entryId,
  title: nonEmpty('a title'),
  aliases: z.array(nonEmpty('an alias')).default([]),
  keywords: z.array(nonEmpty('a keyword')).default([]),
  summary: nonEmpty('a one-line summary'),
  body: nonEmpty('a body'),
  facts: z.array(factSchema).default([]),
  related: z.array(entryId).default([]),
  sources: z.array(entryId).min(1, { error: 'every entry needs at least one source' }),
  reviewed: isoDate,
};

/** One of the four obstacles to a truce, as analysed by the article's author. */
export const obstacleSchema = z.strictObject({
  ...entryBase,
  number: z.number().int().min(1),
  author: entryId,
  points: z.array(nonEmpty('a point')).default([]),
  wouldChange: z.array(nonEmpty('a condition')).default([]),
});

/** A treaty, memorandum, protocol or communiqué. */
export const agreementSchema = z.strictObject({
  ...entryBase,
  signed: isoDate,
  place: z.string().optional(),
  signatories: z.array(signatorySchema).default([]),
  parties: z.array(nonEmpty('a party')).default([]),
  ratification: z.string().optional(),
  inForce: isoDate.optional(),
  provisions: z.array(nonEmpty('a provision')).default([]),
  fate: z.string().optional(),
  obstacles: z.array(entryId).default([]),
});

/** A territory, region or structure. */
export const placeSchema = z.strictObject({
  ...entryBase,
  placeType: z.string().optional(),
  status: z.string().optional(),
});

/** Something that happened, on a date. */
export const eventSchema = z.strictObject({
  ...entryBase,
  date: isoDate,
  endDate: isoDate.optional(),
});

/** A person, institution or organisation. */
export const actorSchema = z.strictObject({
  ...entryBase,
  actorType: z.enum(['person', 'institution', 'organisation', 'state', 'publication']),
  role: z.string().optional(),
});

/** A document or page that facts cite. */
export const sourceSchema = z.strictObject({
  id: entryId,
  title: nonEmpty('a title'),
  url: z.url({ error: 'expected a URL like https://en.wikipedia.org/wiki/Budapest_Memorandum' }),
  publisher: z.string().optional(),
  author: z.string().optional(),
  published: isoDate.optional(),
  accessed: isoDate.optional(),
});

/** The knowledge base's own metadata: its as-of date and attribution. */
export const metaSchema = z.strictObject({
  asOf: isoDate,
  title: nonEmpty('a title'),
  // Every footer carries it, and Discord footers stop at 2048 characters: one line is plenty.
  attribution: nonEmpty('an attribution').max(160, {
    error: 'keep the attribution to one line (160 characters)',
  }),
});

const phrases = (what: string) => z.array(nonEmpty(what)).default([]);
// Lists read word by word: a phrase in one would count each of its words alone ("going to" made
// every "to" ask about the future).
const singleWords = () =>
  z
    .array(
      nonEmpty('a word').refine((word) => !/\s/.test(word.trim()), {
        error: 'one word, without spaces (this list is read word by word)',
      }),
    )
    .default([]);

/** What kind of answer a question wants. */
export const questionForms = ['when', 'who', 'where', 'howmany', 'yesno', 'what'] as const;

/**
 * The words questions are read with, in every language the bot is asked in: what a question asks
 * (its form), which fact topics its words point to, words that mean the same, and the little words
 * that carry no meaning. Data, so an editor can teach the bot a new verb without touching code.
 */
export const lexiconSchema = z.strictObject({
  forms: z
    .strictObject(
      Object.fromEntries(
        questionForms.map((form) => [form, phrases('a word or phrase')]),
      ) as Record<(typeof questionForms)[number], ReturnType<typeof phrases>>,
    )
    .default({ when: [], who: [], where: [], howmany: [], yesno: [], what: [] }),
  topics: z.partialRecord(z.enum(factTopics), z.array(nonEmpty('a word or phrase'))).default({}),
  synonyms: z
    .array(
      z
        .array(nonEmpty('a word or phrase'))
        .min(2, { error: 'a synonym group needs two words or more' }),
    )
    .default([]),
  present: singleWords(),
  /** Words that ask about the past ("was", "former", "був"): who held an office then, not who holds it now. */
  past: singleWords(),
  /** Words that ask about what is to come ("will", "буде"): the knowledge records what happened. */
  future: singleWords(),
  /**
   * Words that ask for the newest ("latest", "recent", "новини"): answered with the most recent
   * facts the question finds and the date the knowledge covers events through.
   */
  recent: singleWords(),
  /** States and sides a question may ask whose thing of ("ukraine's memorandum", "russian delegation"). */
  parties: singleWords(),
  /** Words that say whose view a question asks for ("according to", "вважає"): that person is the source, not the subject. */
  attributions: phrases('a word or phrase'),
  negations: singleWords(),
  stopwords: singleWords(),
});

/** Each knowledge file holds one top-level list, named after its kind. */
export const knowledgeFileSchemas = {
  obstacles: z.array(obstacleSchema),
  agreements: z.array(agreementSchema),
  places: z.array(placeSchema),
  events: z.array(eventSchema),
  actors: z.array(actorSchema),
  sources: z.array(sourceSchema),
  meta: metaSchema,
  lexicon: lexiconSchema,
} as const;

/** The name of a top-level section a knowledge file can hold. */
export type KnowledgeSection = keyof typeof knowledgeFileSchemas;

/** A fact as stored. */
export type Fact = z.infer<typeof factSchema>;
/** An obstacle as stored. */
export type Obstacle = z.infer<typeof obstacleSchema> & { readonly kind: 'obstacle' };
/** An agreement as stored. */
export type Agreement = z.infer<typeof agreementSchema> & { readonly kind: 'agreement' };
/** A place as stored. */
export type Place = z.infer<typeof placeSchema> & { readonly kind: 'place' };
/** An event as stored. */
export type KnowledgeEvent = z.infer<typeof eventSchema> & { readonly kind: 'event' };
/** An actor as stored. */
export type Actor = z.infer<typeof actorSchema> & { readonly kind: 'actor' };
/** A source as stored. */
export type Source = z.infer<typeof sourceSchema>;
/** The knowledge base's metadata. */
export type KnowledgeMeta = z.infer<typeof metaSchema>;

/** Any entry a user can look up. */
export type Entry = Obstacle | Agreement | Place | KnowledgeEvent | Actor;
/** The kinds of entry a user can look up. */
export type EntryKind = Entry['kind'];
/** The question-reading vocabulary, as stored. */
export type Lexicon = z.infer<typeof lexiconSchema>;
/** What kind of answer a question wants. */
export type QuestionForm = (typeof questionForms)[number];
/** A fact type, for code that wants the topic alone. */
export type FactTopic = (typeof factTopics)[number];
