/**
 * Slack's message limits, in one table. Renderers and the manifest generator read these numbers
 * and trim or split to stay inside them, so Slack never rejects a message we send.
 */
export const slackLimits = {
  /** Header block text. https://docs.slack.dev/reference/block-kit/blocks/header-block */
  headerText: 150,
  /** Section block text. https://docs.slack.dev/reference/block-kit/blocks/section-block */
  sectionText: 3000,
  /** Context block elements. https://docs.slack.dev/reference/block-kit/blocks/context-block */
  contextElements: 10,
  /** Any text object. https://docs.slack.dev/reference/block-kit/composition-objects/text-object */
  textObject: 3000,
  /** An image block's alt text. https://docs.slack.dev/reference/block-kit/blocks/image-block */
  imageAltText: 2000,
  /** An image block's title. https://docs.slack.dev/reference/block-kit/blocks/image-block */
  imageTitle: 2000,
  /** An image block's image_url. https://docs.slack.dev/reference/block-kit/blocks/image-block */
  imageUrl: 3000,
  /** Blocks in one message. https://docs.slack.dev/reference/block-kit/blocks */
  blocksPerMessage: 50,
  /** A Home tab view holds up to 100 blocks: https://docs.slack.dev/reference/views/home-tab-views */
  blocksPerHomeView: 100,
  /** Elements in an actions block. https://docs.slack.dev/reference/block-kit/blocks/actions-block */
  actionsElements: 25,
  /** Button label. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
  buttonText: 75,
  /** Button value. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
  buttonValue: 2000,
  /** Button action_id. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
  actionId: 255,
  /**
   * Characters of text across all blocks of a message. Undocumented: Slack answers
   * `msg_blocks_too_long` at "12,000 text characters with a buffer for block containers", and
   * rejected a message counted at 11,341, so we stay well below.
   * https://github.com/slackapi/bolt-js/issues/2509 https://github.com/slackapi/bolt-js/issues/2867
   */
  totalText: 10_000,
  /** The top-level `text`; Slack truncates past this. https://docs.slack.dev/reference/methods/chat.postMessage#truncating */
  messageText: 40_000,
  /** Slash command name, without the slash. https://docs.slack.dev/reference/app-manifest#slash_commands */
  commandName: 32,
  /** Slash command description in the manifest. https://docs.slack.dev/reference/app-manifest#slash_commands */
  commandDescription: 2000,
  /** Slash command usage hint in the manifest. https://docs.slack.dev/reference/app-manifest#slash_commands */
  commandUsageHint: 1000,
  /** App short description. https://docs.slack.dev/reference/app-manifest#display */
  appDescription: 140,
  /** App name. https://docs.slack.dev/reference/app-manifest#display and https://github.com/slackapi/manifest-schema */
  appName: 35,
  /** Bot display name. https://docs.slack.dev/reference/app-manifest#bot_user */
  botDisplayName: 80,
  /** A modal's title, submit and close labels. https://docs.slack.dev/reference/views/modal-views */
  modalTitle: 24,
  /** A view's private_metadata. https://docs.slack.dev/reference/views */
  privateMetadata: 3000,
  /** An input block's label. https://docs.slack.dev/reference/block-kit/blocks/input-block */
  inputLabel: 2000,
  /** An option's text. https://docs.slack.dev/reference/block-kit/composition-objects/option-object */
  optionText: 75,
  /** A placeholder. https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element */
  placeholder: 150,
  /** An acknowledgement must reach Slack within 3 s. https://docs.slack.dev/interactivity/handling-user-interaction#acknowledgment_response */
  ackMilliseconds: 3000,
  /**
   * Gap between posts to one channel: chat.postMessage "generally allows posting one message per
   * second per channel", with short bursts tolerated but not guaranteed.
   * https://docs.slack.dev/apis/web-api/rate-limits
   */
  postIntervalMs: 1000,
  /**
   * How far a request's timestamp may be from now, either way; Slack advises refusing older ones
   * as replays. https://docs.slack.dev/authentication/verifying-requests-from-slack#validating-a-request
   */
  requestAgeSeconds: 300,
  /**
   * How long Slack may deliver the same event again: up to three retries, the last about five
   * minutes after the first; an hour leaves room for slow deliveries.
   * https://docs.slack.dev/apis/events-api/#retries
   */
  eventRetryWindowMs: 60 * 60 * 1000,
} as const;
