import type { AddressInfo } from 'node:net';
import {
  App,
  type AppOptions,
  type BlockAction,
  type Logger as BoltLogger,
  type ButtonAction,
  HTTPReceiver,
  LogLevel,
  type RespondFn,
} from '@slack/bolt';
import {
  type ActionRequest,
  type Briefing,
  type CommandName,
  type CommandRequest,
  type Core,
  type DailyDeliverer,
  type DailyService,
  isCommandName,
  type LogContext,
  type Logger,
  maxQueryLength,
  type PlatformAdapter,
  parseCommandLine,
  TrucebriefError,
} from '../../core/index.ts';
import { actionIdPattern, actionKindOf, decodeActionValue } from './actions.ts';
import type { SlackConfig } from './config.ts';
import { createSlackDeliverer, slackClientOptions, slackDailyContext } from './daily.ts';
import { decodeSlackText, escapeSlackText } from './escape.ts';
import { slackLimits } from './limits.ts';
import { slackCommands, slackEventsPath } from './manifest.ts';
import { renderBriefingForSlack, type SlackMessage } from './render.ts';

/** The Slack adapter; `port` is where HTTP mode listens once started (useful with port 0). */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: 'http' | 'socket';
  readonly port: number | undefined;
  /** Posts daily briefings with the app's Web API client, for the scheduler. */
  readonly deliverer: DailyDeliverer;
}

/** Options beyond the environment's config: the daily service, and knobs for tests and the benchmark. */
export interface SlackAdapterOptions {
  /** Interface HTTP mode listens on; all interfaces when absent. */
  readonly host?: string;
  /** Answers `/daily`; without it the core says daily posts are unavailable. */
  readonly daily?: DailyService;
  /**
   * How long a `/daily` answer may take and still ride on the acknowledgement; past it the
   * acknowledgement goes out empty and the answer follows through response_url. Default 2 s.
   */
  readonly dailyAckBudgetMs?: number;
}

/** Said when a command fails inside the bot; the cause goes to the log, not to the channel. */
export const slackApology =
  'Sorry, something went wrong while preparing that briefing. Please try again in a moment.';

/** The command a bare mention runs: `@trucebrief minsk 2` briefs on Minsk II. */
const mentionCommand: CommandName = 'brief';

/**
 * Builds the Slack adapter: Socket Mode when an app token is configured, HTTP mode (signed
 * requests at /slack/events) otherwise. Nothing connects until `start()`.
 */
export function createSlackAdapter(
  config: SlackConfig,
  core: Core,
  logger: Logger,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  const mode = config.appToken ? 'socket' : 'http';
  const boltLogger = createBoltLogger(logger);
  const common: AppOptions = {
    token: config.botToken,
    logger: boltLogger,
    // Bolt's default conversation store costs ~15% throughput and we keep no conversation state.
    convoStore: false,
    // auth.test runs in start(), not in the constructor, so building the adapter has no side effects.
    deferInitialization: true,
    clientOptions: {
      ...slackClientOptions,
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    },
  };
  let app: App;
  if (config.appToken) {
    app = new App({ ...common, socketMode: true, appToken: config.appToken });
  } else if (config.signingSecret) {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: slackEventsPath,
      port: config.port,
      logger: boltLogger,
    });
    // Every answer on this endpoint is JSON. Saying so before Bolt writes the response lets a slash
    // command's acknowledgement carry a briefing serialised once (Bolt sends a string body as it
    // is) instead of Bolt serialising the same object on every request; see npm run bench.
    const boltListener = receiver.requestListener;
    receiver.requestListener = (request, response) => {
      response.setHeader('content-type', 'application/json');
      boltListener(request, response);
    };
    app = new App({ ...common, receiver });
  } else {
    throw new TrucebriefError(
      'CONFIG_INVALID',
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  }
  registerListeners(app, core, logger, mode, {
    ...(options.daily ? { service: options.daily } : {}),
    managers: new Set(config.dailyManagers),
    // The rest of Slack's 3 seconds is for the network both ways and Bolt's own work.
    ackBudgetMs: options.dailyAckBudgetMs ?? slackLimits.ackMilliseconds - 1000,
  });

  let port: number | undefined;
  let started = false;
  return {
    platform: 'slack',
    mode,
    deliverer: createSlackDeliverer(app.client),
    get port() {
      return port;
    },
    async start() {
      await app.init();
      if (mode === 'socket') {
        await app.start();
      } else {
        const server = await app.start({ port: config.port, host: options.host });
        const address = server.address() as AddressInfo | string | null;
        port = typeof address === 'object' && address !== null ? address.port : config.port;
      }
      started = true;
      logger.info('Slack adapter started', { mode, ...(port === undefined ? {} : { port }) });
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
      logger.info('Slack adapter stopped', { mode });
    },
  };
}

/** How `/daily` is answered: the service, who may manage, and the acknowledgement budget. */
interface DailyWiring {
  readonly service?: DailyService;
  readonly managers: ReadonlySet<string>;
  readonly ackBudgetMs: number;
}

function registerListeners(
  app: App,
  core: Core,
  logger: Logger,
  mode: SlackAdapter['mode'],
  daily: DailyWiring,
): void {
  // One listener for every command: Bolt runs every listener's matchers on every request, so one
  // listener per command multiplies that work (npm run bench shows the difference under load).
  const names = new Set(slackCommands.map((definition) => definition.name));
  const pattern = new RegExp(`^/(${[...names].join('|')})$`);
  app.command(pattern, async ({ command: body, ack, respond, client }) => {
    const name = body.command.slice(1);
    if (!isCommandName(name) || !names.has(name)) {
      await ack({ response_type: 'ephemeral', text: slackApology });
      return;
    }
    const command: CommandName = name;
    const request: CommandRequest = {
      command,
      query: cleanQuery(decodeSlackText(body.text ?? '')),
      user: { id: body.user_id, name: body.user_name },
      channel: { id: body.channel_id, name: body.channel_name },
      platform: 'slack',
    };
    const service = daily.service;
    if (command === 'daily' && service) {
      const context = { team: body.team_id };
      const reply = (async (): Promise<SlashReply> => {
        try {
          const dailyContext = await slackDailyContext(
            { query: request.query, user: body.user_id, team: body.team_id },
            { client, managers: daily.managers, logger },
          );
          return slashReply(await service.handle(request, dailyContext));
        } catch (error) {
          logger.error('Slack command failed', { ...describe(request), ...context, error });
          return { response_type: 'ephemeral', text: slackApology };
        }
      })();
      await ackWithin(daily.ackBudgetMs, reply, ack, respond, (error) =>
        logger.error('Slack reply failed', { ...describe(request), ...context, error }),
      );
      return;
    }
    // The reply rides on the acknowledgement: one round trip, well inside Slack's 3 seconds.
    const briefing = answer(core, request, logger, { team: body.team_id });
    if (briefing === undefined) {
      await ack({ response_type: 'ephemeral', text: slackApology });
      return;
    }
    // Socket Mode puts the reply inside its own envelope, so it takes the object.
    await ack(mode === 'http' ? serialisedSlashReply(briefing) : slashReply(briefing));
  });

  // One listener for both kinds of button, for the same reason as the one command listener.
  app.action<BlockAction<ButtonAction>>(
    actionIdPattern,
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const kind = actionKindOf(action.action_id);
      await onButton(body, action, logger, async (request, place) => {
        const briefing = answer(core, request, logger, place.context);
        if (briefing === undefined) return apologise(respond);
        if (kind === 'share') {
          await postPublic(renderOnce(briefing, { public: true }), place, respond, client);
          if (place.ephemeral) await respond({ delete_original: true });
          return;
        }
        const message = renderOnce(briefing);
        if (briefing.visibility === 'public') {
          await postPublic(message, place, respond, client);
          // A "did you mean" choice is made once; its ephemeral prompt goes away.
          if (place.ephemeral) await respond({ delete_original: true });
        } else {
          await respond({
            response_type: 'ephemeral',
            replace_original: place.ephemeral,
            ...message,
          });
        }
      });
    },
  );

  // Slash commands cannot be used in threads, so a mention answers in the thread it came from.
  // https://docs.slack.dev/interactivity/implementing-slash-commands
  app.event('app_mention', async ({ event, client }) => {
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    const typed = decodeSlackText(event.text.replace(/^(\s*<@[^>]+>)+/, ''));
    const parsed = parseCommandLine(typed, mentionCommand);
    const request: CommandRequest = {
      command: parsed.ok ? parsed.command : 'help',
      query: parsed.ok ? parsed.query : '',
      user: { id: user },
      channel: { id: event.channel },
      platform: 'slack',
    };
    const context = { team: event.team, event: 'app_mention' };
    try {
      const briefing = answer(core, request, logger, context);
      const message = briefing ? renderOnce(briefing) : { text: slackApology };
      if (briefing?.visibility === 'public') {
        await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message });
      } else {
        await client.chat.postEphemeral({
          channel: event.channel,
          user,
          thread_ts: threadTs,
          ...message,
        });
      }
    } catch (error) {
      logger.error('Slack reply failed', { ...describe(request), ...context, error });
    }
  });

  // Anything a listener lets escape still gets logged; Bolt keeps serving either way.
  app.error(async (error) => {
    logger.error('Slack listener failed', { error, code: error.code });
  });
}

// Briefings are immutable and the core returns the same object for a repeated question, so each
// is rendered once per form; WeakMaps let the entries go when the core's cache drops a briefing.
const renderedForChannel = new WeakMap<Briefing, SlackMessage>();
const renderedDefault = new WeakMap<Briefing, SlackMessage>();

function renderOnce(briefing: Briefing, options: { public?: boolean } = {}): SlackMessage {
  const cache = options.public ? renderedForChannel : renderedDefault;
  let message = cache.get(briefing);
  if (!message) {
    message = renderBriefingForSlack(briefing, options.public ? { public: true } : {});
    cache.set(briefing, message);
  }
  return message;
}

/** A slash command's answer: the message, for everyone in the channel or only the asker. */
type SlashReply = Partial<SlackMessage> & { response_type: 'in_channel' | 'ephemeral' };

function slashReply(briefing: Briefing): SlashReply {
  return {
    response_type: briefing.visibility === 'public' ? 'in_channel' : 'ephemeral',
    ...renderOnce(briefing),
  };
}

const serialisedReplies = new WeakMap<Briefing, string>();

/** The slash reply as JSON text, serialised once per briefing like the rendering. */
function serialisedSlashReply(briefing: Briefing): string {
  let json = serialisedReplies.get(briefing);
  if (json === undefined) {
    json = JSON.stringify(slashReply(briefing));
    serialisedReplies.set(briefing, json);
  }
  return json;
}

/**
 * Acknowledges within Slack's 3 seconds however slow the answer: when it is ready within the
 * budget it rides on the acknowledgement (one round trip); otherwise the acknowledgement goes out
 * empty, which shows nothing, and the answer follows through response_url.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
async function ackWithin(
  budgetMs: number,
  reply: Promise<SlashReply>,
  ack: (message?: SlashReply) => Promise<void>,
  respond: RespondFn,
  onRespondError: (error: unknown) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, budgetMs, undefined);
  });
  const early = await Promise.race([reply, late]);
  clearTimeout(timer);
  if (early !== undefined) {
    await ack(early);
    return;
  }
  await ack();
  try {
    await respond(await reply);
  } catch (error) {
    onRespondError(error);
  }
}

/** Where a button was clicked, for replying in the same place. */
interface ButtonPlace {
  readonly channel: string;
  readonly threadTs: string | undefined;
  readonly ephemeral: boolean;
  readonly context: LogContext;
}

async function onButton(
  body: BlockAction<ButtonAction>,
  action: ButtonAction,
  logger: Logger,
  run: (request: CommandRequest, place: ButtonPlace) => Promise<unknown>,
): Promise<void> {
  const decoded: ActionRequest | undefined = decodeActionValue(action.value);
  const channel = body.channel?.id ?? '';
  const place: ButtonPlace = {
    channel,
    threadTs: stringField(body.container, 'thread_ts'),
    ephemeral: body.container.is_ephemeral === true,
    context: { team: body.team?.id, actionId: action.action_id },
  };
  if (decoded === undefined) {
    // Not a value we wrote: someone crafted the payload, or an old message outlived a format.
    logger.warn('Slack button with an unreadable value', place.context);
    return;
  }
  const request: CommandRequest = {
    ...decoded,
    user: { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) },
    channel: { id: channel },
    platform: 'slack',
  };
  try {
    await run(request, place);
  } catch (error) {
    logger.error('Slack reply failed', { ...describe(request), ...place.context, error });
  }
}

/**
 * Posts a message for everyone as a new message: in the thread when the button was in one
 * (response_url cannot target threads), else through response_url, which also works in
 * conversations the bot has not joined.
 */
async function postPublic(
  message: SlackMessage,
  place: ButtonPlace,
  respond: RespondFn,
  client: App['client'],
): Promise<void> {
  if (place.threadTs !== undefined) {
    await client.chat.postMessage({
      channel: place.channel,
      thread_ts: place.threadTs,
      ...message,
    });
    return;
  }
  await respond({ response_type: 'in_channel', replace_original: false, ...message });
}

/** Runs the core; on failure logs the cause with context and returns undefined for an apology. */
function answer(
  core: Core,
  request: CommandRequest,
  logger: Logger,
  context: LogContext,
): Briefing | undefined {
  try {
    return core.handle(request);
  } catch (error) {
    logger.error('Slack command failed', { ...describe(request), ...context, error });
    return undefined;
  }
}

async function apologise(respond: RespondFn): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: slackApology });
}

/** Log context for a request: ids and the command, and the query escaped so logs stay one line. */
function describe(request: CommandRequest): LogContext {
  return {
    command: request.command,
    query: escapeSlackText(request.query),
    user: request.user.id,
    channel: request.channel.id,
  };
}

function cleanQuery(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, maxQueryLength);
}

function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** Bolt's logger interface over ours, so Bolt's own warnings land in the same JSON log. */
function createBoltLogger(logger: Logger): BoltLogger {
  const join = (parts: unknown[]): string =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: (...parts: unknown[]) => logger.debug(join(parts), { source: name }),
    info: (...parts: unknown[]) => logger.info(join(parts), { source: name }),
    warn: (...parts: unknown[]) => logger.warn(join(parts), { source: name }),
    error: (...parts: unknown[]) => logger.error(join(parts), { source: name }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
