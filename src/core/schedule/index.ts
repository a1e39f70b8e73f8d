export { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './backoff.ts';
export {
  type Clock,
  createManualClock,
  type ManualClock,
  SleepAbortedError,
  systemClock,
} from './clock.ts';
export { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
export {
  createDailyScheduler,
  type DailyScheduler,
  type SchedulerConfig,
  type TickReport,
} from './scheduler.ts';
export {
  handleShutdownSignals,
  type ShutdownConfig,
  type ShutdownSignal,
  type SignalSource,
} from './shutdown.ts';
export * from './time-zone.ts';
