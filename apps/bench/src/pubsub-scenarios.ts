import {
  createPubSub,
  kafkaPubSubDriver,
  memoryPubSubDriver,
  type PubSub,
  type PubSubDriverDefinition,
  redisPubSubDriver,
} from "@layer8/pubsub";
import type { BackendKind } from "./backends.js";
import { processTreeUsage } from "./process-usage.js";
import { startPubSubSidecar } from "./pubsub-sidecar.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, type DirectAndSidecar, runDirectAndSidecar } from "./scenario.js";

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

const SCENARIOS = ["Publish", "Publish→delivered"] as const;

/**
 * Publish of a 100 B event (until the backend accepted it), and publish-to-delivery: the same,
 * until a subscriber with the default concurrency 1 (in publish order) has it. Direct: the
 * driver's publish and an in-process subscriber. Through the sidecar: `PublishEvent`, and an app
 * in the bench process served over AppCallback (`OnTopicEvent`), as a real app beside a sidecar.
 */
export async function pubsubRows(bench: Bench): Promise<Row[]> {
  const targets: [PubSubDriverDefinition, BackendKind | undefined][] = [
    [memoryPubSubDriver, undefined],
    [redisPubSubDriver, "redis"],
    [kafkaPubSubDriver, "kafka"],
  ];
  const rows: Row[] = [];
  for (const [driver, backend] of targets) {
    if (!anySelected(bench.settings, SCENARIOS, driver.type)) continue;
    const metadata = backend ? await bench.backends.connection(backend) : {};
    if (!metadata) continue;
    const run = `${Date.now().toString(36)}`;
    const pubsub: PubSub = createPubSub({ driver, metadata, appId: "bench" });
    await pubsub.init();
    const directDeliveries = new Deliveries(`direct-${run}`);
    const subscription = await pubsub.subscribe({
      topic: `bench-delivery-direct-${run}`,
      handler: async (event) => directDeliveries.received(event.id),
    });
    const sidecarDeliveries = new Deliveries(`sidecar-${run}`);
    const viaSidecar = await startPubSubSidecar(
      { type: driver.type, metadata },
      `bench-delivery-sidecar-${run}`,
      (id) => sidecarDeliveries.received(id),
    ).catch(async (error) => {
      await subscription.close();
      await pubsub.close();
      throw error;
    });
    const { client } = viaSidecar;
    const sidecarUsage = processTreeUsage(viaSidecar.sidecar.pid);
    try {
      const operations: Record<(typeof SCENARIOS)[number], DirectAndSidecar> = {
        Publish: {
          direct: () => pubsub.publish({ topic: `bench-publish-${run}`, data: PUBLISH_PAYLOAD }),
          sidecar: () =>
            client.publishEvent({
              pubsubName: "bench",
              topic: `bench-publish-${run}`,
              data: PUBLISH_PAYLOAD,
            }),
        },
        "Publish→delivered": {
          direct: () =>
            directDeliveries.publishAndWait((id) =>
              pubsub.publish({
                topic: `bench-delivery-direct-${run}`,
                data: PUBLISH_PAYLOAD,
                metadata: { "cloudevent.id": id },
              }),
            ),
          sidecar: () =>
            sidecarDeliveries.publishAndWait(async (id) => {
              await client.publishEvent({
                pubsubName: "bench",
                topic: `bench-delivery-sidecar-${run}`,
                data: PUBLISH_PAYLOAD,
                metadata: { "cloudevent.id": id },
              });
            }),
        },
      };
      rows.push(
        ...(await runDirectAndSidecar(
          SCENARIOS,
          operations,
          driver.type,
          sidecarUsage,
          bench.settings,
        )),
      );
    } finally {
      await viaSidecar.close();
      await subscription.close();
      await pubsub.close();
    }
  }
  return rows;
}
