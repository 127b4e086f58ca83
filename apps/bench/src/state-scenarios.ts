import {
  createStateStore,
  memoryStateDriver,
  redisStateDriver,
  type StateDriverDefinition,
} from "@layer8/state";
import { processTreeUsage, selfUsage } from "./process-usage.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, type PathRun, runScenario } from "./scenario.js";
import { sidecarWith } from "./sidecar-client.js";

/** The value sizes of the state rows, and of the ceiling rows beside them. */
export const PAYLOADS = [
  { bytes: 100, label: "100 B" },
  { bytes: 10 * 1024, label: "10 KiB" },
] as const;

/** The ceiling row's labels for a payload size. */
export const ceilingScenario = (label: string) => `Echo ${label}`;
export const CEILING_DRIVER = "node:http2";

/**
 * GetState and SaveState of one key, for each payload size, direct and through the sidecar. On
 * memory, GetState also runs beside the transport ceiling of the same size, measured in turns
 * with it, so their ratio is taken under the same load.
 */
export async function stateRows(bench: Bench): Promise<Row[]> {
  const { settings } = bench;
  const targets: [StateDriverDefinition, () => Promise<Record<string, unknown> | undefined>][] = [
    [memoryStateDriver, async () => ({})],
    [redisStateDriver, () => bench.backends.connection("redis")],
  ];
  const rows: Row[] = [];
  for (const [driver, metadataOf] of targets) {
    const memory = driver === memoryStateDriver;
    const scenarios = PAYLOADS.flatMap(({ label }) => [`GetState ${label}`, `SaveState ${label}`]);
    const ceilingWanted =
      memory &&
      anySelected(
        settings,
        PAYLOADS.map((p) => ceilingScenario(p.label)),
        CEILING_DRIVER,
      );
    if (!anySelected(settings, scenarios, driver.type) && !ceilingWanted) continue;
    const metadata = await metadataOf();
    if (!metadata) continue;
    const direct = createStateStore({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("state", { type: driver.type, metadata });
    const sidecarUsage = processTreeUsage(sidecar.pid);
    try {
      for (const { bytes, label } of PAYLOADS) {
        const key = `bench-${bytes}`;
        const value = new Uint8Array(bytes).fill(7);
        await direct.save({ key, value });
        await client.saveState({ storeName: "bench", states: [{ key, value }] });
        const getPaths: PathRun[] = [
          { path: "direct", operation: () => direct.get({ key }), usage: selfUsage },
          {
            path: "sidecar",
            operation: () => client.getState({ storeName: "bench", key }),
            usage: sidecarUsage,
          },
        ];
        if (memory) {
          const ceiling = await bench.ceiling();
          getPaths.push({
            path: "ceiling",
            scenario: ceilingScenario(label),
            driver: CEILING_DRIVER,
            operation: () => ceiling.echo(value),
            usage: ceiling.usage,
          });
        }
        rows.push(
          ...(await runScenario(
            {
              scenario: `GetState ${label}`,
              driver: driver.type,
              payloadBytes: bytes,
              paths: getPaths,
            },
            settings,
          )),
        );
        rows.push(
          ...(await runScenario(
            {
              scenario: `SaveState ${label}`,
              driver: driver.type,
              payloadBytes: bytes,
              paths: [
                { path: "direct", operation: () => direct.save({ key, value }), usage: selfUsage },
                {
                  path: "sidecar",
                  operation: () =>
                    client.saveState({ storeName: "bench", states: [{ key, value }] }),
                  usage: sidecarUsage,
                },
              ],
            },
            settings,
          )),
        );
      }
    } finally {
      await sidecar.stop();
      await direct.close();
    }
  }
  return rows;
}
