import { createSequencer, redisSequencerDriver } from "../index.js";
import { describeSequencerConformance } from "../testing/index.js";

const url = process.env.REDIS_URL;
const features = redisSequencerDriver.create(redisSequencerDriver.metadata.parse({ url }), {
  block: "sequencer",
  component: "probe",
  appId: "",
}).features;

for (const segmentSize of [1, 16]) {
  describeSequencerConformance({
    name: `redis, segmentSize ${segmentSize} (REDIS_URL)`,
    features,
    skipReason: url ? undefined : "REDIS_URL is not set (source /tmp/dev-services.env)",
    setup: async ({ biggerThan }) => ({
      open: async () => {
        const store = createSequencer({
          driver: redisSequencerDriver,
          metadata: { url, biggerThan, segmentSize },
          appId: "conformance",
        });
        await store.init();
        return { store, close: () => store.close() };
      },
    }),
  });
}
