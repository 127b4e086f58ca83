export interface Measurement {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ops: number;
}

export interface MeasureOptions {
  /** Callers kept busy at once. */
  concurrency: number;
  /** Time spent before measuring (JIT, connections). */
  warmupMs: number;
  /** Time measured. */
  durationMs: number;
}

/**
 * Runs `operation` from `concurrency` loops for a fixed time and reports throughput and latency
 * percentiles of the measured window. Each loop awaits its call before the next (closed loop).
 */
export async function measure(
  operation: () => Promise<unknown>,
  options: MeasureOptions,
): Promise<Measurement> {
  await runFor(operation, options.concurrency, options.warmupMs, undefined);
  const latencies: number[] = [];
  const started = performance.now();
  await runFor(operation, options.concurrency, options.durationMs, latencies);
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    opsPerSec: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

async function runFor(
  operation: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
  latencies: number[] | undefined,
): Promise<void> {
  const end = performance.now() + durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const before = performance.now();
      await operation();
      latencies?.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
