const redis = process.env.REDIS_URL;
const kafka = process.env.KAFKA_BROKERS;
const KAFKA_MAX_PAYLOAD = 512 * 1024;

/**
 * The pub/sub components the library's conformance suite runs through a sidecar, both ways
 * (SubscribeTopicEvents streams and AppCallback delivery), with the suite's options for each.
 */
export const pubsubSidecarDrivers = [
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
