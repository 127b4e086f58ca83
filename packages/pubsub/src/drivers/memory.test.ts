import { createPubSub, memoryPubSubDriver } from "../index.js";
import { describePubSubConformance } from "../testing/index.js";

describePubSubConformance({
  name: "memory (in-process)",
  features: ["balanced"],
  pubsubName: "events",
  appId: "conformance",
  redeliveryWithinMs: 2000,
  setup: async () => ({
    open: async () => {
      const pubsub = createPubSub({
        driver: memoryPubSubDriver,
        name: "events",
        appId: "conformance",
      });
      await pubsub.init();
      return { pubsub, close: () => pubsub.close() };
    },
  }),
});
