import type { EntryKind } from './knowledge/schema.ts';

/** A free-text option of a command. On Discord every free-text argument is a string option named `query`. */
export interface CommandOptionDefinition {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** Entry kinds to suggest while the user types; absent when the option does not autocomplete. */
  readonly autocomplete?: readonly EntryKind[];
  readonly maxLength?: number;
}

/** A subcommand, for commands such as `/daily subscribe`. */
export interface SubcommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CommandOptionDefinition[];
  /** Only people who may manage the channel may run it. */
  readonly requiresManager?: boolean;
}

/** One command, declared once; every adapter, the help text, the Discord registration and the Slack manifest read it. */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  /** How it is typed, for help text: `/agreement [query]`. */
  readonly usage: string;
  readonly examples: readonly string[];
  readonly options: readonly CommandOptionDefinition[];
  readonly subcommands?: readonly SubcommandDefinition[];
  /** Entry kinds the query searches; absent means every kind. */
  readonly kinds?: readonly EntryKind[];
  /**
   * The answer waits on the daily store, perhaps a remote database: adapters acknowledge first
   * (Discord defers; Slack answers through response_url when the store is slow). The rest are
   * answered from memory in microseconds.
   */
  readonly waitsOnStore?: boolean;
  /**
   * Reached on Slack and Discord through a briefing's button (and its modal), not as a slash
   * command of its own; typed only in the console. Neither platform registers it.
   */
  readonly buttonOnly?: boolean;
}

/** Longest query we accept: Discord caps string options at 6000, but nobody types a briefing query that long. */
export const maxQueryLength = 200;

/** Longest text `/check` reads: a long chat message (the checker reads no further). */
export const maxCheckQueryLength = 4000;

const queryOption = (
  description: string,
  required: boolean,
  autocomplete: readonly EntryKind[],
): CommandOptionDefinition => ({
  name: 'query',
  description,
  required,
  autocomplete,
  maxLength: maxQueryLength,
});

const everyKind: readonly EntryKind[] = ['obstacle', 'agreement', 'place', 'event', 'actor'];

/** Every command the bot answers, in the order help lists them. */
export const commands = [
  {
    name: 'brief',
    description: 'Briefing on a topic, or the four obstacles to a truce when no topic is given',
    usage: '/brief [query] | changes [since]',
    examples: ['/brief', '/brief crimea', '/brief changes 7d', '/brief minsk 2'],
    options: [
      queryOption('Topic: an obstacle, agreement, place, event or actor', false, everyKind),
    ],
  },
  {
    name: 'obstacle',
    description: 'One of the four obstacles to a Kyiv-Moscow truce (Umland)',
    usage: '/obstacle [query]',
    examples: ['/obstacle', '/obstacle 3', '/obstacle constitutional claims'],
    options: [queryOption('Obstacle number (1-4) or name', false, ['obstacle'])],
    kinds: ['obstacle'],
  },
  {
    name: 'agreement',
    description: 'An agreement Russia signed: dates, signatories, provisions and what became of it',
    usage: '/agreement [query]',
    examples: ['/agreement budapest', '/agreement minsk ii', '/agreement'],
    options: [queryOption('Agreement name, e.g. Budapest Memorandum', false, ['agreement'])],
    kinds: ['agreement'],
  },
  {
    name: 'fact',
    description: 'Quick fact lookup with its source, visible only to you until you share it',
    usage: '/fact query',
    examples: ['/fact when was minsk ii signed', '/fact who signed the budapest memorandum'],
    options: [queryOption('A question or a name, e.g. when was Minsk II signed', true, everyKind)],
  },
  {
    name: 'check',
    description:
      'Check a message against the record: its dates, signatories, ratification, visible only to you',
    usage: '/check text',
    examples: ['/check Minsk II was signed in 2014 and Russia never ratified Budapest'],
    options: [
      {
        name: 'query',
        description: 'The text to check, e.g. Minsk II was signed in 2014',
        required: true,
        maxLength: maxCheckQueryLength,
      },
    ],
  },
  {
    name: 'timeline',
    description: 'Timeline of the key dated events and agreements',
    usage: '/timeline',
    examples: ['/timeline'],
    options: [],
  },
  {
    name: 'sources',
    description: 'The sources the knowledge base cites',
    usage: '/sources',
    examples: ['/sources'],
    options: [],
  },
  {
    name: 'daily',
    description: 'A briefing posted to this channel every morning, in its own time zone',
    usage: '/daily subscribe [time] [timezone] | unsubscribe | status | preview',
    examples: [
      '/daily subscribe',
      '/daily subscribe 07:30 Europe/Kyiv',
      '/daily status',
      '/daily preview',
      '/daily unsubscribe',
    ],
    options: [],
    waitsOnStore: true,
    subcommands: [
      {
        name: 'subscribe',
        description:
          'Post a briefing here every day (default 08:00, your Slack profile time zone or UTC)',
        options: [
          {
            name: 'time',
            description: 'Local time, 24-hour HH:MM, e.g. 07:30',
            required: false,
            maxLength: 8,
          },
          {
            name: 'timezone',
            description: 'IANA time zone, e.g. Europe/Kyiv or America/New_York',
            required: false,
            maxLength: 64,
          },
        ],
        requiresManager: true,
      },
      {
        name: 'unsubscribe',
        description: 'Stop the daily briefing in this channel',
        options: [],
        requiresManager: true,
      },
      {
        name: 'status',
        description: "This channel's subscription, next post, last delivery and any problem",
        options: [],
      },
      {
        name: 'preview',
        description: 'What would be posted here today, visible only to you',
        options: [],
      },
    ],
  },
  {
    name: 'report',
    description: 'Report a problem with a fact or briefing to the editors',
    usage: '/report entry[/fact] wrong|outdated|missing-source|other [what is wrong]',
    examples: ['/report budapest-memorandum outdated the 2024 review is missing'],
    options: [],
    waitsOnStore: true,
    buttonOnly: true,
  },
  {
    name: 'help',
    description: 'What trucebrief can do and how to ask',
    usage: '/help',
    examples: ['/help'],
    options: [],
  },
] as const satisfies readonly CommandDefinition[];

/** The name of a registered command. */
export type CommandName = (typeof commands)[number]['name'];

const commandsByName: ReadonlyMap<string, CommandDefinition> = new Map(
  commands.map((command) => [command.name, command]),
);

/** The definition of a command name, if there is one. */
export function findCommand(name: string): CommandDefinition | undefined {
  return commandsByName.get(name.toLowerCase());
}

/** Narrows a string to a command name. */
export function isCommandName(name: string): name is CommandName {
  return commandsByName.has(name);
}
