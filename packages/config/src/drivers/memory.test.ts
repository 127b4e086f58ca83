import { createConfigStore, memoryConfigDriver } from "../index.js";
import { describeConfigConformance } from "../testing/index.js";

describeConfigConformance({
  name: "memory (in-process)",
  setup: async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, appId: "conformance" });
    await store.init();
    return { store, close: () => store.close() };
  },
});
