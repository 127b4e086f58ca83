import type { Health } from "@layer8/core";

/**
 * Where the sidecar is in its life, as the probes see it: INIT while components connect, UP once
 * it serves, and, while draining after SIGTERM, still alive but no longer ready (so traffic
 * moves elsewhere while in-flight calls finish).
 */
export class RuntimeState {
  #phase: "starting" | "serving" | "draining" = "starting";

  serving(): void {
    this.#phase = "serving";
  }

  draining(): void {
    this.#phase = "draining";
  }

  liveness(): Health {
    return this.#phase === "starting" ? { status: "INIT" } : { status: "UP" };
  }

  readiness(): Health {
    if (this.#phase === "starting") return { status: "INIT" };
    if (this.#phase === "draining") return { status: "DOWN", details: { reason: "shutting down" } };
    return { status: "UP" };
  }
}
