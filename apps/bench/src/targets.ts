import { ceilingOf, directOf, type Row } from "./report.js";
import type { StartupFigures } from "./startup.js";

/** One of the issue's targets, with what this run measured. */
export interface TargetCheck {
  target: string;
  goal: string;
  measured: string;
  /** Undefined when the run did not measure it (filtered out, or it failed). */
  pass: boolean | undefined;
}

/** The headline rows: GetState of a 100 B value on the memory store. */
const HEADLINE = { scenario: "GetState 100 B", driver: "memory" };

function sidecarRow(rows: readonly Row[], concurrency: number): Row | undefined {
  return rows.find(
    (row) =>
      row.path === "sidecar" &&
      row.scenario === HEADLINE.scenario &&
      row.driver === HEADLINE.driver &&
      row.concurrency === concurrency,
  );
}

/**
 * The targets of the performance issue against this run: a report, not a test (figures on a
 * shared 2-core machine move with its load).
 */
export function checkTargets(
  rows: readonly Row[],
  startup: StartupFigures | undefined,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const busy = sidecarRow(rows, 64);
  const ceiling = busy && ceilingOf(rows, busy);
  const share = busy && ceiling ? busy.opsPerSec / ceiling.opsPerSec : Number.NaN;
  checks.push({
    target: "GetState memory 100 B, c=64: sidecar throughput / transport ceiling",
    goal: "≥ 50%",
    measured:
      busy && ceiling
        ? `${(share * 100).toFixed(1)}% (${Math.round(busy.opsPerSec)} / ${Math.round(ceiling.opsPerSec)} ops/s)`
        : "not measured",
    pass: busy && ceiling ? share >= 0.5 : undefined,
  });
  const single = sidecarRow(rows, 1);
  const direct = single && directOf(rows, single);
  const added = single && direct ? single.p50Ms - direct.p50Ms : Number.NaN;
  // What the gRPC call itself costs, whatever serves it: the floor under the added latency.
  const transport = single && ceilingOf(rows, single);
  checks.push({
    target: "GetState memory 100 B, c=1: p50 added by the sidecar (sidecar p50 − direct p50)",
    goal: "< 0.15 ms",
    measured:
      single && direct
        ? `${added.toFixed(3)} ms (${single.p50Ms.toFixed(3)} − ${direct.p50Ms.toFixed(3)})${transport ? `; the ceiling's p50: ${transport.p50Ms.toFixed(3)} ms, so ${(single.p50Ms - transport.p50Ms).toFixed(3)} ms over the transport` : ""}`
        : "not measured",
    pass: single && direct ? added < 0.15 : undefined,
  });
  const measured = startup !== undefined;
  // The issue says MB: compared in MB (10^6 bytes), the stricter reading of the two.
  const idleMb = measured ? (startup.idleRssMb * 1024 * 1024) / 1e6 : Number.NaN;
  checks.push({
    target: "Sidecar idle RSS, embedded defaults, 10 s after ready (median of 5)",
    goal: "< 60 MB",
    measured: measured
      ? `${idleMb.toFixed(1)} MB (${startup.idleRssMb.toFixed(1)} MiB); 1 s after ready: ${startup.justStartedRssMb.toFixed(1)} MiB`
      : "not measured",
    pass: measured ? idleMb < 60 : undefined,
  });
  checks.push({
    target: "Start-up to ready, embedded defaults (median of 5)",
    goal: "< 1 s",
    measured: measured ? `${Math.round(startup.startupMs)} ms` : "not measured",
    pass: measured ? startup.startupMs < 1000 : undefined,
  });
  return checks;
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  const verdict = (pass: boolean | undefined) =>
    pass === undefined ? "not measured" : pass ? "pass" : "**fail**";
  return [
    "| target | goal | measured | result |",
    "|---|---|---|---|",
    ...checks.map((c) => `| ${c.target} | ${c.goal} | ${c.measured} | ${verdict(c.pass)} |`),
  ].join("\n");
}
