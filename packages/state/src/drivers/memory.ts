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
import { InMemoryState } from "./in-memory-state.js";

const metadata = z.strictObject({
  /** How often expired keys are swept out of memory, in ms. Reads never see them either way. */
  sweepIntervalMs: z.coerce.number().int().positive().default(1000),
});

/** The state engine on its own: keys live in a Map inside the process, nothing is persisted. */
class MemoryStateDriver implements StateDriver {
  readonly features = [StateFeature.Etag, StateFeature.Transactional, StateFeature.Ttl];
  readonly #state = new InMemoryState();
  readonly #sweepIntervalMs: number;

  constructor(options: z.output<typeof metadata>) {
    this.#sweepIntervalMs = options.sweepIntervalMs;
  }

  async init(): Promise<void> {
    this.#state.startSweeper(this.#sweepIntervalMs);
  }

  async close(): Promise<void> {
    this.#state.clear();
  }

  async health(): Promise<Health> {
    return { status: "UP", details: { keys: this.#state.size } };
  }

  async get(key: string): Promise<StoredState | undefined> {
    return this.#state.get(key);
  }

  set(request: DriverSet): Promise<void> {
    return this.#state.set(request);
  }

  delete(request: DriverDelete): Promise<void> {
    return this.#state.delete(request);
  }

  transact(operations: readonly DriverOperation[]): Promise<void> {
    return this.#state.transact(operations);
  }
}

/** The in-process state driver: no server, nothing survives a restart. Type `memory`. */
export const memoryStateDriver: StateDriverDefinition<typeof metadata> = defineDriver({
  block: "state",
  type: "memory",
  description: "In-process map; etags, TTL and transactions; lost on restart.",
  metadata,
  create: (options) => new MemoryStateDriver(options),
});
