import { createLockStore, memoryLockDriver } from "../index.js";
import { describeLockConformance } from "../testing/index.js";

describeLockConformance({
  name: "memory (in-process)",
  setup: async () => {
    const store = createLockStore({ driver: memoryLockDriver, appId: "conformance" });
    await store.init();
    return { store, close: () => store.close() };
  },
});
