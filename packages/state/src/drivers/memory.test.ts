import { createStateStore, memoryStateDriver } from "../index.js";
import { describeStateConformance } from "../testing/index.js";

const maxValueBytes = 2 * 1024 * 1024;

describeStateConformance({
  name: "memory (in-process)",
  features: memoryStateDriver.create(
    { sweepIntervalMs: 1000 },
    { block: "state", component: "probe", appId: "" },
  ).features,
  maxValueBytes,
  setup: async () => {
    const store = createStateStore({
      driver: memoryStateDriver,
      metadata: { maxValueBytes },
      appId: "conformance",
    });
    await store.init();
    return { store, close: () => store.close() };
  },
});
