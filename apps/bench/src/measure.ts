import { selfUsage, type UsageProbe } from "./process-usage.js";

/** What one path of a scenario achieved at one concurrency level, over all its rounds. */
export interface Measurement {
  /** The median of the rounds' throughputs. */
  opsPerSec: number;
  /** Latency percentiles over every call of every round. */
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  /** CPU time of the serving process(es) over the rounds' wall time; 100 = one core. */
  cpuPct: number;
  /** The largest resident set of the serving process(es) seen at the end of a round, in MiB. */
  rssMb: number;
  /**
   * CPU of the bench process over the same time: the load generator (and, on direct rows, the
   * driver too). Near 100 it, not the server, may be what limits the throughput.
   */
  benchCpuPct: number;
}

/** One path of a scenario: the call to repeat, and how to read the usage of what serves it. */
export interface Contender {
  operation: () => Promise<unknown>;
  usage: UsageProbe;
}

export interface MeasureOptions {
  /** Callers kept busy at once, each awaiting its call before the next (closed loop). */
  concurrency: number;
  /** Time each contender runs unmeasured first (JIT, connections, caches). */
  warmupMs: number;
  /** Time measured per round. */
  durationMs: number;
  rounds: number;
}

/**
 * Measures the contenders (e.g. direct, sidecar, ceiling of one scenario) in turns: each warms up,
 * then round by round each runs for `durationMs`, so a change in the machine's load over the
 * run hits every path alike instead of the one measured last.
 */
export async function measureTogether(
  contenders: readonly Contender[],
  options: MeasureOptions,
): Promise<Measurement[]> {
  for (const contender of contenders) {
    await runFor(contender.operation, options.concurrency, options.warmupMs, undefined);
  }
  const tallies = contenders.map(() => ({
    latencies: [] as number[],
    rates: [] as number[],
    cpuMs: 0,
    benchCpuMs: 0,
    wallMs: 0,
    rssBytes: 0,
  }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const tally = tallies[index]!;
      const before = contender.usage();
      const benchBefore = selfUsage();
      const started = performance.now();
      const calls = tally.latencies.length;
      await runFor(contender.operation, options.concurrency, options.durationMs, tally.latencies);
      const elapsedMs = performance.now() - started;
      const after = contender.usage();
      tally.benchCpuMs += selfUsage().cpuMs - benchBefore.cpuMs;
      tally.wallMs += performance.now() - started;
      tally.cpuMs += after.cpuMs - before.cpuMs;
      tally.rssBytes = Math.max(tally.rssBytes, after.rssBytes);
      tally.rates.push(((tally.latencies.length - calls) / elapsedMs) * 1000);
    }
  }
  return tallies.map(({ latencies, rates, cpuMs, benchCpuMs, wallMs, rssBytes }) => {
    latencies.sort((a, b) => a - b);
    return {
      opsPerSec: median(rates),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      p999Ms: percentile(latencies, 0.999),
      cpuPct: (cpuMs / wallMs) * 100,
      rssMb: rssBytes / (1024 * 1024),
      benchCpuPct: (benchCpuMs / wallMs) * 100,
    };
  });
}

/** Runs `operation` unmeasured from `concurrency` loops for `durationMs`. */
export function warmUp(
  operation: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<void> {
  return runFor(operation, concurrency, durationMs, undefined);
}

/** Runs `operation` from `concurrency` loops until `durationMs` has passed, noting each latency. */
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

/**
 * The nearest-rank percentile of ascending `sorted`: the smallest value with at least `q` of the
 * values at or below it. NaN when there are none.
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  // The epsilon keeps q * n from landing just above a whole number (0.999 * 1000 = 999.0000000000001).
  const rank = Math.ceil(q * sorted.length - 1e-9);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1]!;
}

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
