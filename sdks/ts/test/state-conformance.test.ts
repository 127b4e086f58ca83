import { startSidecar } from "@layer8/sidecar/testing";
import { describeStateConformance } from "@layer8/state/testing";
import { createLayer8Client } from "../src/index.js";

// Not the 4 MiB default, so that the suite proves the configured limit reaches the store.
const maxValueBytes = 2 * 1024 * 1024;

describeStateConformance({
  name: "memory through the sidecar, over gRPC with @layer8/sdk",
  // What the memory driver declares; the suite checks these work and that nothing else is claimed.
  features: ["etag", "transactional", "ttl"],
  maxValueBytes,
  async setup() {
    const sidecar = await startSidecar({
      config: {
        appId: "sdk-conformance",
        components: { state: { orders: { type: "memory", metadata: { maxValueBytes } } } },
      },
    });
    const client = createLayer8Client({ address: sidecar.address, timeoutMs: 10_000 });
    return {
      store: client.state("orders"),
      close: async () => {
        await client.close();
        await sidecar.stop();
      },
    };
  },
});
