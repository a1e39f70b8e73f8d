import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Core,
  type CoreOptions,
  claimedUnitCodes,
  createCore,
  type Knowledge,
  KnowledgeError,
  loadKnowledgeDir,
  type PictureRenderer,
} from './core/index.ts';
import { makeDirectory } from './infra/make-directory.ts';
import { PictureAssetError } from './pictures/errors.ts';
import { createPictureRenderer } from './pictures/renderer.ts';
import { type AppConfig, ConfigError, parseConfig } from './settings.ts';

/** Loads `.env` if there is one; variables already set in the environment win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The start-up every entry point shares: settings, then knowledge, then the core, with what `wire`
 * adds to it (main.ts: the daily service). Bad settings or knowledge end the process with the
 * report on stderr (naming variables, never their values).
 */
export async function bootstrap(
  wire: (
    config: AppConfig,
    knowledge: Knowledge,
  ) => CoreOptions | Promise<CoreOptions> = () => ({}),
): Promise<{ config: AppConfig; core: Core }> {
  let config: AppConfig;
  try {
    loadDotEnv();
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
  try {
    const knowledge = await loadKnowledge(config);
    const pictures = await loadPictures();
    return {
      config,
      core: createCore(knowledge, { pictures, ...(await wire(config, knowledge)) }),
    };
  } catch (error) {
    if (error instanceof KnowledgeError) exitWith(`trucebrief will not start: ${error.message}`);
    throw error;
  }
}

/**
 * Loads and validates the knowledge: at start-up and at every reload (SIGHUP), so each load goes
 * the same way. Throws KnowledgeError with every problem.
 */
export function loadKnowledge(config: AppConfig): Promise<Knowledge> {
  // The parse cache and the snapshot only save time; a DATA_DIR that cannot be made goes without
  // them, and the store (when one is needed) reports it by name.
  if (!dataDirUsable(config.dataDir)) return loadKnowledgeDir(config.knowledgeDir);
  const codeKey = buildStamp();
  return loadKnowledgeDir(config.knowledgeDir, {
    parseCacheFile: path.join(config.dataDir, 'knowledge-parse-cache.json'),
    ...(codeKey
      ? { snapshot: { file: path.join(config.dataDir, 'knowledge-snapshot.bin'), codeKey } }
      : {}),
  });
}

/**
 * The stamp `npm run build` leaves beside the compiled code (every source file's path, size and
 * time), which keys the start-up snapshot to the code that made it; undefined when running from
 * the sources (tsx, the tests), where no stamp follows each edit, so no snapshot is kept.
 */
function buildStamp(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The compiled entry points sit in dist/, the chunks they share in dist/chunks/.
  for (const dir of [here, path.dirname(here)]) {
    try {
      return readFileSync(path.join(dir, '.build-stamp'), 'utf8');
    } catch {
      // Not here; look one level up, then give up.
    }
  }
  return undefined;
}

/** The picture renderer over the shipped fonts and boundaries; a broken one names its file. */
async function loadPictures(): Promise<PictureRenderer> {
  try {
    return await createPictureRenderer({ requiredUnits: claimedUnitCodes });
  } catch (error) {
    if (error instanceof PictureAssetError) {
      exitWith(`trucebrief will not start: pictures: ${error.message}`);
    }
    throw error;
  }
}

function dataDirUsable(dataDir: string): boolean {
  try {
    makeDirectory(dataDir);
    return true;
  } catch {
    return false;
  }
}

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
