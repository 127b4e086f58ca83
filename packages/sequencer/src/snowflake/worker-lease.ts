import { randomUUID } from "node:crypto";
import { Code, type Health, Layer8Error } from "@layer8/core";
import { MAX_WORKER_ID } from "./snowflake-generator.js";

/**
 * Where worker ids are leased (Redis, etcd). Each worker id has a lease, held by one token at a
 * time and expiring unless renewed, and a floor: the newest millisecond any holder of the worker
 * id may have used in an id, kept after the lease ends.
 */
export interface WorkerLeaseBackend {
  /** Where it is, without credentials, for messages. */
  readonly description: string;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  health(): Promise<Health>;
  /**
   * Takes the lease of `workerId` for `ttlMs` if nobody holds it, raising its floor to
   * `coverUntilMs`. Resolves the floor from before, or `undefined` when it is held.
   */
  claim(
    workerId: number,
    token: string,
    ttlMs: number,
    coverUntilMs: number,
  ): Promise<number | undefined>;
  /** Extends the lease if `token` still holds it, raising the floor; false when it does not. */
  renew(workerId: number, token: string, ttlMs: number, coverUntilMs: number): Promise<boolean>;
  /** Sets the floor to `lastMs` (exact: the holder knows what it used) and frees the lease. */
  release(workerId: number, token: string, lastMs: number): Promise<void>;
}

interface Claim {
  workerId: number;
  floorMs: number;
  /** `performance.now()` before the claim was sent. */
  started: number;
  /** The floor the claim set. */
  cover: number;
}

export interface WorkerLeaseOptions {
  /** How long a lease lasts without renewal; it is renewed every third of that. */
  ttlMs: number;
  /** Called when the lease was lost and another worker id taken. */
  onChange?: (workerId: number, afterMs: number) => void;
}

/**
 * A worker id leased from a backend so that no two live generators share one. The lease is
 * renewed in the background; ids are refused (`check`) as soon as this process cannot be sure it
 * still holds it, well before the backend would give it to someone else.
 */
export class WorkerLease {
  readonly #backend: WorkerLeaseBackend;
  readonly #ttlMs: number;
  readonly #onChange: ((workerId: number, afterMs: number) => void) | undefined;
  readonly #token = randomUUID();
  #workerId = -1;
  /** `performance.now()` until which the lease is certainly held. */
  #heldUntil = 0;
  /** Wall-clock ms up to which the backend's floor covers ids made now. */
  #coveredUntilMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #lastError: string | undefined;

  constructor(backend: WorkerLeaseBackend, options: WorkerLeaseOptions) {
    this.#backend = backend;
    this.#ttlMs = options.ttlMs;
    this.#onChange = options.onChange;
  }

  get workerId(): number {
    return this.#workerId;
  }

  /** Connects and takes a free worker id; resolves it and the floor ids must stay above. */
  async acquire(): Promise<{ workerId: number; floorMs: number }> {
    await this.#backend.connect();
    const claimed = await this.#claimAny();
    this.#held(claimed);
    this.#schedule(this.#ttlMs / 3);
    return { workerId: claimed.workerId, floorMs: claimed.floorMs };
  }

  /** Throws UNAVAILABLE unless the lease is certainly held and covers timestamp `ms`. */
  check(ms: number): void {
    if (performance.now() < this.#heldUntil && ms <= this.#coveredUntilMs) return;
    throw new Layer8Error(
      Code.Unavailable,
      `the lease of snowflake worker id ${this.#workerId} on ${this.#backend.description} could not be renewed${this.#lastError ? ` (${this.#lastError})` : ""}; no ids until it is, so that no other sidecar can repeat them`,
      { field: "workerLease" },
    );
  }

  async health(): Promise<Health> {
    const backend = await this.#backend.health();
    const held = performance.now() < this.#heldUntil;
    return {
      status: held ? backend.status : "DOWN",
      details: {
        ...backend.details,
        workerId: this.#workerId,
        lease: held ? "held" : `not held${this.#lastError ? `: ${this.#lastError}` : ""}`,
      },
    };
  }

  /** Stops renewing, records `lastMs` as the worker id's floor and frees it. */
  async release(lastMs: number): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    try {
      if (this.#workerId >= 0 && performance.now() < this.#heldUntil) {
        await this.#backend.release(this.#workerId, this.#token, lastMs);
      }
    } finally {
      await this.#backend.disconnect();
    }
  }

  async #claimAny(): Promise<Claim> {
    const count = MAX_WORKER_ID + 1;
    // A random start spreads sidecars that start together over different ids at the first try.
    const start = Math.floor(Math.random() * count);
    for (let i = 0; i < count; i++) {
      const workerId = (start + i) % count;
      const started = performance.now();
      const cover = Date.now() + this.#ttlMs;
      const floorMs = await this.#backend.claim(workerId, this.#token, this.#ttlMs, cover);
      if (floorMs !== undefined) return { workerId, floorMs, started, cover };
    }
    throw new Layer8Error(
      Code.ResourceExhausted,
      `all ${count} snowflake worker ids on ${this.#backend.description} are leased by live sidecars`,
      { field: "workerLease" },
    );
  }

  #held({ workerId, started, cover }: Omit<Claim, "floorMs">): void {
    this.#workerId = workerId;
    // Ends before the backend's expiry: the backend started counting after `started`.
    this.#heldUntil = started + this.#ttlMs - Math.min(1000, this.#ttlMs / 10);
    this.#coveredUntilMs = cover;
    this.#lastError = undefined;
  }

  #schedule(ms: number): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => void this.#renew(), ms);
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    const workerId = this.#workerId;
    const started = performance.now();
    const cover = Date.now() + this.#ttlMs;
    try {
      // Renewing works only while the backend still has this token: then nobody else held the
      // worker id meanwhile, even if this process could not be sure of it for a while.
      if (await this.#backend.renew(workerId, this.#token, this.#ttlMs, cover)) {
        this.#held({ workerId, started, cover });
      } else {
        // Lost: another sidecar may hold this worker id now, so take whichever is free and
        // continue above every timestamp used so far. Switch before ids are allowed again.
        this.#heldUntil = 0;
        this.#lastError = "the lease expired and may be held by another sidecar";
        const claimed = await this.#claimAny();
        this.#onChange?.(claimed.workerId, claimed.floorMs);
        this.#held(claimed);
      }
      this.#schedule(this.#ttlMs / 3);
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#schedule(Math.min(500, this.#ttlMs / 10));
    }
  }
}
