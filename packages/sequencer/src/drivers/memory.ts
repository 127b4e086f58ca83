import { defineDriver, type Health } from "@layer8/core";
import { z } from "zod";
import {
  type RangeSequencerDriver,
  type ReserveRequest,
  type SequencerDriverDefinition,
  SequencerFeature,
} from "../driver.js";
import { MAX_ID, sequenceExhausted } from "../id-limits.js";

const metadata = z.strictObject({});

/**
 * One counter per key in a Map. The store is the whole backend, so STRONG holds within it;
 * nothing is shared with other processes and nothing survives a restart.
 */
class MemorySequencerDriver implements RangeSequencerDriver {
  readonly kind = "range";
  readonly features = [SequencerFeature.Strong];
  readonly #counters = new Map<string, bigint>();

  async init(): Promise<void> {}

  async close(): Promise<void> {
    this.#counters.clear();
  }

  async health(): Promise<Health> {
    return { status: "UP", details: { keys: this.#counters.size } };
  }

  async reserve({ key, count, biggerThan }: ReserveRequest): Promise<bigint> {
    const stored = this.#counters.get(key) ?? 0n;
    const current = stored > biggerThan ? stored : biggerThan;
    if (current + count > MAX_ID) throw sequenceExhausted(key, count, current);
    this.#counters.set(key, current + count);
    return current + 1n;
  }
}

/** The in-process sequencer driver: no server, ids unique within the process only. Type `memory`. */
export const memorySequencerDriver: SequencerDriverDefinition<typeof metadata> = defineDriver({
  block: "sequencer",
  type: "memory",
  description: "In-process counters; STRONG within the process; lost on restart.",
  metadata,
  create: () => new MemorySequencerDriver(),
});
