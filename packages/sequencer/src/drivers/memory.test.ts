import { createSequencer, memorySequencerDriver } from "../index.js";
import { describeSequencerConformance } from "../testing/index.js";

describeSequencerConformance({
  name: "memory (in-process)",
  features: memorySequencerDriver.create({}, { block: "sequencer", component: "probe", appId: "" })
    .features,
  setup: async ({ biggerThan }) => ({
    open: async () => {
      // A small segment, so that the suite crosses many segment boundaries and prefetches.
      const store = createSequencer({
        driver: memorySequencerDriver,
        metadata: { biggerThan, segmentSize: 16 },
        appId: "conformance",
      });
      await store.init();
      return { store, close: () => store.close() };
    },
  }),
});
