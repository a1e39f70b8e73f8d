import type { DailyDeliverer } from './daily/delivery.ts';
import type { Platform } from './request.ts';

/** A running connection to one platform; the composition root starts and stops it. */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** How the daily scheduler posts to this platform, once the adapter has started. */
  readonly deliverer?: DailyDeliverer;
  start(): Promise<void>;
  /** Whether the platform connection is up now (started, and its socket or gateway live), for /readyz. */
  connected(): boolean;
  /** Stops taking new work and closes connections; safe to call twice. */
  stop(): Promise<void>;
}
