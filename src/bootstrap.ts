import path from 'node:path';
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
  return loadKnowledgeDir(
    config.knowledgeDir,
    // The parse cache only saves time; a DATA_DIR that cannot be made goes without it, and the
    // store (when one is needed) reports it by name.
    dataDirUsable(config.dataDir)
      ? { parseCacheFile: path.join(config.dataDir, 'knowledge-parse-cache.json') }
      : {},
  );
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
