import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverConsume,
  type DriverConsumer,
  type DriverMessageHandler,
  type DriverPublish,
  type PubSubDriver,
  type PubSubDriverDefinition,
  PubSubFeature,
} from "../driver.js";
import { MemoryGroup } from "./memory-group.js";

const metadata = z.strictObject({});

/**
 * Topics in the process: each consumer group of a topic has its own queue, fed by every publish
 * from the moment the group was first joined. A group keeps its queue when its last member leaves,
 * so a subscriber that comes back (an app restarting) gets what it missed. Members of a group
 * take turns. Nothing outlives the driver: it does not declare `persistent`.
 */
class MemoryPubSubDriver implements PubSubDriver {
  readonly features: readonly string[] = [PubSubFeature.Balanced];
  /** topic → group name → group. */
  readonly #topics = new Map<string, Map<string, MemoryGroup>>();
  #sequence = 0;
  #open = false;

  async init(): Promise<void> {
    this.#open = true;
  }

  async close(): Promise<void> {
    this.#open = false;
    for (const groups of this.#topics.values()) for (const group of groups.values()) group.clear();
    this.#topics.clear();
  }

  async health(): Promise<Health> {
    if (!this.#open) return { status: "DOWN", details: { error: "not initialised" } };
    let queued = 0;
    for (const groups of this.#topics.values()) {
      for (const group of groups.values()) queued += group.queued;
    }
    return { status: "UP", details: { topics: this.#topics.size, queued } };
  }

  async publish(request: DriverPublish): Promise<void> {
    this.#checkOpen();
    const groups = this.#topics.get(request.topic);
    if (!groups) return; // No group has ever subscribed: nobody is owed this message.
    this.#sequence += 1;
    for (const group of groups.values()) {
      group.enqueue({
        sequence: this.#sequence,
        id: String(this.#sequence),
        // A copy per group: the publisher may reuse its buffer, and no group sees another's.
        data: request.data.slice(),
        headers: { ...request.headers },
      });
    }
  }

  async consume(request: DriverConsume, onMessage: DriverMessageHandler): Promise<DriverConsumer> {
    this.#checkOpen();
    let groups = this.#topics.get(request.topic);
    if (!groups) {
      groups = new Map();
      this.#topics.set(request.topic, groups);
    }
    let group = groups.get(request.group);
    if (!group) {
      group = new MemoryGroup();
      groups.set(request.group, group);
    }
    const leave = group.join(onMessage, request.maxInFlight);
    return { close: leave };
  }

  #checkOpen(): void {
    if (!this.#open) {
      throw new Layer8Error(Code.Unavailable, "the memory pubsub driver is not open (call init)");
    }
  }
}

/** The in-process pub/sub driver: topics shared within one process, lost on restart. Type `memory`. */
export const memoryPubSubDriver: PubSubDriverDefinition<typeof metadata> = defineDriver({
  block: "pubsub",
  type: "memory",
  description: "In-process topics and consumer groups; shared within one process, lost on restart.",
  metadata,
  create: () => new MemoryPubSubDriver(),
});
