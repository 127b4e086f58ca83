import type { Measurement } from "./measure.js";

/** One measured row: a scenario on a driver, at a concurrency, on a path. */
export interface Row extends Measurement {
  scenario: string;
  driver: string;
  concurrency: number;
  /** `direct`: the library in-process; `sidecar`: the same call over gRPC through the sidecar. */
  path: "direct" | "sidecar";
}

/** Prints the rows as a Markdown table, each sidecar row with its ratio to the direct one. */
export function printRows(title: string, rows: readonly Row[]): void {
  const fixed = (n: number, digits = 3) => n.toFixed(digits);
  console.log(`\n${title}\n`);
  console.log(
    "| scenario | driver | concurrency | path | ops/s | p50 ms | p99 ms | sidecar/direct ops/s | added p50 ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    const base = rows.find(
      (r) =>
        r.scenario === row.scenario &&
        r.driver === row.driver &&
        r.concurrency === row.concurrency &&
        r.path === "direct",
    );
    const ratio =
      row.path === "sidecar" && base ? `${fixed((row.opsPerSec / base.opsPerSec) * 100, 2)}%` : "";
    const added = row.path === "sidecar" && base ? fixed(row.p50Ms - base.p50Ms) : "";
    console.log(
      `| ${row.scenario} | ${row.driver} | ${row.concurrency} | ${row.path} | ${Math.round(row.opsPerSec)} | ${fixed(row.p50Ms)} | ${fixed(row.p99Ms)} | ${ratio} | ${added} |`,
    );
  }
}

/** One measured row of a transfer: files moved whole, one at a time. */
export interface ThroughputRow {
  scenario: string;
  driver: string;
  path: "direct" | "sidecar";
  /** Files moved in the measured time. */
  files: number;
  mibPerSec: number;
}

/** Prints the rows as a Markdown table, each sidecar row with its ratio to the direct one. */
export function printThroughput(title: string, rows: readonly ThroughputRow[]): void {
  console.log(`\n${title}\n`);
  console.log("| scenario | driver | path | files | MiB/s | sidecar/direct |");
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) {
    const base = rows.find(
      (r) => r.scenario === row.scenario && r.driver === row.driver && r.path === "direct",
    );
    const ratio =
      row.path === "sidecar" && base
        ? `${((row.mibPerSec / base.mibPerSec) * 100).toFixed(1)}%`
        : "";
    console.log(
      `| ${row.scenario} | ${row.driver} | ${row.path} | ${row.files} | ${row.mibPerSec.toFixed(1)} | ${ratio} |`,
    );
  }
}
