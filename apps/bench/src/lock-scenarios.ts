import {
  createLockStore,
  etcdLockDriver,
  type LockDriverDefinition,
  memoryLockDriver,
  redisLockDriver,
} from "@layer8/lock";
import type { BackendKind } from "./backends.js";
import { processTreeUsage, selfUsage } from "./process-usage.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, runScenario } from "./scenario.js";
import { sidecarWith } from "./sidecar-client.js";

const SCENARIO = "TryLock+Unlock";

/** TryLock then Unlock of a fresh resource (uncontended pairs), direct and through the sidecar. */
export async function lockRows(bench: Bench): Promise<Row[]> {
  const targets: [LockDriverDefinition, BackendKind | undefined][] = [
    [memoryLockDriver, undefined],
    [redisLockDriver, "redis"],
    [etcdLockDriver, "etcd"],
  ];
  const rows: Row[] = [];
  // Lock keys share Redis and etcd with the state rows' keys (`bench||bench-100` is a state
  // key): the resources get a prefix of their own.
  let next = 0;
  for (const [driver, backend] of targets) {
    if (!anySelected(bench.settings, [SCENARIO], driver.type)) continue;
    const metadata = backend ? await bench.backends.connection(backend) : {};
    if (!metadata) continue;
    const direct = createLockStore({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("lock", { type: driver.type, metadata });
    try {
      rows.push(
        ...(await runScenario(
          {
            scenario: SCENARIO,
            driver: driver.type,
            paths: [
              {
                path: "direct",
                operation: async () => {
                  const resourceId = `bench-lock-${next++}`;
                  await direct.tryLock({ resourceId, owner: "bench", expireSeconds: 30 });
                  await direct.unlock({ resourceId, owner: "bench" });
                },
                usage: selfUsage,
              },
              {
                path: "sidecar",
                operation: async () => {
                  const resourceId = `bench-lock-${next++}`;
                  await client.tryLock({
                    storeName: "bench",
                    resourceId,
                    lockOwner: "bench",
                    expire: 30,
                  });
                  await client.unlock({ storeName: "bench", resourceId, lockOwner: "bench" });
                },
                usage: processTreeUsage(sidecar.pid),
              },
            ],
          },
          bench.settings,
        )),
      );
    } finally {
      await sidecar.stop();
      await direct.close();
    }
  }
  return rows;
}
