import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import {
  type Core,
  createCheckMemory,
  createMemoryEventLedger,
  type DailyDeliverer,
  type EventLedger,
  type Logger,
  type PlatformAdapter,
  TrucebriefError,
} from '../../core/index.ts';
import { createBoltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { createSlackProfiles } from './daily-manager.ts';
import { createSlackDeliverer, slackClientOptions } from './deliverer.ts';
import { answerEventsOnce } from './event-retries.ts';
import { logListenerFailures } from './failures.ts';
import { declareJsonResponses } from './json-responses.ts';
import { slackLimits } from './limits.ts';
import { listenForButtons } from './listeners/button.ts';
import { listenForCheckShortcut } from './listeners/check.ts';
import { listenForCommands } from './listeners/command.ts';
import { listenForAppHome } from './listeners/home.ts';
import { listenForMentions } from './listeners/mention.ts';
import { listenForReports } from './listeners/report.ts';
import { slackBotScopes, slackEventsPath } from './manifest.ts';
import { listenForInstallChanges } from './oauth-events.ts';
import { installedBotToken, type SlackInstallationRecords } from './oauth-installations.ts';
import { oauthReceiverOptions } from './oauth-receiver.ts';
import { gateSlackRequests } from './request-gate.ts';
import { listenForPictureButtons } from './upload.ts';

/** The Slack adapter; `port` is where HTTP mode listens once started (useful with port 0). */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: 'http' | 'socket';
  readonly port: number | undefined;
  /** Posts daily briefings with the app's Web API client, for the scheduler. */
  readonly deliverer: DailyDeliverer;
}

/**
 * A route HTTP mode serves beside /slack/events (main.ts: /healthz, /readyz, /metrics, and
 * Discord's /discord/interactions when both platforms share PORT).
 */
export interface SlackHttpRoute {
  readonly path: string;
  /** GET when absent. */
  readonly method?: 'GET' | 'POST';
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
}

/** Options beyond the environment's config: knobs for tests and the benchmark. */
export interface SlackAdapterOptions {
  /** Interface HTTP mode listens on (main.ts passes HOST); all interfaces when absent. */
  readonly host?: string;
  /**
   * Served through Bolt's customRoutes on HTTP mode's port. The request gate passes them by:
   * it screens only POSTs to /slack/events.
   */
  readonly routes?: readonly SlackHttpRoute[];
  /**
   * How long an answer that waits on the store (`/daily`) may take and still ride on the
   * acknowledgement; past it the acknowledgement goes out empty and the answer follows through
   * response_url. Default 2 s.
   */
  readonly dailyAckBudgetMs?: number;
  /** How long a Web API call may take before it is abandoned; default 10 s. */
  readonly webApiTimeoutMs?: number;
  /**
   * Where handled event ids are recorded so a redelivered event is answered once; main.ts passes
   * the store, shared by every instance. Default: in memory, this process only.
   */
  readonly events?: EventLedger;
  /** Called when Slack answers a reply (a mention's answer, a shared briefing) with 429. */
  readonly onReplyRateLimited?: () => void;
  /** OAuth mode (`config.oauth`): where installations and their tokens are kept; main.ts passes the store's. */
  readonly installations?: SlackInstallationRecords;
  /**
   * OAuth mode: the workspace whose token posts what names no workspace, such as the editors'
   * digest (SLACK_EDITORS_WORKSPACE).
   */
  readonly defaultWorkspace?: string;
  /**
   * PUBLIC_BASE_URL, when the bot serves its pictures there (`routes` carries the picture route):
   * private answers then show their picture as an image block.
   */
  readonly publicBaseUrl?: string;
}

/**
 * Builds the Slack adapter: Socket Mode when an app token is configured, HTTP mode (signed
 * requests at /slack/events) otherwise; in HTTP mode with `config.oauth`, the app installs in
 * many workspaces and each request and daily post uses its workspace's token. Nothing connects
 * until `start()`.
 */
export function createSlackAdapter(
  config: SlackConfig,
  core: Core,
  logger: Logger,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  const mode = config.appToken ? 'socket' : 'http';
  const boltLogger = createBoltLogger(logger);
  const { oauth } = config;
  if (oauth && (config.appToken || !options.installations)) {
    throw new TrucebriefError(
      'CONFIG_INVALID',
      'Slack OAuth runs in HTTP mode and needs an installation store',
    );
  }
  if (!oauth && !config.botToken) {
    throw new TrucebriefError('CONFIG_INVALID', 'Slack needs SLACK_BOT_TOKEN or SLACK_CLIENT_ID');
  }
  const common: AppOptions = {
    ...(config.botToken ? { token: config.botToken } : {}),
    logger: boltLogger,
    // Bolt's default conversation store costs ~15% throughput and we keep no conversation state.
    convoStore: false,
    // auth.test runs in start(), not in the constructor, so building the adapter has no side effects.
    deferInitialization: true,
    clientOptions: {
      ...slackClientOptions,
      ...(options.webApiTimeoutMs ? { timeout: options.webApiTimeoutMs } : {}),
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    },
  };
  let app: App;
  // OAuth mode's installer, which Bolt's receiver builds: daily posts look tokens up through it.
  let installer: HTTPReceiver['installer'];
  // Socket Mode's connection as its client last reported it; HTTP mode is connected once listening.
  let socketUp = false;
  if (config.appToken) {
    // Built here rather than by `socketMode: true`, to hear the socket connect and drop.
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      // What `socketMode: true` passes: the socket client opens its connection with these.
      installerOptions: { clientOptions: common.clientOptions ?? {} },
    });
    receiver.client.on('connected', () => {
      socketUp = true;
    });
    // 'close' as well: on a dropped socket the client says nothing else until it tries again,
    // one ping timeout (5 s) later.
    for (const state of ['close', 'disconnected', 'reconnecting']) {
      receiver.client.on(state, () => {
        socketUp = false;
      });
    }
    app = new App({ ...common, receiver });
  } else if (config.signingSecret) {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: slackEventsPath,
      port: config.port,
      logger: boltLogger,
      // The gate below verifies every POST to the events path before Bolt sees it (Bolt routes
      // by the same path and method), so Bolt's second HMAC of the same body is skipped.
      signatureVerification: false,
      customRoutes: (options.routes ?? []).map((route) => ({
        path: route.path,
        // HEAD too: a proxy or Slack's unfurler may ask for an image's headers first.
        method: route.method === 'POST' ? 'POST' : ['GET', 'HEAD'],
        handler: route.handler,
      })),
      ...(oauth && options.installations
        ? oauthReceiverOptions({
            oauth,
            installations: options.installations,
            scopes: slackBotScopes,
            apiUrl: config.apiUrl,
            clientOptions: common.clientOptions,
            logger,
          })
        : {}),
    });
    installer = receiver.installer;
    declareJsonResponses(receiver);
    gateSlackRequests(receiver, {
      signingSecret: config.signingSecret,
      endpoints: [slackEventsPath],
      logger,
    });
    app = new App({ ...common, receiver });
  } else {
    throw new TrucebriefError(
      'CONFIG_INVALID',
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  }
  // First, so a redelivered event reaches no listener.
  answerEventsOnce(app, options.events ?? createMemoryEventLedger(), logger);
  const managers = new Set(config.dailyManagers);
  const profiles = createSlackProfiles();
  const checks = createCheckMemory();
  listenForCommands(app, {
    checks,
    core,
    logger,
    mode,
    managers,
    profiles,
    // The rest of Slack's 3 seconds is for the network both ways and Bolt's own work.
    ackBudgetMs: options.dailyAckBudgetMs ?? slackLimits.ackMilliseconds - 1000,
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  });
  listenForButtons(app, core, logger, checks);
  listenForCheckShortcut(app, core, logger, checks);
  listenForAppHome(app, { core, logger, managers, profiles });
  listenForPictureButtons(app, core, logger);
  listenForReports(app, core, logger);
  listenForMentions(app, { core, logger, managers, profiles });
  if (options.installations && installer) {
    listenForInstallChanges(app, options.installations, logger);
  }
  logListenerFailures(app, logger, options.onReplyRateLimited);

  let port: number | undefined;
  let started = false;
  return {
    platform: 'slack',
    mode,
    deliverer: createSlackDeliverer(app.client, {
      ...(installer ? { tokenOf: installedBotToken(installer) } : {}),
      ...(options.defaultWorkspace ? { defaultWorkspace: options.defaultWorkspace } : {}),
      pictures: { core, logger },
    }),
    get port() {
      return port;
    },
    connected: () => started && (mode === 'http' || socketUp),
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
