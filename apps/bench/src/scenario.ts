import type { Backends } from "./backends.js";
import type { Ceiling } from "./ceiling.js";
import { type Contender, measureTogether, warmUp } from "./measure.js";
import { selfUsage, type UsageProbe } from "./process-usage.js";
import type { Path, Row } from "./report.js";
import { CONCURRENCY, type Settings, selected } from "./settings.js";

/** What every scenario module gets: the run's settings, and servers started on first use. */
export interface Bench {
  settings: Settings;
  backends: Backends;
  /** The transport ceiling's echo server and client, started once for the run. */
  ceiling(): Promise<Ceiling>;
}

/** One path of a scenario. A ceiling path names its own scenario and driver. */
export interface PathRun extends Contender {
  path: Path;
  scenario?: string;
  driver?: string;
}

export interface Scenario {
  scenario: string;
  driver: string;
  /** The value size, pairing sidecar rows with the ceiling of the same size. */
  payloadBytes?: number;
  fileMiB?: number;
  paths: PathRun[];
  /** Instead of the usual 1, 16, 64 (for whole-file transfers, where 64 at once is a long wave). */
  concurrency?: readonly number[];
}

/** Callers of the warm-up before a scenario's first level. */
const PRIMING_CONCURRENCY = 16;

/** Whether any row of `scenarios` on `driver` is in the run: set nothing up otherwise. */
export function anySelected(settings: Settings, scenarios: readonly string[], driver: string) {
  return scenarios.some((scenario) => selected(settings, scenario, driver));
}

/**
 * Measures the paths of a scenario together (in turns, round by round) at each concurrency
 * level, printing a line per level as it goes; nothing when the filter leaves it out.
 */
export async function runScenario(spec: Scenario, settings: Settings): Promise<Row[]> {
  const wanted = spec.paths.some((path) =>
    selected(settings, path.scenario ?? spec.scenario, path.driver ?? spec.driver),
  );
  if (!wanted) return [];
  // Many calls first, before the first level (c = 1): a sidecar started for this scenario has
  // run little code yet, and its first level would otherwise measure its JIT warming up.
  for (const path of spec.paths)
    await warmUp(path.operation, PRIMING_CONCURRENCY, settings.warmupMs);
  const rows: Row[] = [];
  for (const concurrency of spec.concurrency ?? CONCURRENCY) {
    const measured = await measureTogether(spec.paths, { concurrency, ...settings });
    const level = spec.paths.map((path, index) => ({
      scenario: path.scenario ?? spec.scenario,
      driver: path.driver ?? spec.driver,
      concurrency,
      path: path.path,
      ...(spec.payloadBytes === undefined ? {} : { payloadBytes: spec.payloadBytes }),
      ...(spec.fileMiB === undefined ? {} : { fileMiB: spec.fileMiB }),
      ...measured[index]!,
    }));
    console.log(
      `  ${spec.scenario} ${spec.driver} c=${concurrency}: ${level
        .map(
          (row) => `${row.path} ${Math.round(row.opsPerSec)} ops/s p50 ${row.p50Ms.toFixed(3)} ms`,
        )
        .join(", ")}`,
    );
    rows.push(...level);
  }
  return rows;
}

/** A scenario's operation done directly on the driver and through the sidecar. */
export type DirectAndSidecar = Record<"direct" | "sidecar", () => Promise<unknown>>;

/**
 * Runs each of `scenarios` on `driver` with its two paths from `operations`, in that order: the
 * direct one measured on the bench process, the sidecar one on `sidecarUsage`.
 */
export async function runDirectAndSidecar<S extends string>(
  scenarios: readonly S[],
  operations: Record<S, DirectAndSidecar>,
  driver: string,
  sidecarUsage: UsageProbe,
  settings: Settings,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const { direct, sidecar } = operations[scenario];
    rows.push(
      ...(await runScenario(
        {
          scenario,
          driver,
          paths: [
            { path: "direct", operation: direct, usage: selfUsage },
            { path: "sidecar", operation: sidecar, usage: sidecarUsage },
          ],
        },
        settings,
      )),
    );
  }
  return rows;
}
