import { createFileStore, memoryFileDriver } from "../index.js";
import { describeFileConformance } from "../testing/index.js";

describeFileConformance({
  name: "memory (in-process)",
  setup: async () => {
    const store = createFileStore({ driver: memoryFileDriver });
    await store.init();
    return { store, close: () => store.close() };
  },
});
