import { defineDriver, type Health } from "@layer8/core";
import { z } from "zod";
import { ConfigTable } from "../config-table.js";
import type {
  ConfigDriver,
  ConfigDriverDefinition,
  DriverQuery,
  DriverSave,
  DriverSubscription,
} from "../driver.js";
import { SubscriberSet } from "../subscribers.js";
import type { ConfigurationItem } from "../types.js";

const metadata = z.strictObject({});

/**
 * Items in a table inside the process. Every operation runs to completion without awaiting, so
 * a change and its delivery to subscribers are one step: subscribers see changes in the order
 * they were made.
 */
class MemoryConfigDriver implements ConfigDriver {
  readonly features: readonly string[] = [];
  readonly #table = new ConfigTable();
  readonly #subscribers = new SubscriberSet();

  async init(): Promise<void> {}

  async close(): Promise<void> {
    this.#subscribers.closeAll();
  }

  async health(): Promise<Health> {
    return {
      status: "UP",
      details: { items: this.#table.size, subscriptions: this.#subscribers.size },
    };
  }

  async get(query: DriverQuery): Promise<ConfigurationItem[]> {
    return this.#table.get(query);
  }

  async save(request: DriverSave): Promise<void> {
    this.#subscribers.publish(this.#table.save(request));
  }

  async delete(query: DriverQuery): Promise<void> {
    this.#subscribers.publish(this.#table.delete(query));
  }

  async subscribe(
    query: DriverQuery,
    onChange: (items: ConfigurationItem[]) => void,
  ): Promise<DriverSubscription> {
    return this.#subscribers.add(query, onChange);
  }
}

/** The in-process configuration driver: shared by the callers of one process only. Type `memory`. */
export const memoryConfigDriver: ConfigDriverDefinition<typeof metadata> = defineDriver({
  block: "config",
  type: "memory",
  description: "In-process configuration; shared within one process only, lost on restart.",
  metadata,
  create: () => new MemoryConfigDriver(),
});
