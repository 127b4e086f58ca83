import { createSequencer, etcdSequencerDriver } from "../index.js";
import { describeSequencerConformance } from "../testing/index.js";

const endpoints = process.env.ETCD_ENDPOINTS;
const features = etcdSequencerDriver.create(
  etcdSequencerDriver.metadata.parse({ endpoints: endpoints ?? "http://127.0.0.1:2379" }),
  { block: "sequencer", component: "probe", appId: "" },
).features;

for (const segmentSize of [1, 16]) {
  describeSequencerConformance({
    name: `etcd, segmentSize ${segmentSize} (ETCD_ENDPOINTS)`,
    features,
    skipReason: endpoints ? undefined : "ETCD_ENDPOINTS is not set (source /tmp/dev-services.env)",
    setup: async ({ biggerThan }) => ({
      open: async () => {
        const store = createSequencer({
          driver: etcdSequencerDriver,
          metadata: { endpoints, biggerThan, segmentSize },
          appId: "conformance",
        });
        await store.init();
        return { store, close: () => store.close() };
      },
    }),
  });
}
