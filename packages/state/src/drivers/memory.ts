import { defineDriver, type Health } from "@layer8/core";
import { z } from "zod";
import {
  type DriverDelete,
  type DriverOperation,
  type DriverSet,
  type StateDriver,
  type StateDriverDefinition,
  StateFeature,
  type StoredState,
} from "../driver.js";
import { etagMismatch } from "../etag.js";

interface Entry {
  value: Uint8Array;
  version: number;
  expiresAt: number | undefined;
}

const metadata = z.strictObject({
  /** How often expired keys are swept out of memory, in ms. Reads never see them either way. */
  sweepIntervalMs: z.coerce.number().int().positive().default(1000),
});

/**
 * Keys live in a Map inside the process. Versions come from one counter per store, so an etag
 * is never reused, even by a key that was deleted and written again.
 */
class MemoryStateDriver implements StateDriver {
  readonly features = [StateFeature.Etag, StateFeature.Transactional, StateFeature.Ttl];
  readonly #entries = new Map<string, Entry>();
  readonly #sweepIntervalMs: number;
  #version = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#sweepIntervalMs = options.sweepIntervalMs;
  }

  async init(): Promise<void> {
    this.#sweeper = setInterval(() => this.#sweep(), this.#sweepIntervalMs);
    this.#sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#entries.clear();
  }

  async health(): Promise<Health> {
    return { status: "UP", details: { keys: this.#entries.size } };
  }

  async get(key: string): Promise<StoredState | undefined> {
    const entry = this.#live(key, Date.now());
    if (!entry) return undefined;
    return {
      value: entry.value.slice(),
      etag: String(entry.version),
      ...(entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
    };
  }

  async set(request: DriverSet): Promise<void> {
    const now = Date.now();
    this.#checkSet(request, this.#live(request.key, now));
    this.#write(request, now);
  }

  async delete(request: DriverDelete): Promise<void> {
    this.#checkDelete(request, this.#live(request.key, Date.now()));
    this.#entries.delete(request.key);
  }

  async transact(operations: readonly DriverOperation[]): Promise<void> {
    // Check every condition against the state the earlier operations would leave, then apply:
    // nothing is written unless everything holds. No await in between, so nothing interleaves.
    const now = Date.now();
    const pending = new Map<string, Entry | undefined>();
    const current = (key: string) => (pending.has(key) ? pending.get(key) : this.#live(key, now));
    for (const op of operations) {
      if (op.operation === "upsert") {
        const before = current(op.key);
        this.#checkSet(op, before);
        pending.set(op.key, {
          value: op.value,
          version: 0,
          expiresAt: nextExpiry(op, before, now),
        });
      } else {
        this.#checkDelete(op, current(op.key));
        pending.set(op.key, undefined);
      }
    }
    for (const op of operations) {
      if (op.operation === "upsert") this.#write(op, now);
      else this.#entries.delete(op.key);
    }
  }

  #checkSet(request: DriverSet, existing: Entry | undefined): void {
    if (request.etag !== undefined) {
      if (!existing)
        throw etagMismatch(request.key, "the key does not exist (it was deleted or never written)");
      if (String(existing.version) !== request.etag) {
        throw etagMismatch(
          request.key,
          `the etag '${request.etag}' is stale; the key was written since it was read`,
        );
      }
    } else if (request.firstWrite && existing) {
      throw etagMismatch(
        request.key,
        "first-write: the key already exists; pass its etag to overwrite it",
      );
    }
  }

  #checkDelete(request: DriverDelete, existing: Entry | undefined): void {
    if (request.etag === undefined) return;
    if (!existing)
      throw etagMismatch(request.key, "the key does not exist (it was deleted or never written)");
    if (String(existing.version) !== request.etag) {
      throw etagMismatch(
        request.key,
        `the etag '${request.etag}' is stale; the key was written since it was read`,
      );
    }
  }

  #write(request: DriverSet, now: number): void {
    const before = this.#live(request.key, now);
    this.#version += 1;
    this.#entries.set(request.key, {
      value: request.value.slice(),
      version: this.#version,
      expiresAt: nextExpiry(request, before, now),
    });
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

function nextExpiry(
  request: DriverSet,
  before: Entry | undefined,
  now: number,
): number | undefined {
  if (request.ttl === undefined) return before?.expiresAt;
  if (request.ttl === "persist") return undefined;
  return now + request.ttl * 1000;
}

/** The in-process state driver: no server, nothing survives a restart. Type `memory`. */
export const memoryStateDriver: StateDriverDefinition<typeof metadata> = defineDriver({
  block: "state",
  type: "memory",
  description: "In-process map; etags, TTL and transactions; lost on restart.",
  metadata,
  create: (options) => new MemoryStateDriver(options),
});
