/** Percentile of sorted samples (nearest rank). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Median and tail of a set of samples. */
export interface Summary {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly count: number;
}

/** Summarises samples (any unit). */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, count: sorted.length };
}

/** Times one call in microseconds. */
export function timeMicros(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1000;
}

/** Formats a number with a fixed number of decimals, right-aligned. */
export function fixed(value: number, decimals = 1, width = 9): string {
  return value.toFixed(decimals).padStart(width);
}
