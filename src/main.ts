/** `npm start`: the composition root. Starts the platforms that are configured, else the console. */
import { runConsole } from './adapters/console/adapter.ts';
import { bootstrap } from './bootstrap.ts';
import { createLogger, type PlatformAdapter } from './core/index.ts';

const { config, core } = await bootstrap();
const logger = createLogger(config.logLevel);
const adapters: PlatformAdapter[] = [];

// Platform SDKs load only when configured: discord.js alone adds a fifth of a second to start-up.
if (config.slack || config.discord) {
  logger.error(
    'the Slack and Discord adapters are not on this branch yet; unset their variables to use the console',
  );
  process.exit(1);
}

if (adapters.length === 0) {
  await runConsole(core, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    ...(process.stdout.columns ? { width: Math.min(process.stdout.columns, 100) } : {}),
    logger,
  });
} else {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  for (const adapter of adapters) {
    await adapter.start();
    logger.info('platform started', { platform: adapter.platform });
  }
}
