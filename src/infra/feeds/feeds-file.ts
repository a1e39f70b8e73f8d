import { readFile } from 'node:fs/promises';
import { type FeedConfig, type Logger, parseFeedsFile } from '../../core/index.ts';

/** feeds.yaml's feeds; none when the file is missing, and none (with the problems logged) when invalid. */
export async function readFeedsFile(file: string, logger: Logger): Promise<readonly FeedConfig[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.warn('could not read the feeds file', { file, error });
    }
    return [];
  }
  try {
    return await parseFeedsFile(file, text);
  } catch (error) {
    logger.warn('the feeds file is invalid; no feeds are polled', { file, error });
    return [];
  }
}
