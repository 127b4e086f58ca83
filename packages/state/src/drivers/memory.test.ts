import { describe, expect, it } from "vitest";
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

describe("memory state driver", () => {
  it("keeps its own copy of a saved value, also when given a Buffer", async () => {
    const store = createStateStore({ driver: memoryStateDriver, appId: "copy" });
    await store.init();
    try {
      const value = Buffer.from("original");
      await store.save({ key: "k", value });
      value.write("mutated!");
      const first = await store.get({ key: "k" });
      expect(Buffer.from(first.data).toString()).toBe("original");
      first.data.fill(0);
      expect(Buffer.from((await store.get({ key: "k" })).data).toString()).toBe("original");
    } finally {
      await store.close();
    }
  });
});
