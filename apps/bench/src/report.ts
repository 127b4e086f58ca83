import type { Measurement } from "./measure.js";

/**
 * Where a call goes. `direct`: the driver in the bench process; `sidecar`: the same operation as
 * a gRPC call to a sidecar process; `ceiling`: a gRPC call to a bare HTTP/2 echo process.
 */
export type Path = "sidecar" | "direct" | "ceiling";

/** One measured row: a scenario on a driver, at a concurrency, on a path. */
export interface Row extends Measurement {
  scenario: string;
  driver: string;
  concurrency: number;
  path: Path;
  /** The value size of a state row and of its ceiling row: how the two are paired. */
  payloadBytes?: number;
  /** The size of each file of a file row (throughput is then also given in MiB/s). */
  fileMiB?: number;
}

/** A row as written to `bench-results.json`; `null` for a figure that could not be read. */
export interface ResultRow {
  scenario: string;
  driver: string;
  concurrency: number;
  path: Path;
  opsPerSec: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  cpuPct: number | null;
  rssMb: number | null;
  /** File rows only: opsPerSec times the file size. */
  mibPerSec?: number | null;
}

const round = (value: number, digits: number) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

/** The row in the published shape, figures rounded; a figure not measured is `null`. */
export function resultRow(row: Row): ResultRow {
  return {
    scenario: row.scenario,
    driver: row.driver,
    concurrency: row.concurrency,
    path: row.path,
    opsPerSec: round(row.opsPerSec, 1),
    p50Ms: round(row.p50Ms, 4),
    p99Ms: round(row.p99Ms, 4),
    p999Ms: round(row.p999Ms, 4),
    cpuPct: round(row.cpuPct, 1),
    rssMb: round(row.rssMb, 1),
    ...(row.fileMiB === undefined ? {} : { mibPerSec: round(row.opsPerSec * row.fileMiB, 1) }),
  };
}

/** The direct row a sidecar row is compared with: same scenario, driver and concurrency. */
export function directOf(rows: readonly Row[], row: Row): Row | undefined {
  return rows.find(
    (r) =>
      r.path === "direct" &&
      r.scenario === row.scenario &&
      r.driver === row.driver &&
      r.concurrency === row.concurrency,
  );
}

/** The ceiling row of a sidecar row: the echo of the same payload size at the same concurrency. */
export function ceilingOf(rows: readonly Row[], row: Row): Row | undefined {
  if (row.payloadBytes === undefined) return undefined;
  return rows.find(
    (r) =>
      r.path === "ceiling" &&
      r.payloadBytes === row.payloadBytes &&
      r.concurrency === row.concurrency,
  );
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : "–";
const percent = (part: number, whole: number) => `${fixed((part / whole) * 100, 1)}%`;

/**
 * The rows as a Markdown table. A sidecar row also shows its throughput as a share of the direct
 * row's and of its ceiling row's, and the p50 latency it adds to the direct call.
 */
export function markdownTable(rows: readonly Row[]): string {
  const files = rows.some((row) => row.fileMiB !== undefined);
  const header = [
    "scenario",
    "driver",
    "c",
    "path",
    "ops/s",
    ...(files ? ["MiB/s"] : []),
    "p50 ms",
    "p99 ms",
    "p99.9 ms",
    "CPU %",
    "RSS MiB",
    "bench CPU %",
    "sidecar/direct",
    "added p50 ms",
    "sidecar/ceiling",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) {
    const direct = row.path === "sidecar" ? directOf(rows, row) : undefined;
    const ceiling = row.path === "sidecar" ? ceilingOf(rows, row) : undefined;
    const cells = [
      row.scenario,
      row.driver,
      String(row.concurrency),
      row.path,
      fixed(row.opsPerSec, row.opsPerSec < 100 ? 1 : 0),
      ...(files ? [row.fileMiB === undefined ? "" : fixed(row.opsPerSec * row.fileMiB, 1)] : []),
      fixed(row.p50Ms, 3),
      fixed(row.p99Ms, 3),
      fixed(row.p999Ms, 3),
      fixed(row.cpuPct, 0),
      fixed(row.rssMb, 0),
      fixed(row.benchCpuPct, 0),
      direct ? percent(row.opsPerSec, direct.opsPerSec) : "",
      direct ? fixed(row.p50Ms - direct.p50Ms, 3) : "",
      ceiling ? percent(row.opsPerSec, ceiling.opsPerSec) : "",
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
