/** `npm start`: the composition root. Starts the platforms that are configured, else the console. */
import './require-node.ts';
import { hostname } from 'node:os';
import path from 'node:path';
import { runConsole } from './adapters/console/adapter.ts';
import { bootstrap, loadKnowledge } from './bootstrap.ts';
import {
  createChangeLog,
  createDailyScheduler,
  createDailyService,
  createEditorsDigest,
  createKnowledgeReloader,
  type DailyDeliverer,
  type DailyService,
  defaultRateLimits,
  type EditorsChannel,
  everyPicture,
  type Headline,
  handleShutdownSignals,
  type Knowledge,
  type Logger,
  type PlatformAdapter,
  syncWebhookSubscriptions,
  systemClock,
} from './core/index.ts';
import type { FeedPoller } from './infra/feeds/poller.ts';
import {
  createHealthRoutes,
  type HealthServer,
  type ReadinessCheck,
  startHealthServer,
} from './infra/health.ts';
import { createLogger } from './infra/logging.ts';
import type { PrometheusMetrics } from './infra/metrics.ts';
import { guardProcess } from './infra/process-guard.ts';
import { createSlackInstallations } from './infra/store/installations.ts';
import { openOnFirstUse } from './infra/store/lazy.ts';
import { openDailyStore } from './infra/store/open.ts';
import type { SqlStore } from './infra/store/sql-store.ts';
import { timeStore } from './infra/store/timed.ts';
import { createTokenCipher } from './infra/store/token-cipher.ts';
import { type AppConfig, secretValues } from './settings.ts';
import { startStep } from './startup-errors.ts';

const wantsPlatforms = (config: AppConfig) =>
  Boolean(
    config.slack || config.discord || config.discordInteractions || config.dailyWebhooks.length > 0,
  );

/** Metrics for a bot serving platforms; the console has no one to scrape them. */
let prometheus: PrometheusMetrics | undefined;

/** What `npm start` says when it has no platform to serve and no terminal for the console. */
const noPlatformMessage = [
  'trucebrief has nothing to do: no platform is configured, and stdin is not a terminal, so the console read no commands.',
  'Configure a platform in the environment or .env (see .env.example): SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), or SLACK_CLIENT_ID for OAuth installs,',
  'or DISCORD_TOKEN with DISCORD_APPLICATION_ID (the gateway; DISCORD_PUBLIC_KEY instead for HTTP interactions), or DAILY_WEBHOOK_URLS; or run npm start in a terminal to use the console.',
].join('\n');

/** Headlines for the daily post (DAILY_HEADLINES): the newest feed items of the last day and a half. */
const headlinesFrom = (store: SqlStore) => async (): Promise<readonly Headline[]> => {
  const since = (await store.now()) - 36 * 3_600_000;
  const items = await store.listFeedItems({ since, limit: 20 });
  return items
    .filter((item) => item.status !== 'dismissed')
    .sort((a, b) => (b.publishedAt ?? b.foundAt) - (a.publishedAt ?? a.foundAt))
    .map((item) => ({ outlet: item.outlet, title: item.title, link: item.link }));
};

/** The daily store, opened on first use: the console never needs it otherwise. */
let daily: Promise<SqlStore> | undefined;
const openDaily = (config: AppConfig) =>
  (daily ??= openDailyStore(config).then(
    (opened) => (prometheus ? timeStore(opened, prometheus.observeStore) : opened),
    (error: unknown) => {
      // A store that failed to open is tried again on the next /daily.
      daily = undefined;
      throw error;
    },
  ));

/** The daily service over the store and the knowledge in use; made again after a reload. */
let dailyService: { readonly knowledge: Knowledge; readonly service: DailyService } | undefined;
const currentDaily = (config: AppConfig, store: SqlStore, knowledge: Knowledge): DailyService => {
  if (dailyService?.knowledge !== knowledge) {
    dailyService = {
      knowledge,
      service: createDailyService({
        store,
        knowledge,
        clock: systemClock,
        history: store,
        ...(config.living.dailyHeadlines ? { headlines: headlinesFrom(store) } : {}),
      }),
    };
  }
  return dailyService.service;
};

/**
 * The logger: JSON lines, or readable ones when stderr is a terminal (LOG_FORMAT decides), with
 * every secret in the environment taken out of every line.
 */
let appLogger: Logger | undefined;
const loggerFor = (config: AppConfig) =>
  (appLogger ??= createLogger(config.logLevel, undefined, {
    secrets: secretValues(process.env),
    format: config.logFormat ?? (process.stderr.isTTY ? 'pretty' : 'json'),
  }));

/**
 * The knowledge's recorded versions. `changeLog.record` is the one function start-up and every
 * reload call with the knowledge just loaded (SIGHUP reload: call `recordKnowledgeLoad` after it).
 */
const changeLog = createChangeLog(
  openOnFirstUse(async () => {
    if (!lazyStore) throw new Error('the store is not configured yet');
    return lazyStore;
  }),
);

/** Records a loaded knowledge as a version; a store that fails is logged, never fatal. */
const recordKnowledgeLoad = async (knowledge: Knowledge): Promise<void> => {
  try {
    const recorded = await changeLog.record(knowledge);
    if (recorded.changes.length > 0 || recorded.first) {
      log?.info('knowledge version recorded', {
        changes: recorded.changes.length,
        first: recorded.first,
      });
    }
  } catch (error) {
    log?.warn('could not record the knowledge version', { error });
  }
};

/** The logger, once settings are read; background writes the core starts report through it. */
let log: Logger | undefined;
/** The store for the core's reports and the change log, opened on first use in the console. */
let lazyStore: SqlStore | undefined;

const { config, core } = await bootstrap(async (config) => {
  // prom-client loads only for a bot serving platforms: the console would pay a tenth of its
  // start-up for metrics no one scrapes.
  if (wantsPlatforms(config)) {
    const { createPrometheusMetrics } = await import('./infra/metrics.ts');
    prometheus = createPrometheusMetrics();
  }
  lazyStore = openOnFirstUse(() => openDaily(config));
  return {
    rateLimits: defaultRateLimits,
    // A line for each command where someone reads the logs; the console shows its answers itself.
    ...(prometheus ? { metrics: prometheus.metrics, logger: loggerFor(config) } : {}),
    feedback: {
      store: lazyStore,
      hashKey: config.living.reportHashKey,
      // People trying the bot in a terminal are not the readers whose misses editors need.
      countUnanswered: wantsPlatforms(config),
      retention: config.living.unansweredRetention,
      onError: (what, error) => log?.warn(`could not ${what}`, { error }),
    },
    changes: changeLog,
    daily: {
      handle: async (request, context) =>
        currentDaily(config, await openDaily(config), core.knowledge).handle(request, context),
      compose: async (subscription, date) =>
        currentDaily(config, await openDaily(config), core.knowledge).compose(subscription, date),
    },
  };
});
const logger = loggerFor(config);
log = logger;
// Before any platform starts: a stray rejection inside an SDK is logged and counted, not fatal.
const processFailures = guardProcess(process, logger, (code) => process.exit(code));
// A start step that fails for a setting's sake prints one line naming it; the cause is at debug.
const step = { config, logger, exit: (code: number) => process.exit(code) };

if (!prometheus) {
  // The console previews daily posts through the core; the store opens on the first /daily.
  // The knowledge's version is recorded meanwhile, so /brief changes has something to say: a moment
  // after start-up, so a line already waiting on stdin is answered first, not after hashing every
  // fact.
  setTimeout(() => void recordKnowledgeLoad(core.knowledge), 1000);
  const interactive = process.stdin.isTTY === true;
  const session = await runConsole(core, {
    input: process.stdin,
    output: process.stdout,
    interactive,
    ...(process.stdout.columns ? { width: Math.min(process.stdout.columns, 100) } : {}),
    logger,
    pictureDir: path.join(config.dataDir, 'pictures'),
  });
  // No platform, no terminal and not a line to answer: a container started without settings.
  // Exiting 0 there would look like success and the container would just stop.
  if (!interactive && session.answered === 0 && session.ended === 'end-of-input') {
    process.stderr.write(`${noPlatformMessage}\n`);
    process.exit(1);
  }
  process.exit(0);
}

const store = await startStep('store', step, () => openDaily(config));
await syncWebhookSubscriptions(store, config.dailyWebhooks, systemClock.now());
const adapters: PlatformAdapter[] = [];
prometheus.countProcessFailures(processFailures);
const { metrics } = prometheus;

// Ready when the knowledge is loaded, the store answers a query and every platform is connected;
// each adapter adds its check below, and the routes read the list at every request.
const checks: ReadinessCheck[] = [
  { name: 'knowledge', ready: () => core.knowledge.entries.length > 0 },
  { name: 'store', ready: () => store.ping().then(() => true) },
];
const slackServesHealth = Boolean(config.slack && !config.slack.appToken);
// The pictures Slack image blocks point at, beside the health routes wherever those are served.
// PUBLIC_BASE_URL is used only when something serves them: Slack HTTP mode's port or HEALTH_PORT.
const servesPictures = Boolean(
  config.publicBaseUrl && (slackServesHealth || config.healthPort !== undefined),
);
const publicBaseUrl = servesPictures ? config.publicBaseUrl : undefined;
if (config.publicBaseUrl && !servesPictures) {
  logger.warn(
    'PUBLIC_BASE_URL is set but nothing serves the pictures: use Slack HTTP mode or set HEALTH_PORT',
  );
}
const healthRoutes = [
  ...createHealthRoutes({ checks, metrics: prometheus, logger }),
  ...(publicBaseUrl
    ? [(await import('./infra/picture-route.ts')).createPictureRoute({ core, logger })]
    : []),
];

// Discord over HTTP (DISCORD_PUBLIC_KEY) needs no gateway: its endpoint is a route on PORT, on
// Slack's server when Slack runs in HTTP mode too, else on a server of its own below.
const discordHttp = config.discordInteractions
  ? (await import('./adapters/discord/http-interactions.ts')).createDiscordHttpAdapter(
      config.discordInteractions,
      core,
      logger,
      { onReplyRateLimited: () => metrics.rateLimited('discord', 'reply') },
    )
  : undefined;
const publicRoutes = discordHttp ? [...healthRoutes, discordHttp.route] : healthRoutes;

// OAuth: installations in the same database, their tokens sealed with SLACK_INSTALLATION_KEY.
// Rows still sealed with a previous key are sealed again now, so that key can be removed.
const slackInstallations = config.slackInstallationKeys
  ? createSlackInstallations(store, createTokenCipher(config.slackInstallationKeys))
  : undefined;
if (slackInstallations && config.slackInstallationKeys?.previous.length) {
  const { sealed, unopened } = await slackInstallations.sealWithCurrentKey();
  logger.info('Slack installations sealed with the current key', { sealed });
  if (unopened.length > 0) {
    // Those workspaces cannot be served until their key is configured again or they reinstall.
    logger.warn('Slack installations whose key is not configured', { installations: unopened });
  }
}

// Platform SDKs load only when configured: discord.js alone adds a fifth of a second to start-up.
if (config.slack) {
  const { createSlackAdapter } = await import('./adapters/slack/adapter.ts');
  adapters.push(
    createSlackAdapter(config.slack, core, logger, {
      events: store,
      ...(slackInstallations ? { installations: slackInstallations } : {}),
      ...(config.living.editorsChannels.slackWorkspace
        ? { defaultWorkspace: config.living.editorsChannels.slackWorkspace }
        : {}),
      host: config.host,
      // HTTP mode serves them on its own port, beside /slack/events; Socket Mode has no port.
      routes: publicRoutes,
      onReplyRateLimited: () => metrics.rateLimited('slack', 'reply'),
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
    }),
  );
}
if (discordHttp) {
  adapters.push(discordHttp);
} else if (config.discord) {
  const { createDiscordAdapter } = await import('./adapters/discord/adapter.ts');
  adapters.push(
    createDiscordAdapter(config.discord, core, logger, {
      onReplyRateLimited: () => metrics.rateLimited('discord', 'reply'),
    }),
  );
}
for (const adapter of adapters) {
  checks.push({ name: adapter.platform, ready: () => adapter.connected() });
}
// Discord's endpoint without Slack's server: PORT serves it, with the health routes beside it
// as Slack's HTTP mode does.
let publicServer: HealthServer | undefined;
if (discordHttp && !slackServesHealth) {
  const port = config.port;
  publicServer = await startStep('HTTP server', step, () =>
    startHealthServer({ host: config.host, port, routes: publicRoutes }),
  );
  logger.info('HTTP server started', { host: config.host, port: publicServer.port });
}
const portServesHealth = slackServesHealth || publicServer !== undefined;
// HEALTH_PORT serves them where nothing else does (Socket Mode, the Discord gateway or webhooks
// only) and beside PORT when asked; the same port as PORT's server would only collide.
let healthServer: HealthServer | undefined;
if (config.healthPort !== undefined && !(portServesHealth && config.healthPort === config.port)) {
  const port = config.healthPort;
  healthServer = await startStep('health server', step, () =>
    startHealthServer({ host: config.host, port, routes: healthRoutes }),
  );
  logger.info('health server started', { host: config.host, port: healthServer.port });
}

const deliverers: DailyDeliverer[] = adapters.flatMap((adapter) =>
  adapter.deliverer ? [adapter.deliverer] : [],
);
if (config.dailyWebhooks.length > 0) {
  const { createWebhookDeliverer } = await import('./adapters/webhook/deliverer.ts');
  deliverers.push(
    createWebhookDeliverer({
      webhooks: config.dailyWebhooks,
      renderPicture: core.renderPicture,
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
    }),
  );
}
const scheduler = createDailyScheduler({
  store,
  clock: systemClock,
  logger,
  deliverers,
  compose: (subscription, date) =>
    currentDaily(config, store, core.knowledge).compose(subscription, date),
  metrics: prometheus.metrics,
  instanceId: `${hostname()}:${process.pid}`,
  // Booked in the store, so instances sharing a database share each platform's budget too.
  sendSlots: store,
});

// Feeds go to the editors' review queue, never straight into a channel. The poller is made once
// the platforms answer (below): reading feeds.yaml takes the YAML parser, and the poller its
// fetching and XML parsing, none of which a first command needs.
let feedPoller: FeedPoller | undefined;
const editorsChannels: EditorsChannel[] = [
  ...(config.living.editorsChannels.slack
    ? [{ platform: 'slack' as const, channelId: config.living.editorsChannels.slack }]
    : []),
  ...(config.living.editorsChannels.discord
    ? [{ platform: 'discord' as const, channelId: config.living.editorsChannels.discord }]
    : []),
];
const digest = createEditorsDigest({
  store,
  feedback: store,
  feeds: store,
  knowledge: core.knowledge,
  deliverers,
  channels: editorsChannels,
  instanceId: `${hostname()}:${process.pid}`,
  logger,
});
// SIGHUP and KNOWLEDGE_WATCH: load the knowledge again and swap it in if it validates, recording
// the new version; otherwise keep serving the knowledge in use and log why. Commands already being
// answered finish on the old knowledge.
const reloader = createKnowledgeReloader(core, () => loadKnowledge(config), logger);
/**
 * Draws every picture of the knowledge once, one after another, into the core's cache: the first
 * person to ask for a chart then waits for none of the drawing. Run after start-up and after each
 * reload (a new knowledge gives new pictures).
 */
const drawPicturesAhead = async (knowledge: Knowledge): Promise<void> => {
  for (const picture of everyPicture(knowledge)) {
    try {
      await core.renderPicture(picture);
    } catch (error) {
      logger.warn('picture not drawn ahead; it is drawn when first asked for', {
        picture: picture.kind,
        error,
      });
    }
  }
};
const reloadKnowledge = async (why: string) => {
  logger.info(`${why}: reloading the knowledge`, { dir: config.knowledgeDir });
  const outcome = await reloader.reload();
  if (outcome.status === 'reloaded') {
    await recordKnowledgeLoad(outcome.knowledge);
    void drawPicturesAhead(outcome.knowledge);
  }
};
process.on('SIGHUP', () => void reloadKnowledge('SIGHUP'));
const knowledgeWatch = config.living.knowledgeWatch
  ? (await import('./infra/knowledge-watch.ts')).watchKnowledge(
      config.knowledgeDir,
      () => reloadKnowledge('knowledge changed on disk'),
      logger,
    )
  : undefined;

// Stop in reverse: no new posts (in-flight ones finish or are released), then no new commands,
// then the store. The scheduler goes first because in-flight posts travel over the adapters'
// own clients (the Discord deliverer uses the bot's REST client, which loses its token on stop).
handleShutdownSignals({
  signals: process,
  clock: systemClock,
  logger,
  exit: (code) => process.exit(code),
  steps: [
    { name: 'scheduler', run: () => scheduler.stop() },
    { name: 'editors digest', run: async () => digest.stop() },
    { name: 'feed poller', run: async () => feedPoller?.stop() },
    ...(knowledgeWatch ? [{ name: 'knowledge watch', run: () => knowledgeWatch.close() }] : []),
    ...adapters.map((adapter) => ({
      name: `${adapter.platform} adapter`,
      run: () => adapter.stop(),
    })),
    { name: 'store', run: () => store.close() },
    ...(healthServer ? [{ name: 'health server', run: () => healthServer.close() }] : []),
    ...(publicServer ? [{ name: 'HTTP server', run: () => publicServer.close() }] : []),
  ],
});

for (const adapter of adapters) {
  await startStep(adapter.platform, step, () => adapter.start());
  logger.info('platform started', { platform: adapter.platform });
}
// Recorded before the scheduler starts, so a daily post's "what changed" knows this version.
await recordKnowledgeLoad(core.knowledge);
scheduler.start();
logger.info('daily scheduler started', { deliverers: deliverers.map((d) => d.platform) });
const { readFeedsFile } = await import('./infra/feeds/feeds-file.ts');
const feedList = await readFeedsFile(config.living.feedsFile, logger);
// No feeds, no poller: a bot without feeds never loads its fetching and XML parsing.
if (feedList.length > 0) {
  feedPoller = (await import('./infra/feeds/poller.ts')).createFeedPoller({
    feeds: feedList,
    store,
    logger,
    intervalMs: config.living.feedsPollMs,
  });
  feedPoller.start();
  logger.info('feed poller started', { feeds: feedList.length });
}
digest.start();
void drawPicturesAhead(core.knowledge);
