import path from 'node:path';
import {
  createDiscordAdapter,
  type DiscordAdapterOptions,
} from '../../../src/adapters/discord/adapter.ts';
import {
  type Core,
  createCore,
  type DailyService,
  type LogContext,
  type Logger,
  loadKnowledgeDir,
  type PlatformAdapter,
} from '../../../src/core/index.ts';
import { type KnowledgeFileText, parseKnowledge } from '../../../src/core/knowledge/validate.ts';
import {
  createFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
} from '../../fakes/fake-discord.ts';
import { ids } from './interactions.ts';

/** Knowledge for the Discord tests, independent of the real ./knowledge. */
const fixtureDir = path.join(import.meta.dirname, '../../fixtures/discord');

/** One log line the adapter wrote. */
export interface LogRecord {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly context: LogContext | undefined;
}

/** A logger that keeps what it is told, for assertions. */
export function createMemoryLogger(): Logger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord['level']) => (message: string, context?: LogContext) => {
    records.push({ level, message, context });
  };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A running adapter connected to a fake Discord. */
export interface Harness {
  readonly discord: FakeDiscord;
  readonly adapter: PlatformAdapter;
  readonly core: Core;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  /** Dispatches an interaction and resolves with the callback discord.js sent for it. */
  interact(interaction: {
    readonly id: string;
    readonly token: string;
    readonly payload: Record<string, unknown>;
  }): Promise<RecordedRequest>;
  /** Follow-ups sent with an interaction's token, in order; waits until `count` arrived. */
  followUps(token: string, count: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** Builds the core over the fixture knowledge plus any extra files. */
export async function createFixtureCore(extra: readonly KnowledgeFileText[] = []): Promise<Core> {
  if (extra.length === 0) return createCore(await loadKnowledgeDir(fixtureDir));
  const { readdir, readFile } = await import('node:fs/promises');
  const names = (await readdir(fixtureDir)).filter((name) => name.endsWith('.yaml'));
  const files = await Promise.all(
    names.map(async (name) => ({
      file: name,
      text: await readFile(path.join(fixtureDir, name), 'utf8'),
    })),
  );
  return createCore(parseKnowledge([...files, ...extra]));
}

/** Starts a fake Discord and the real adapter (real discord.js) against it. */
export async function startHarness(
  options: {
    readonly core?: Core;
    readonly daily?: DailyService;
    readonly adapter?: DiscordAdapterOptions;
  } = {},
): Promise<Harness> {
  const discord = await createFakeDiscord({ applicationId: ids.application });
  const given = options.core ?? (await createFixtureCore());
  // /daily goes through the core like every command, so the daily service is the core's.
  const core = options.daily ? createCore(given.knowledge, { daily: options.daily }) : given;
  const logger = createMemoryLogger();
  const adapter = createDiscordAdapter(
    { token: 'test-token', applicationId: ids.application, apiUrl: discord.apiUrl },
    core,
    logger,
    options.adapter,
  );
  await adapter.start();
  return {
    discord,
    adapter,
    core,
    logger,
    interact(interaction) {
      const callback = discord.waitForRequest(
        (request) =>
          request.method === 'POST' &&
          request.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      );
      discord.dispatchInteraction(interaction.payload);
      return callback;
    },
    async followUps(token, count) {
      const isFollowUp = (request: RecordedRequest) =>
        request.method === 'POST' && request.path === `/webhooks/${ids.application}/${token}`;
      await discord.waitForRequest(() => discord.requests.filter(isFollowUp).length >= count);
      return discord.requests.filter(isFollowUp);
    },
    async close() {
      await adapter.stop();
      await discord.close();
    },
  };
}
