import { describe, expect, it } from "vitest";
import type { Row } from "./report.js";
import type { StartupFigures } from "./startup.js";
import { checkTargets, targetsTable } from "./targets.js";

const row = (fields: Partial<Row> & Pick<Row, "path" | "concurrency" | "opsPerSec">): Row => ({
  scenario: "GetState 100 B",
  driver: "memory",
  payloadBytes: 100,
  p50Ms: 0.1,
  p99Ms: 0.2,
  p999Ms: 0.3,
  cpuPct: 100,
  rssMb: 50,
  benchCpuPct: 80,
  ...fields,
});

const ceiling = (concurrency: number, opsPerSec: number) =>
  row({ path: "ceiling", scenario: "Echo 100 B", driver: "node:http2", concurrency, opsPerSec });

const startup = (startupMs: number, idleRssMb: number): StartupFigures => ({
  startupMs,
  justStartedRssMb: idleRssMb + 5,
  idleRssMb,
  startupSamplesMs: [startupMs],
  justStartedRssSamplesMb: [idleRssMb + 5],
  idleRssSamplesMb: [idleRssMb],
});

describe("checkTargets", () => {
  it("passes a run that meets every target", () => {
    const rows = [
      row({ path: "sidecar", concurrency: 64, opsPerSec: 6000 }),
      ceiling(64, 10_000),
      row({ path: "direct", concurrency: 1, opsPerSec: 50_000, p50Ms: 0.01 }),
      row({ path: "sidecar", concurrency: 1, opsPerSec: 5_000, p50Ms: 0.1 }),
    ];
    const checks = checkTargets(rows, startup(420, 45));
    expect(checks.map((c) => c.pass)).toEqual([true, true, true, true]);
    expect(checks[0]!.measured).toBe("60.0% (6000 / 10000 ops/s)");
    expect(checks[1]!.measured).toBe("0.090 ms (0.100 − 0.010)");
  });

  it("gives the ceiling's p50 beside the added latency: the part the transport takes", () => {
    const rows = [
      row({ path: "direct", concurrency: 1, opsPerSec: 50_000, p50Ms: 0.002 }),
      row({ path: "sidecar", concurrency: 1, opsPerSec: 700, p50Ms: 1.064 }),
      { ...ceiling(1, 850), p50Ms: 0.906 },
    ];
    expect(checkTargets(rows, undefined)[1]!.measured).toBe(
      "1.062 ms (1.064 − 0.002); the ceiling's p50: 0.906 ms, so 0.158 ms over the transport",
    );
  });

  it("fails each target it misses, with the figure", () => {
    const rows = [
      row({ path: "sidecar", concurrency: 64, opsPerSec: 1000 }),
      ceiling(64, 10_000),
      row({ path: "direct", concurrency: 1, opsPerSec: 50_000, p50Ms: 0.01 }),
      row({ path: "sidecar", concurrency: 1, opsPerSec: 2_000, p50Ms: 0.4 }),
    ];
    // 58 MiB is 60.8 MB: over a 60 MB target.
    const checks = checkTargets(rows, startup(1500, 58));
    expect(checks.map((c) => c.pass)).toEqual([false, false, false, false]);
    expect(checks[2]!.measured).toBe("60.8 MB (58.0 MiB); 1 s after ready: 63.0 MiB");
    expect(targetsTable(checks)).toContain("| **fail** |");
  });

  it("says 'not measured' for what the run left out", () => {
    const checks = checkTargets([], undefined);
    expect(checks.every((c) => c.pass === undefined && c.measured === "not measured")).toBe(true);
    expect(targetsTable(checks)).toContain("| not measured | not measured |");
  });
});
