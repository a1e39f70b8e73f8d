import { ConfigError, parseConfig } from '../../src/settings.ts';

/** What parseConfig says is wrong with `env`; fails the test if it accepts it. */
export function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
