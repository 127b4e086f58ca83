import { describePubSubConformance } from "@layer8/pubsub/testing";
import { describe } from "vitest";
import { startSidecar } from "../src/testing/index.js";
import { connect } from "./config-grpc-client.js";
import { GrpcPubSubApi } from "./pubsub-grpc-client.js";
import { pubsubSidecarDrivers } from "./pubsub-sidecar-drivers.js";

// The library's own suite for each driver, run by the driver tests, but through a sidecar.
// One driver after the other, each in a suite of its own (sibling concurrent suites would run
// together), while each suite runs its own tests side by side: every event makes a round trip to
// the client and back, and three 10,000-event loads at once on a small machine outlast the
// suite's time limit.
for (const driver of pubsubSidecarDrivers) {
  describe(`${driver.type} through the sidecar`, () => {
    describePubSubConformance({
      name: `${driver.type} through the sidecar (gRPC)`,
      features: driver.features,
      pubsubName: "events",
      appId: "conformance",
      redeliveryWithinMs: driver.redeliveryWithinMs,
      ...(driver.maxPayloadBytes ? { maxPayloadBytes: driver.maxPayloadBytes } : {}),
      skipReason: driver.skipReason,
      setup: async () => ({
        // Each component is a sidecar of its own: a restart is a new sidecar on the backend.
        open: async () => {
          const sidecar = await startSidecar({
            config: {
              appId: "conformance",
              components: { pubsub: { events: { type: driver.type, metadata: driver.metadata } } },
            },
          });
          return {
            pubsub: new GrpcPubSubApi(connect(sidecar.address), "events"),
            close: () => sidecar.stop().then(() => undefined),
          };
        },
      }),
    });
  });
}
