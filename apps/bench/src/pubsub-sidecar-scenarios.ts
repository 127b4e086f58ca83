import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime } from "@layer8/proto";
import { startSidecar } from "@layer8/sidecar/testing";
import { startAppCallbackServer } from "./app-callback-server.js";
import type { Backends } from "./backends.js";
import { measure } from "./measure.js";
import { Deliveries, PUBLISH_PAYLOAD } from "./pubsub-scenarios.js";
import type { Row } from "./report.js";
import { CONCURRENCY, timing } from "./timing.js";

/**
 * The Pub/Sub rows through the sidecar, to set beside the direct ones of `pubsubRows`:
 * `PublishEvent` of a 100 B event, and publish-to-delivery, a `PublishEvent` until the app has
 * the event in its `OnTopicEvent` (AppCallback over gRPC; the subscription's concurrency 1).
 */
export async function pubsubSidecarRows(backends: Backends): Promise<Row[]> {
  const targets: [string, Record<string, unknown>][] = [["memory", {}]];
  if (backends.redis) targets.push(["redis", { url: backends.redis.url }]);
  if (backends.kafka) targets.push(["kafka", { brokers: backends.kafka.url }]);
  const rows: Row[] = [];
  for (const [type, metadata] of targets) {
    const run = `${Date.now().toString(36)}`;
    const deliveries = new Deliveries(run);
    const app = await startAppCallbackServer(
      { pubsubName: "bench", topic: `bench-delivery-${run}` },
      (id) => deliveries.received(id),
    );
    const sidecar = await startSidecar({
      config: {
        appId: "bench",
        app: { grpcCallback: app.address },
        components: { pubsub: { bench: { type, metadata } } },
      },
    });
    try {
      await subscribed(() => sidecar.output());
      const client = createClient(
        Runtime,
        createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
      );
      const scenarios = {
        Publish: () =>
          client.publishEvent({
            pubsubName: "bench",
            topic: `bench-publish-${run}`,
            data: PUBLISH_PAYLOAD,
          }),
        "Publish→delivered": () =>
          deliveries.publishAndWait((id) =>
            client
              .publishEvent({
                pubsubName: "bench",
                topic: `bench-delivery-${run}`,
                data: PUBLISH_PAYLOAD,
                metadata: { "cloudevent.id": id },
              })
              .then(() => undefined),
          ),
      };
      for (const [scenario, operation] of Object.entries(scenarios)) {
        for (const concurrency of CONCURRENCY) {
          rows.push({
            scenario,
            driver: type,
            path: "sidecar",
            concurrency,
            ...(await measure(operation, { concurrency, ...timing })),
          });
        }
      }
    } finally {
      await sidecar.stop();
      await app.close();
    }
  }
  return rows;
}

/** Resolves once the sidecar has read the app's subscription and opened it. */
async function subscribed(output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!/reached: it lists 1 subscription\(s\); 1 opened/.test(output())) {
    if (Date.now() > deadline) {
      throw new Error(`the sidecar did not subscribe for the app; output:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
