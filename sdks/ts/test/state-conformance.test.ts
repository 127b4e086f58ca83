import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSidecar } from "@layer8/sidecar/testing";
import {
  createStateStore,
  etcdStateDriver,
  fileStateDriver,
  memoryStateDriver,
  redisStateDriver,
  type StateDriverDefinition,
} from "@layer8/state";
import { describeStateConformance } from "@layer8/state/testing";
import { afterAll } from "vitest";
import { createLayer8Client } from "../src/index.js";

// The State conformance suite through the sidecar, over gRPC with @layer8/sdk, once per driver:
// a user swaps `type: memory` for another driver and every State behaviour stays the same.

// Not the 4 MiB default, so that the suite proves the configured limit reaches the store.
const maxValueBytes = 2 * 1024 * 1024;
const scratch = mkdtempSync(join(tmpdir(), "layer8-sdk-conformance-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Target {
  driver: StateDriverDefinition;
  metadata: Record<string, unknown>;
  skipReason?: string;
}

const redisUrl = process.env.REDIS_URL;
const etcdEndpoints = process.env.ETCD_ENDPOINTS;
const targets: Target[] = [
  { driver: memoryStateDriver, metadata: {} },
  { driver: fileStateDriver, metadata: { path: join(scratch, "state.journal") } },
  {
    driver: redisStateDriver,
    metadata: { url: redisUrl ?? "redis://127.0.0.1:6379" },
    ...(redisUrl ? {} : { skipReason: "REDIS_URL is not set; npm test starts Redis" }),
  },
  {
    driver: etcdStateDriver,
    // etcd refuses requests over 1.5 MiB, so the suite's large value must stay under it.
    metadata: { endpoints: etcdEndpoints ?? "http://127.0.0.1:2379", maxValueBytes: 1024 * 1024 },
    ...(etcdEndpoints ? {} : { skipReason: "ETCD_ENDPOINTS is not set; npm test starts etcd" }),
  },
];

for (const target of targets) {
  const metadata = { maxValueBytes, ...target.metadata };
  describeStateConformance({
    name: `${target.driver.type} through the sidecar, over gRPC with @layer8/sdk`,
    // What the driver declares; the suite checks these work and that nothing else is claimed.
    features: createStateStore({ driver: target.driver, metadata }).features,
    maxValueBytes: metadata.maxValueBytes as number,
    skipReason: target.skipReason,
    async setup() {
      const sidecar = await startSidecar({
        config: {
          appId: "sdk-conformance",
          components: { state: { orders: { type: target.driver.type, metadata } } },
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
}
