import {
  createStateStore,
  memoryStateDriver,
  redisStateDriver,
  type StateDriverDefinition,
} from "@layer8/state";
import type { Backends } from "./backends.js";
import { measure } from "./measure.js";
import type { Row } from "./report.js";
import { sidecarWith } from "./sidecar-client.js";
import { CONCURRENCY, timing } from "./timing.js";

const VALUE = new Uint8Array(100).fill(7);

/** GetState and SaveState of a 100 B value, direct and through the sidecar. */
export async function stateRows(backends: Backends): Promise<Row[]> {
  const targets: [StateDriverDefinition, Record<string, unknown>][] = [[memoryStateDriver, {}]];
  if (backends.redis) targets.push([redisStateDriver, { url: backends.redis.url }]);
  const rows: Row[] = [];
  for (const [driver, metadata] of targets) {
    const direct = createStateStore({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("state", { type: driver.type, metadata });
    try {
      const paths = {
        GetState: {
          direct: () => direct.get({ key: "bench" }),
          sidecar: () => client.getState({ storeName: "bench", key: "bench" }),
        },
        SaveState: {
          direct: () => direct.save({ key: "bench", value: VALUE }),
          sidecar: () =>
            client.saveState({ storeName: "bench", states: [{ key: "bench", value: VALUE }] }),
        },
      };
      await paths.SaveState.direct();
      await paths.SaveState.sidecar();
      for (const [scenario, run] of Object.entries(paths)) {
        for (const concurrency of CONCURRENCY) {
          for (const path of ["direct", "sidecar"] as const) {
            rows.push({
              scenario,
              driver: driver.type,
              path,
              concurrency,
              ...(await measure(run[path], { concurrency, ...timing })),
            });
          }
        }
      }
    } finally {
      await sidecar.stop();
      await direct.close();
    }
  }
  return rows;
}
