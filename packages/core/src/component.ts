/** What a health check reports, as the actuator shows it. */
export type HealthStatus = "UP" | "DOWN" | "INIT";

export interface Health {
  status: HealthStatus;
  details?: Record<string, unknown>;
}

/**
 * What every driver instance is, whatever its building block: a declared list of features,
 * and a lifecycle. A block adds its operations on top (see `@layer8/state`'s `StateDriver`).
 */
export interface Component {
  /**
   * The optional capabilities this instance has (e.g. `ttl`, `etag`, `transactional` for state).
   * Conformance suites check the list both ways: claimed features work, and operations that need
   * an unclaimed feature fail with `UNIMPLEMENTED`.
   */
  readonly features: readonly string[];
  /** Connects to the backend. Called once, before any operation. */
  init(): Promise<void>;
  /** Releases connections and timers. Called once; the instance is not used afterwards. */
  close(): Promise<void>;
  /** A real check of the backend (a ping), not a flag remembered from `init`. */
  health(): Promise<Health>;
}
