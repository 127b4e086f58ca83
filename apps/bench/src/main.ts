import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime } from "@layer8/proto";
import { startSidecar } from "@layer8/sidecar/testing";
import { createStateStore, memoryStateDriver } from "@layer8/state";
import { type Measurement, measure } from "./measure.js";

// State get and save on the memory driver, directly in-process and through the sidecar over
// gRPC, measured in the same run so that the ratio is the sidecar's cost. The load generator and
// the sidecar share this machine's cores: compare ratios, not absolute figures across machines.

const CONCURRENCY = [1, 64];
const VALUE = new Uint8Array(100).fill(7);
const timing = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1000),
  durationMs: Number(process.env.BENCH_DURATION_MS ?? 3000),
};

interface Row extends Measurement {
  scenario: string;
  path: "direct" | "sidecar";
  concurrency: number;
}

async function main() {
  const direct = createStateStore({ driver: memoryStateDriver });
  await direct.init();
  await direct.save({ key: "bench", value: VALUE });

  const sidecar = await startSidecar({
    config: { components: { state: { default: { type: "memory" } } } },
  });
  const client = createClient(
    Runtime,
    createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
  );
  await client.saveState({ storeName: "default", states: [{ key: "bench", value: VALUE }] });

  const scenarios = {
    GetState: {
      direct: () => direct.get({ key: "bench" }),
      sidecar: () => client.getState({ storeName: "default", key: "bench" }),
    },
    SaveState: {
      direct: () => direct.save({ key: "bench", value: VALUE }),
      sidecar: () =>
        client.saveState({ storeName: "default", states: [{ key: "bench", value: VALUE }] }),
    },
  };

  const rows: Row[] = [];
  try {
    for (const [scenario, paths] of Object.entries(scenarios)) {
      for (const concurrency of CONCURRENCY) {
        for (const path of ["direct", "sidecar"] as const) {
          const result = await measure(paths[path], { concurrency, ...timing });
          rows.push({ scenario, path, concurrency, ...result });
        }
      }
    }
  } finally {
    await sidecar.stop();
    await direct.close();
  }
  print(rows);
}

function print(rows: readonly Row[]) {
  const fixed = (n: number, digits = 3) => n.toFixed(digits);
  console.log(
    `\nState on the memory driver, 100 B values, ${timing.durationMs} ms per row after ${timing.warmupMs} ms warm-up\n`,
  );
  console.log(
    "| scenario | concurrency | path | ops/s | p50 ms | p99 ms | sidecar/direct ops/s | added p50 ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    const base = rows.find(
      (r) =>
        r.scenario === row.scenario && r.concurrency === row.concurrency && r.path === "direct",
    )!;
    const ratio =
      row.path === "sidecar" ? `${fixed((row.opsPerSec / base.opsPerSec) * 100, 2)}%` : "";
    const added = row.path === "sidecar" ? fixed(row.p50Ms - base.p50Ms) : "";
    console.log(
      `| ${row.scenario} | ${row.concurrency} | ${row.path} | ${Math.round(row.opsPerSec)} | ${fixed(row.p50Ms)} | ${fixed(row.p99Ms)} | ${ratio} | ${added} |`,
    );
  }
}

await main();
