import {
  createPubSub,
  kafkaPubSubDriver,
  memoryPubSubDriver,
  type PubSub,
  type PubSubDriverDefinition,
  redisPubSubDriver,
} from "@layer8/pubsub";
import type { Backends } from "./backends.js";
import { measure } from "./measure.js";
import type { Row } from "./report.js";
import { CONCURRENCY, timing } from "./timing.js";

/** The event every Pub/Sub row publishes: 100 B. */
export const PUBLISH_PAYLOAD = new TextEncoder().encode("x".repeat(100));

/**
 * Resolves the waiter of each event id when the subscriber's handler receives it: how
 * publish-to-delivery latency is measured, every publish carrying an id of its own.
 */
export class Deliveries {
  readonly #waiters = new Map<string, () => void>();
  readonly #prefix: string;
  #next = 0;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  received(id: string): void {
    this.#waiters.get(id)?.();
  }

  /** Publishes a new event with `publish`, and resolves once the subscriber has received it. */
  async publishAndWait(publish: (id: string) => Promise<void>): Promise<void> {
    const id = `${this.#prefix}-${this.#next++}`;
    const delivered = new Promise<void>((resolve) => this.#waiters.set(id, resolve));
    await publish(id);
    await delivered;
    this.#waiters.delete(id);
  }
}

/**
 * Publish of a 100 B event (until the backend accepted it), and publish-to-delivery: the same,
 * until a subscriber with the default concurrency 1 (in publish order) has it. Direct on each
 * driver; the same through the sidecar is in `pubsub-sidecar-scenarios.ts`.
 */
export async function pubsubRows(backends: Backends): Promise<Row[]> {
  const targets: [PubSubDriverDefinition, Record<string, unknown>][] = [[memoryPubSubDriver, {}]];
  if (backends.redis) targets.push([redisPubSubDriver, { url: backends.redis.url }]);
  if (backends.kafka) targets.push([kafkaPubSubDriver, { brokers: backends.kafka.url }]);
  const rows: Row[] = [];
  for (const [driver, metadata] of targets) {
    const pubsub: PubSub = createPubSub({ driver, metadata, appId: "bench" });
    await pubsub.init();
    const run = `${Date.now().toString(36)}`;
    const deliveries = new Deliveries(run);
    const subscription = await pubsub.subscribe({
      topic: `bench-delivery-${run}`,
      handler: async (event) => deliveries.received(event.id),
    });
    try {
      const scenarios = {
        Publish: () => pubsub.publish({ topic: `bench-publish-${run}`, data: PUBLISH_PAYLOAD }),
        "Publish→delivered": () =>
          deliveries.publishAndWait((id) =>
            pubsub.publish({
              topic: `bench-delivery-${run}`,
              data: PUBLISH_PAYLOAD,
              metadata: { "cloudevent.id": id },
            }),
          ),
      };
      for (const [scenario, operation] of Object.entries(scenarios)) {
        for (const concurrency of CONCURRENCY) {
          rows.push({
            scenario,
            driver: driver.type,
            path: "direct",
            concurrency,
            ...(await measure(operation, { concurrency, ...timing })),
          });
        }
      }
    } finally {
      await subscription.close();
      await pubsub.close();
    }
  }
  return rows;
}
