import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { measureTogether, median, percentile } from "./measure.js";
import type { Usage } from "./process-usage.js";

const ascending = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("percentile (nearest rank)", () => {
  it("is the smallest value with at least that share of the values at or below it", () => {
    const values = ascending(100);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 0.999)).toBe(100);
    expect(percentile(ascending(1000), 0.999)).toBe(999);
    expect(percentile(ascending(1000), 0.5)).toBe(500);
  });

  it("takes the only value of one, the largest at q = 1, and NaN of none", () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.999)).toBe(7);
    expect(percentile(ascending(10), 1)).toBe(10);
    expect(percentile(ascending(10), 0)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("rounds the rank up between values", () => {
    // 0.5 * 3 = 1.5: the 2nd value; 0.99 * 3 = 2.97: the 3rd.
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([1, 2, 3], 0.99)).toBe(3);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

/** A usage probe whose CPU time grows by `cpuPerRead` ms each time it is read. */
function fakeUsage(cpuPerRead: number, rssBytes: number) {
  let cpuMs = 0;
  return (): Usage => {
    cpuMs += cpuPerRead;
    return { cpuMs, rssBytes };
  };
}

describe("measureTogether", () => {
  it("warms each contender up, then runs them in turns, round by round", async () => {
    const order: string[] = [];
    const contender = (name: string) => ({
      operation: async () => {
        if (order.at(-1) !== name) order.push(name);
        await sleep(1);
      },
      usage: fakeUsage(0, 0),
    });
    await measureTogether([contender("a"), contender("b")], {
      concurrency: 2,
      warmupMs: 10,
      durationMs: 20,
      rounds: 3,
    });
    // Warm-up a, warm-up b, then three rounds of a then b.
    expect(order).toEqual(["a", "b", "a", "b", "a", "b", "a", "b"]);
  });

  it("reports throughput, latency percentiles and the serving process's usage", async () => {
    const [result] = await measureTogether(
      [{ operation: () => sleep(5), usage: fakeUsage(10, 50 * 1024 * 1024) }],
      { concurrency: 4, warmupMs: 0, durationMs: 200, rounds: 2 },
    );
    // Four loops of ~5 ms calls: at most 800 calls/s; timers run late on a busy machine.
    expect(result!.opsPerSec).toBeGreaterThan(50);
    expect(result!.opsPerSec).toBeLessThan(900);
    expect(result!.p50Ms).toBeGreaterThanOrEqual(4);
    expect(result!.p99Ms).toBeGreaterThanOrEqual(result!.p50Ms);
    expect(result!.p999Ms).toBeGreaterThanOrEqual(result!.p99Ms);
    // 10 ms of CPU per read, two reads per round: 10 ms per round of at least 200 ms, at most 5%.
    expect(result!.cpuPct).toBeGreaterThan(0.5);
    expect(result!.cpuPct).toBeLessThanOrEqual(5);
    expect(result!.rssMb).toBe(50);
    // The bench process mostly waits on timers here.
    expect(result!.benchCpuPct).toBeGreaterThanOrEqual(0);
    expect(result!.benchCpuPct).toBeLessThan(100);
  });

  it("fails when the operation fails", async () => {
    await expect(
      measureTogether(
        [{ operation: () => Promise.reject(new Error("backend down")), usage: fakeUsage(0, 0) }],
        { concurrency: 1, warmupMs: 0, durationMs: 10, rounds: 1 },
      ),
    ).rejects.toThrow("backend down");
  });
});
