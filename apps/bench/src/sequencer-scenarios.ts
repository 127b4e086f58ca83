import { SequencerOptions_AutoIncrement } from "@layer8/proto";
import {
  createSequencer,
  etcdSequencerDriver,
  memorySequencerDriver,
  redisSequencerDriver,
  type SequencerDriverDefinition,
  snowflakeSequencerDriver,
} from "@layer8/sequencer";
import type { Backends } from "./backends.js";
import { measure } from "./measure.js";
import type { Row } from "./report.js";
import { sidecarWith } from "./sidecar-client.js";
import { CONCURRENCY, timing } from "./timing.js";

/** GetNextId, WEAK (segments cached in the process) and STRONG (the backend every time). */
export async function sequencerRows(backends: Backends): Promise<Row[]> {
  const targets: [SequencerDriverDefinition, Record<string, unknown>, boolean][] = [
    [memorySequencerDriver, {}, true],
    [snowflakeSequencerDriver, { workerId: 1 }, false],
  ];
  if (backends.redis) targets.push([redisSequencerDriver, { url: backends.redis.url }, true]);
  if (backends.etcd) targets.push([etcdSequencerDriver, { endpoints: backends.etcd.url }, true]);
  const rows: Row[] = [];
  for (const [driver, metadata, strong] of targets) {
    const direct = createSequencer({ driver, metadata, appId: "bench" });
    await direct.init();
    const { sidecar, client } = await sidecarWith("sequencer", { type: driver.type, metadata });
    try {
      const modes = strong ? (["weak", "strong"] as const) : (["weak"] as const);
      for (const increment of modes) {
        const run = {
          direct: () => direct.getNextId({ key: "bench", increment }),
          sidecar: () =>
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
        };
        for (const concurrency of CONCURRENCY) {
          for (const path of ["direct", "sidecar"] as const) {
            const result = await measure(run[path], { concurrency, ...timing });
            rows.push({
              scenario: `GetNextId ${increment.toUpperCase()}`,
              driver: driver.type,
              path,
              concurrency,
              ...result,
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
