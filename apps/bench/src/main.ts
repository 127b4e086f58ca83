import { execFileSync } from "node:child_process";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Runtime } from "@layer8/proto";
import { startSidecar } from "@layer8/sidecar/testing";
import {
  createStateStore,
  memoryStateDriver,
  redisStateDriver,
  type StateDriverDefinition,
} from "@layer8/state";
import { type Measurement, measure } from "./measure.js";

// State get and save, directly on the driver in-process and through the sidecar over gRPC,
// measured in the same run so that the ratio is the sidecar's cost. The load generator, the
// sidecar and Redis share this machine's cores: compare ratios, not figures across machines.

const CONCURRENCY = [1, 64];
const VALUE = new Uint8Array(100).fill(7);
const timing = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1000),
  durationMs: Number(process.env.BENCH_DURATION_MS ?? 3000),
};

interface Row extends Measurement {
  scenario: string;
  driver: string;
  path: "direct" | "sidecar";
  concurrency: number;
}

interface Target {
  driver: StateDriverDefinition;
  metadata: Record<string, unknown>;
}

function redisBinary(): string | undefined {
  if (process.env.LAYER8_REDIS_SERVER) return process.env.LAYER8_REDIS_SERVER;
  try {
    return (
      execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

async function benchTarget({ driver, metadata }: Target, rows: Row[]): Promise<void> {
  const direct = createStateStore({ driver, metadata });
  await direct.init();
  const sidecar = await startSidecar({
    config: { components: { state: { bench: { type: driver.type, metadata } } } },
  });
  const client = createClient(
    Runtime,
    createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
  );
  try {
    await direct.save({ key: "bench", value: VALUE });
    await client.saveState({ storeName: "bench", states: [{ key: "bench", value: VALUE }] });
    const scenarios = {
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
    for (const [scenario, paths] of Object.entries(scenarios)) {
      for (const concurrency of CONCURRENCY) {
        for (const path of ["direct", "sidecar"] as const) {
          const result = await measure(paths[path], { concurrency, ...timing });
          rows.push({ scenario, driver: driver.type, path, concurrency, ...result });
        }
      }
    }
  } finally {
    await sidecar.stop();
    await direct.close();
  }
}

async function main() {
  const rows: Row[] = [];
  await benchTarget({ driver: memoryStateDriver, metadata: {} }, rows);

  const binary = redisBinary();
  let redis: TestServer | undefined;
  if (binary) {
    redis = await startRedisServer({ binary });
    try {
      await benchTarget({ driver: redisStateDriver, metadata: { url: redis.url } }, rows);
    } finally {
      await redis.dispose();
    }
  } else {
    console.log("redis rows skipped: redis-server is not installed (npm test installs it)");
  }
  print(rows);
}

function print(rows: readonly Row[]) {
  const fixed = (n: number, digits = 3) => n.toFixed(digits);
  console.log(
    `\nState, 100 B values, ${timing.durationMs} ms per row after ${timing.warmupMs} ms warm-up\n`,
  );
  console.log(
    "| scenario | driver | concurrency | path | ops/s | p50 ms | p99 ms | sidecar/direct ops/s | added p50 ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    const base = rows.find(
      (r) =>
        r.scenario === row.scenario &&
        r.driver === row.driver &&
        r.concurrency === row.concurrency &&
        r.path === "direct",
    )!;
    const ratio =
      row.path === "sidecar" ? `${fixed((row.opsPerSec / base.opsPerSec) * 100, 2)}%` : "";
    const added = row.path === "sidecar" ? fixed(row.p50Ms - base.p50Ms) : "";
    console.log(
      `| ${row.scenario} | ${row.driver} | ${row.concurrency} | ${row.path} | ${Math.round(row.opsPerSec)} | ${fixed(row.p50Ms)} | ${fixed(row.p99Ms)} | ${ratio} | ${added} |`,
    );
  }
}

await main();
