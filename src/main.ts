/** `npm start`: the composition root. Starts the platforms that are configured, else the console. */
import './require-node.ts';
import { hostname } from 'node:os';
import { runConsole } from './adapters/console/adapter.ts';
import { bootstrap } from './bootstrap.ts';
import {
  createDailyScheduler,
  createDailyService,
  type DailyDeliverer,
  type DailyService,
  defaultRateLimits,
  handleShutdownSignals,
  type Knowledge,
  type PlatformAdapter,
  syncWebhookSubscriptions,
  systemClock,
} from './core/index.ts';
import {
  createHealthRoutes,
  type HealthServer,
  type ReadinessCheck,
  startHealthServer,
} from './infra/health.ts';
import { createLogger } from './infra/logging.ts';
import type { PrometheusMetrics } from './infra/metrics.ts';
import { guardProcess } from './infra/process-guard.ts';
import { openDailyStore } from './infra/store/open.ts';
import type { SqlStore } from './infra/store/sql-store.ts';
import { timeStore } from './infra/store/timed.ts';
import type { AppConfig } from './settings.ts';
import { startStep } from './startup-errors.ts';

const wantsPlatforms = (config: AppConfig) =>
  Boolean(config.slack || config.discord || config.dailyWebhooks.length > 0);

/** Metrics for a bot serving platforms; the console has no one to scrape them. */
let prometheus: PrometheusMetrics | undefined;

/** What `npm start` says when it has no platform to serve and no terminal for the console. */
const noPlatformMessage = [
  'trucebrief has nothing to do: no platform is configured, and stdin is not a terminal, so the console read no commands.',
  'Configure a platform in the environment or .env (see .env.example): SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP),',
  'or DISCORD_TOKEN with DISCORD_APPLICATION_ID, or DAILY_WEBHOOK_URLS; or run npm start in a terminal to use the console.',
].join('\n');

/** The daily service over its store, opened on first use: the console never needs it otherwise. */
let daily: Promise<{ store: SqlStore; service: DailyService }> | undefined;
const openDaily = (config: AppConfig, knowledge: Knowledge) =>
  (daily ??= openDailyStore(config).then(
    (opened) => {
      const store = prometheus ? timeStore(opened, prometheus.observeStore) : opened;
      return { store, service: createDailyService({ store, knowledge, clock: systemClock }) };
    },
    (error: unknown) => {
      // A store that failed to open is tried again on the next /daily.
      daily = undefined;
      throw error;
    },
  ));

const { config, core } = await bootstrap(async (config, knowledge) => {
  // prom-client loads only for a bot serving platforms: the console would pay a tenth of its
  // start-up for metrics no one scrapes.
  if (wantsPlatforms(config)) {
    const { createPrometheusMetrics } = await import('./infra/metrics.ts');
    prometheus = createPrometheusMetrics();
  }
  return {
    rateLimits: defaultRateLimits,
    ...(prometheus ? { metrics: prometheus.metrics } : {}),
    daily: {
      handle: async (request, context) =>
        (await openDaily(config, knowledge)).service.handle(request, context),
      compose: async (subscription, date) =>
        (await openDaily(config, knowledge)).service.compose(subscription, date),
    },
  };
});
const logger = createLogger(config.logLevel);
// Before any platform starts: a stray rejection inside an SDK is logged and counted, not fatal.
const processFailures = guardProcess(process, logger, (code) => process.exit(code));
// A start step that fails for a setting's sake prints one line naming it; the cause is at debug.
const step = { config, logger, exit: (code: number) => process.exit(code) };

if (!prometheus) {
  // The console previews daily posts through the core; the store opens on the first /daily.
  const interactive = process.stdin.isTTY === true;
  const session = await runConsole(core, {
    input: process.stdin,
    output: process.stdout,
    interactive,
    ...(process.stdout.columns ? { width: Math.min(process.stdout.columns, 100) } : {}),
    logger,
  });
  // No platform, no terminal and not a line to answer: a container started without settings.
  // Exiting 0 there would look like success and the container would just stop.
  if (!interactive && session.answered === 0 && session.ended === 'end-of-input') {
    process.stderr.write(`${noPlatformMessage}\n`);
    process.exit(1);
  }
  process.exit(0);
}

const { store, service } = await startStep('store', step, () => openDaily(config, core.knowledge));
await syncWebhookSubscriptions(store, config.dailyWebhooks, systemClock.now());
const adapters: PlatformAdapter[] = [];
prometheus.countProcessFailures(processFailures);

// Ready when the knowledge is loaded, the store answers a query and every platform is connected;
// each adapter adds its check below, and the routes read the list at every request.
const checks: ReadinessCheck[] = [
  { name: 'knowledge', ready: () => core.knowledge.entries.length > 0 },
  { name: 'store', ready: () => store.ping().then(() => true) },
];
const healthRoutes = createHealthRoutes({ checks, metrics: prometheus, logger });
const slackServesHealth = Boolean(config.slack && !config.slack.appToken);

// Platform SDKs load only when configured: discord.js alone adds a fifth of a second to start-up.
if (config.slack) {
  const { createSlackAdapter } = await import('./adapters/slack/adapter.ts');
  adapters.push(
    createSlackAdapter(config.slack, core, logger, {
      events: store,
      host: config.host,
      // HTTP mode serves them on its own port, beside /slack/events; Socket Mode has no port.
      routes: healthRoutes,
    }),
  );
}
if (config.discord) {
  const { createDiscordAdapter } = await import('./adapters/discord/adapter.ts');
  adapters.push(createDiscordAdapter(config.discord, core, logger));
}
for (const adapter of adapters) {
  checks.push({ name: adapter.platform, ready: () => adapter.connected() });
}
// HEALTH_PORT serves them where nothing else does (Socket Mode, Discord or webhooks only) and
// beside Slack's port when asked; the same port as Slack's would only collide.
let healthServer: HealthServer | undefined;
if (config.healthPort !== undefined && !(slackServesHealth && config.healthPort === config.port)) {
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
  deliverers.push(createWebhookDeliverer({ webhooks: config.dailyWebhooks }));
}
const scheduler = createDailyScheduler({
  store,
  clock: systemClock,
  logger,
  deliverers,
  compose: service.compose,
  metrics: prometheus.metrics,
  instanceId: `${hostname()}:${process.pid}`,
});

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
    ...adapters.map((adapter) => ({
      name: `${adapter.platform} adapter`,
      run: () => adapter.stop(),
    })),
    { name: 'store', run: () => store.close() },
    ...(healthServer ? [{ name: 'health server', run: () => healthServer.close() }] : []),
  ],
});

for (const adapter of adapters) {
  await startStep(adapter.platform, step, () => adapter.start());
  logger.info('platform started', { platform: adapter.platform });
}
scheduler.start();
logger.info('daily scheduler started', { deliverers: deliverers.map((d) => d.platform) });
