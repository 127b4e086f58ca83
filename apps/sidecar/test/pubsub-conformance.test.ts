import { describePubSubConformance } from "@layer8/pubsub/testing";
import { describe } from "vitest";
import { startSidecar } from "../src/testing/index.js";
import { connect } from "./config-grpc-client.js";
import { GrpcPubSubApi } from "./pubsub-grpc-client.js";

const redis = process.env.REDIS_URL;
const kafka = process.env.KAFKA_BROKERS;
const KAFKA_MAX_PAYLOAD = 512 * 1024;

/** The library's own suite for each driver, run by the driver tests, but through a sidecar. */
const drivers = [
  {
    type: "memory",
    features: ["balanced"],
    metadata: {},
    redeliveryWithinMs: 2000,
    skipReason: undefined,
  },
  {
    type: "redis",
    features: ["persistent", "balanced"],
    // Quick take-overs, so that a handed-back event comes back within the suite's wait.
    metadata: { url: redis, processingTimeoutMs: 2000, redeliverIntervalMs: 250, blockMs: 500 },
    redeliveryWithinMs: 5000,
    skipReason: redis ? undefined : "REDIS_URL is not set",
  },
  {
    type: "kafka",
    features: ["persistent"],
    metadata: {
      brokers: kafka,
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      maxPayloadBytes: KAFKA_MAX_PAYLOAD,
    },
    redeliveryWithinMs: 15_000,
    maxPayloadBytes: KAFKA_MAX_PAYLOAD,
    skipReason: kafka ? undefined : "KAFKA_BROKERS is not set",
  },
];

// One driver after the other, each in a suite of its own (sibling concurrent suites would run
// together), while each suite runs its own tests side by side: every event makes a round trip to
// the client and back, and three 10,000-event loads at once on a small machine outlast the
// suite's time limit.
for (const driver of drivers) {
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
