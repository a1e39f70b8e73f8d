/**
 * Discord's message, component and command limits, in one table. Numbers count UTF-16 code
 * units, which is never fewer than the characters Discord counts, so staying under them is safe.
 */
export const discordLimits = {
  message: {
    /** https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
    content: 2000,
    /** A message's `nonce`, which with `enforce_nonce` makes a repeat return the first message: https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
    nonce: 25,
    /** https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
    embeds: 10,
    /** Up to 5 action rows in a message: https://discord.com/developers/docs/components/reference#action-row */
    actionRows: 5,
  },
  embed: {
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    title: 256,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    description: 4096,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    fields: 25,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    fieldName: 256,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    fieldValue: 1024,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    footer: 2048,
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    authorName: 256,
    /** Title, description, field names and values, footer and author across every embed of one message: https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    totalPerMessage: 6000,
  },
  component: {
    /** Up to 5 buttons in one action row: https://discord.com/developers/docs/components/reference#action-row */
    buttonsPerRow: 5,
    /** https://discord.com/developers/docs/components/reference#button */
    buttonLabel: 80,
    /** https://discord.com/developers/docs/components/reference#anatomy-of-a-component-custom-id */
    customId: 100,
  },
  autocomplete: {
    /** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete */
    choices: 25,
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure */
    choiceName: 100,
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure */
    choiceValue: 100,
  },
  command: {
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming */
    name: 32,
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure */
    description: 100,
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure */
    options: 25,
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure */
    stringOptionMaxLength: 6000,
  },
  modal: {
    /** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal */
    title: 45,
    /** A label's text and description: https://discord.com/developers/docs/components/reference#label */
    label: 45,
    labelDescription: 100,
    /** https://discord.com/developers/docs/components/reference#text-display */
    textDisplay: 4000,
    /** A select option's label: https://discord.com/developers/docs/components/reference#string-select-select-option-structure */
    optionLabel: 100,
  },
  interaction: {
    /** The first response must arrive within 3 s: https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction */
    responseWindowMs: 3000,
    /** Interaction tokens, and so follow-ups, live 15 minutes: https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages */
    tokenLifetimeMs: 15 * 60 * 1000,
    /**
     * A user-installed app in a server it is not installed in may send at most 5 follow-ups an
     * interaction: https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
     */
    userAppFollowUps: 5,
  },
  http: {
    /**
     * Our own cap, not Discord's: an interaction's JSON is a few kilobytes (a message context
     * menu's resolved message tens of kilobytes), so a megabyte refuses only what is not one.
     */
    bodyBytes: 1024 * 1024,
    /**
     * Our own, as Slack's: Discord signs the timestamp but documents no window, and a request it
     * sends arrives within seconds, so one older than five minutes is taken for a replay.
     * https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
     */
    requestAgeMs: 5 * 60 * 1000,
    /** Our own allowance for a clock behind Discord's; a timestamp further ahead is refused. */
    futureSkewMs: 60 * 1000,
  },
  rest: {
    /** Requests a second per bot, across every route and channel: https://discord.com/developers/docs/topics/rate-limits#global-rate-limit */
    globalRequestsPerSecond: 50,
  },
  /**
   * Our own cap, not Discord's: a briefing longer than this many messages (about 28,000
   * characters) is trimmed with a note, so one command cannot flood a channel with follow-ups.
   * The full timeline of ./knowledge takes five.
   */
  maxMessagesPerReply: 5,
} as const;
