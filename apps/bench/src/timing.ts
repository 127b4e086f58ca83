/** Concurrency levels and time per row, the same for every scenario. */
export const CONCURRENCY = [1, 64];
export const timing = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 500),
  durationMs: Number(process.env.BENCH_DURATION_MS ?? 2000),
};
