/**
 * The Metrics port made Prometheus metrics with prom-client, on a registry of its own (not the
 * library's global one, so tests can build several side by side). Names follow Prometheus'
 * conventions: a `trucebrief_` prefix, `_total` on counters, base units (seconds).
 * https://prometheus.io/docs/practices/naming/
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../core/index.ts';
import type { ProcessFailureCounts } from './process-guard.ts';

/** The registry behind /metrics and what feeds it. */
export interface PrometheusMetrics {
  /** For the core and the scheduler. */
  readonly metrics: Metrics;
  /** One store operation's duration, for the store wrapper in store/timed.ts. */
  observeStore(operation: string, seconds: number, ok: boolean): void;
  /** Reads the process guard's counts at each scrape. */
  countProcessFailures(read: () => ProcessFailureCounts): void;
  /** The exposition format's content type, for the response header. */
  readonly contentType: string;
  /** Every metric in the exposition format. */
  render(): Promise<string>;
}

// Replies come from memory in milliseconds; /daily waits on the store and may take seconds.
const replyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const storeBuckets = [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** Builds the registry with the process's default metrics (CPU, memory, event loop lag). */
export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const commands = new Counter({
    name: 'trucebrief_commands_total',
    help: 'Commands answered, by command, platform and outcome',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers,
  });
  const replySeconds = new Histogram({
    name: 'trucebrief_reply_duration_seconds',
    help: 'Time from a command reaching the core to its answer, by platform',
    labelNames: ['platform'] as const,
    buckets: replyBuckets,
    registers,
  });
  const lookups = new Counter({
    name: 'trucebrief_lookups_total',
    help: 'Lookups, by outcome: answered, abstained (closest offered instead) or not-found',
    labelNames: ['outcome'] as const,
    registers,
  });
  const dailyPosts = new Counter({
    name: 'trucebrief_daily_posts_total',
    help: 'Daily post attempts, by platform and outcome: sent, retried, failed or paused',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'trucebrief_rate_limited_total',
    help: 'Platform answers of 429 Too Many Requests, by platform and what was sent (daily-post or reply)',
    labelNames: ['platform', 'work'] as const,
    registers,
  });
  const storeSeconds = new Histogram({
    name: 'trucebrief_store_duration_seconds',
    help: 'Store operations, by operation and outcome (ok or error)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: storeBuckets,
    registers,
  });

  let readFailures: () => ProcessFailureCounts = () => ({
    unhandledRejections: 0,
    uncaughtExceptions: 0,
  });
  // The guard keeps the counts; these counters copy them at each scrape.
  new Counter({
    name: 'trucebrief_unhandled_rejections_total',
    help: 'Unhandled promise rejections logged by the process guard (the bot kept serving)',
    registers,
    collect() {
      this.reset();
      this.inc(readFailures().unhandledRejections);
    },
  });
  new Counter({
    name: 'trucebrief_uncaught_exceptions_total',
    help: 'Uncaught exceptions; each ends the process, so above 0 only until the exit',
    registers,
    collect() {
      this.reset();
      this.inc(readFailures().uncaughtExceptions);
    },
  });

  return {
    metrics: {
      commandHandled: ({ command, platform, outcome, seconds }) => {
        commands.inc({ command, platform, outcome });
        replySeconds.observe({ platform }, seconds);
      },
      lookup: (outcome) => lookups.inc({ outcome }),
      dailyPost: (platform, outcome) => dailyPosts.inc({ platform, outcome }),
      rateLimited: (platform, work) => rateLimited.inc({ platform, work }),
    },
    observeStore: (operation, seconds, ok) =>
      storeSeconds.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds),
    countProcessFailures: (read) => {
      readFailures = read;
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
