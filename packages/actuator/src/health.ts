import type { Health, HealthStatus } from "@layer8/core";

/** A real check of one thing (a backend, the runtime itself); never throws for a failed check. */
export type HealthIndicator = () => Promise<Health>;

/** Which probe an indicator takes part in. */
export type Probe = "liveness" | "readiness";

/** What the actuator answers for one probe: the overall status and each indicator's. */
export interface HealthReport {
  status: HealthStatus;
  components: Record<string, Health>;
}

/**
 * The overall status of several checks: DOWN if any is DOWN, else INIT if any is still starting,
 * else UP. No checks at all is UP: there is nothing that could be unwell.
 */
export function overallStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let overall: HealthStatus = "UP";
  for (const status of statuses) {
    if (status === "DOWN") return "DOWN";
    if (status === "INIT") overall = "INIT";
  }
  return overall;
}

/**
 * Health indicators by probe and name. Components register for readiness (a lost backend makes
 * the app unready, not dead); the runtime registers for both.
 */
export class HealthRegistry {
  readonly #indicators: Record<Probe, Map<string, HealthIndicator>> = {
    liveness: new Map(),
    readiness: new Map(),
  };

  /** Adds `indicator` under `name` to each of `probes`; a name is unique within a probe. */
  register(name: string, probes: readonly Probe[], indicator: HealthIndicator): void {
    for (const probe of probes) {
      if (this.#indicators[probe].has(name)) {
        throw new Error(`a ${probe} indicator named '${name}' is already registered`);
      }
      this.#indicators[probe].set(name, indicator);
    }
  }

  /**
   * Runs every indicator of `probe` at once, each within `timeoutMs`: a check that does not
   * answer in time, or throws, counts as DOWN with the reason in its details.
   */
  async report(probe: Probe, timeoutMs: number): Promise<HealthReport> {
    const entries = [...this.#indicators[probe]];
    const results = await Promise.all(entries.map(([, check]) => bounded(check, timeoutMs)));
    const components: Record<string, Health> = {};
    entries.forEach(([name], index) => {
      components[name] = results[index] as Health;
    });
    return { status: overallStatus(results.map((r) => r.status)), components };
  }
}

async function bounded(check: HealthIndicator, timeoutMs: number): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Health>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: "DOWN", details: { error: `no answer within ${timeoutMs} ms` } }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      check().catch(
        (error: unknown): Health => ({
          status: "DOWN",
          details: { error: error instanceof Error ? error.message : String(error) },
        }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
