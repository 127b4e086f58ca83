import {
  createLockStore,
  etcdLockDriver,
  type LockDriverDefinition,
  memoryLockDriver,
  redisLockDriver,
} from "@layer8/lock";
import type { Backends } from "./backends.js";
import { measure } from "./measure.js";
import type { Row } from "./report.js";
import { sidecarWith } from "./sidecar-client.js";
import { CONCURRENCY, timing } from "./timing.js";

/** TryLock then Unlock of a fresh resource (uncontended pairs), direct and through the sidecar. */
export async function lockRows(backends: Backends): Promise<Row[]> {
  const targets: [LockDriverDefinition, Record<string, unknown>][] = [[memoryLockDriver, {}]];
  if (backends.redis) targets.push([redisLockDriver, { url: backends.redis.url }]);
  if (backends.etcd) targets.push([etcdLockDriver, { endpoints: backends.etcd.url }]);
  const rows: Row[] = [];
  let next = 0;
  for (const [driver, metadata] of targets) {
    const direct = createLockStore({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("lock", { type: driver.type, metadata });
    try {
      const run = {
        direct: async () => {
          const resourceId = `bench-${next++}`;
          await direct.tryLock({ resourceId, owner: "bench", expireSeconds: 30 });
          await direct.unlock({ resourceId, owner: "bench" });
        },
        sidecar: async () => {
          const resourceId = `bench-${next++}`;
          await client.tryLock({ storeName: "bench", resourceId, lockOwner: "bench", expire: 30 });
          await client.unlock({ storeName: "bench", resourceId, lockOwner: "bench" });
        },
      };
      for (const concurrency of CONCURRENCY) {
        for (const path of ["direct", "sidecar"] as const) {
          const result = await measure(run[path], { concurrency, ...timing });
          rows.push({
            scenario: "TryLock+Unlock",
            driver: driver.type,
            path,
            concurrency,
            ...result,
          });
        }
      }
    } finally {
      await sidecar.stop();
      await direct.close();
    }
  }
  return rows;
}
