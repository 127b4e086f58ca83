import { defineDriver, type Health } from "@layer8/core";
import { z } from "zod";
import type { DriverLock, DriverUnlock, LockDriver, LockDriverDefinition } from "../driver.js";
import type { LockStatus } from "../types.js";

const metadata = z.strictObject({
  /** How often expired locks are swept out of memory, in ms. Default 1,000. Never seen either way. */
  sweepIntervalMs: z.coerce.number().int().positive().default(1000),
});

interface Held {
  owner: string;
  /** `performance.now()` milliseconds: monotonic, so a wall-clock jump moves no expiry. */
  expiresAt: number;
}

/**
 * Locks in a Map inside the process. Every operation runs to completion without awaiting, so
 * the check and the change are one step and concurrent callers see one holder at a time.
 */
class MemoryLockDriver implements LockDriver {
  readonly features: readonly string[] = [];
  readonly #held = new Map<string, Held>();
  readonly #sweepIntervalMs: number;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#sweepIntervalMs = options.sweepIntervalMs;
  }

  async init(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#sweeper = setInterval(() => this.#sweep(), this.#sweepIntervalMs);
    this.#sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    this.#held.clear();
  }

  async health(): Promise<Health> {
    return { status: "UP", details: { locks: this.#held.size } };
  }

  async tryLock(request: DriverLock): Promise<boolean> {
    const now = performance.now();
    if (this.#live(request.key, now)) return false;
    this.#held.set(request.key, {
      owner: request.owner,
      expiresAt: now + request.expireSeconds * 1000,
    });
    return true;
  }

  async unlock(request: DriverUnlock): Promise<LockStatus> {
    const status = this.#statusFor(request, performance.now());
    if (status === "SUCCESS") this.#held.delete(request.key);
    return status;
  }

  async keepAlive(request: DriverLock): Promise<LockStatus> {
    const now = performance.now();
    const status = this.#statusFor(request, now);
    if (status === "SUCCESS") {
      this.#held.set(request.key, {
        owner: request.owner,
        expiresAt: now + request.expireSeconds * 1000,
      });
    }
    return status;
  }

  #statusFor(request: DriverUnlock, now: number): LockStatus {
    const held = this.#live(request.key, now);
    if (!held) return "LOCK_UNEXIST";
    return held.owner === request.owner ? "SUCCESS" : "LOCK_BELONG_TO_OTHERS";
  }

  #live(key: string, now: number): Held | undefined {
    const held = this.#held.get(key);
    if (held && held.expiresAt <= now) {
      this.#held.delete(key);
      return undefined;
    }
    return held;
  }

  #sweep(): void {
    const now = performance.now();
    for (const [key, held] of this.#held) if (held.expiresAt <= now) this.#held.delete(key);
  }
}

/** The in-process lock driver: locks are shared by the callers of one process only. Type `memory`. */
export const memoryLockDriver: LockDriverDefinition<typeof metadata> = defineDriver({
  block: "lock",
  type: "memory",
  description: "In-process locks; shared within one process only, lost on restart.",
  metadata,
  create: (options) => new MemoryLockDriver(options),
});
