import { SequencerOptions_AutoIncrement } from "@layer8/proto";
import {
  createSequencer,
  etcdSequencerDriver,
  memorySequencerDriver,
  redisSequencerDriver,
  type SequencerDriverDefinition,
  snowflakeSequencerDriver,
} from "@layer8/sequencer";
import type { BackendKind } from "./backends.js";
import { processTreeUsage, selfUsage } from "./process-usage.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, runScenario } from "./scenario.js";
import { sidecarWith } from "./sidecar-client.js";

/** GetNextId, WEAK (segments cached in the process) and STRONG (the backend every time). */
export async function sequencerRows(bench: Bench): Promise<Row[]> {
  const targets: [SequencerDriverDefinition, BackendKind | undefined, boolean][] = [
    [memorySequencerDriver, undefined, true],
    [snowflakeSequencerDriver, undefined, false],
    [redisSequencerDriver, "redis", true],
    [etcdSequencerDriver, "etcd", true],
  ];
  const rows: Row[] = [];
  for (const [driver, backend, strong] of targets) {
    const modes = strong ? (["weak", "strong"] as const) : (["weak"] as const);
    const scenarioOf = (increment: string) => `GetNextId ${increment.toUpperCase()}`;
    if (!anySelected(bench.settings, modes.map(scenarioOf), driver.type)) continue;
    const metadata = backend
      ? await bench.backends.connection(backend)
      : driver === snowflakeSequencerDriver
        ? { workerId: 1 }
        : {};
    if (!metadata) continue;
    const direct = createSequencer({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("sequencer", { type: driver.type, metadata });
    try {
      for (const increment of modes) {
        rows.push(
          ...(await runScenario(
            {
              scenario: scenarioOf(increment),
              driver: driver.type,
              paths: [
                {
                  path: "direct",
                  operation: () => direct.getNextId({ key: "bench", increment }),
                  usage: selfUsage,
                },
                {
                  path: "sidecar",
                  operation: () =>
                    client.getNextId({
                      storeName: "bench",
                      key: "bench",
                      options: {
                        increment:
                          increment === "strong"
                            ? SequencerOptions_AutoIncrement.STRONG
                            : SequencerOptions_AutoIncrement.WEAK,
                      },
                    }),
                  usage: processTreeUsage(sidecar.pid),
                },
              ],
            },
            bench.settings,
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
