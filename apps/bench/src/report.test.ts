import { describe, expect, it } from "vitest";
import { markdownTable, type Row, resultRow } from "./report.js";

const figures = {
  p50Ms: 0.1,
  p99Ms: 0.3,
  p999Ms: 0.9,
  cpuPct: 95.56,
  rssMb: 48.04,
  benchCpuPct: 80,
};

const row = (path: Row["path"], opsPerSec: number, extra: Partial<Row> = {}): Row => ({
  scenario: "GetState 100 B",
  driver: "memory",
  concurrency: 64,
  path,
  opsPerSec,
  ...figures,
  ...extra,
});

describe("resultRow", () => {
  it("has exactly the published fields, in order, figures rounded", () => {
    const written = resultRow(row("sidecar", 1234.5678, { payloadBytes: 100, p50Ms: 0.123456 }));
    expect(Object.keys(written)).toEqual([
      "scenario",
      "driver",
      "concurrency",
      "path",
      "opsPerSec",
      "p50Ms",
      "p99Ms",
      "p999Ms",
      "cpuPct",
      "rssMb",
    ]);
    expect(written).toMatchObject({ opsPerSec: 1234.6, p50Ms: 0.1235, cpuPct: 95.6, rssMb: 48 });
  });

  it("writes a figure that could not be read as null, never NaN", () => {
    const written = resultRow(row("direct", 10, { cpuPct: Number.NaN, rssMb: Number.NaN }));
    expect(JSON.parse(JSON.stringify(written))).toMatchObject({ cpuPct: null, rssMb: null });
  });

  it("adds MiB/s to file rows only", () => {
    const file = resultRow(row("sidecar", 12.5, { scenario: "PutFile 4 MiB", fileMiB: 4 }));
    expect(file.mibPerSec).toBe(50);
    expect("mibPerSec" in resultRow(row("sidecar", 12.5))).toBe(false);
  });
});

describe("markdownTable", () => {
  it("sets each sidecar row against its direct row and the ceiling of its payload size", () => {
    const rows = [
      row("direct", 10_000, { payloadBytes: 100, p50Ms: 0.02 }),
      row("sidecar", 2_000, { payloadBytes: 100, p50Ms: 0.15 }),
      row("ceiling", 4_000, { scenario: "Echo 100 B", driver: "node:http2", payloadBytes: 100 }),
      row("ceiling", 3_000, { scenario: "Echo 10 KiB", driver: "node:http2", payloadBytes: 10240 }),
    ];
    const sidecarLine = markdownTable(rows)
      .split("\n")
      .find((line) => line.includes("| sidecar |"));
    // sidecar/direct 20.0%, added p50 0.130 ms, sidecar/ceiling 50.0% (the 100 B echo).
    expect(sidecarLine).toMatch(/\| 20\.0% \| 0\.130 \| 50\.0% \|$/);
  });
});
