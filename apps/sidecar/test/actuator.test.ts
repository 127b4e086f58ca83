import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@layer8/proto/grpc-health";
import parsePrometheus from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { runtimeClient } from "./runtime-client.js";

const redisBinary = process.env.LAYER8_REDIS_SERVER;

interface Report {
  status: string;
  components: Record<string, { status: string; details?: Record<string, unknown> }>;
}

async function probe(sidecar: StartedSidecar, which: "liveness" | "readiness") {
  const response = await fetch(`${sidecar.actuatorUrl}/actuator/health/${which}`);
  return { http: response.status, body: (await response.json()) as Report };
}

/** One sample's value from Prometheus text, by metric name and exact label set (in order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const series = `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",")}}`;
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function until<T>(attempt: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the actuator on embedded components", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "shop",
        components: { state: { cache: { type: "memory" } }, lock: { locks: { type: "memory" } } },
      },
    });
  });
  afterAll(() => sidecar.stop());

  it("is live and ready, with every component checked by name", async () => {
    expect(await probe(sidecar, "liveness")).toEqual({
      http: 200,
      body: { status: "UP", components: { runtime: { status: "UP" } } },
    });
    const ready = await probe(sidecar, "readiness");
    expect(ready.http).toBe(200);
    expect(ready.body.status).toBe("UP");
    expect(Object.keys(ready.body.components).sort()).toEqual([
      "lock.locks",
      "runtime",
      "state.cache",
    ]);
  });

  it("answers gRPC health checks for the server and the Runtime service", async () => {
    const health = createClient(
      Health,
      createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
    );
    expect((await health.check({ service: "" })).status).toBe(Status.SERVING);
    expect((await health.check({ service: "spec.proto.runtime.v1.Runtime" })).status).toBe(
      Status.SERVING,
    );
    const unknown = await health.check({ service: "nope.Service" }).catch((e) => e);
    expect(unknown).toBeInstanceOf(ConnectError);
    expect((unknown as ConnectError).code).toBe(Code.NotFound);
    expect((unknown as ConnectError).rawMessage).toContain("unknown service 'nope.Service'");
  });

  it("serves Prometheus metrics that count the calls made, by rpc and code", async () => {
    const runtime = runtimeClient(sidecar.address);
    const value = new TextEncoder().encode("v");
    await runtime.saveState({ storeName: "cache", states: [{ key: "k", value }] });
    for (let i = 0; i < 3; i += 1) await runtime.getState({ storeName: "cache", key: "k" });
    await runtime.getState({ storeName: "nope", key: "k" }).catch(() => undefined);

    const response = await fetch(`${sidecar.actuatorUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const families = parsePrometheus(text);
    const family = (name: string) => families.find((f) => f.name === name);
    const handled = (method: string, code: string) =>
      family("grpc_server_handled_total")?.metrics.find(
        (m) => m.labels?.grpc_method === method && m.labels?.grpc_code === code,
      )?.value;
    expect(family("grpc_server_handled_total")?.type).toBe("COUNTER");
    expect(handled("GetState", "OK")).toBe("3");
    expect(handled("SaveState", "OK")).toBe("1");
    expect(handled("GetState", "INVALID_ARGUMENT")).toBe("1");
    // The parser keeps no labels for histogram series, so their counts are read off the text.
    expect(family("grpc_server_handling_seconds")?.type).toBe("HISTOGRAM");
    expect(
      sample(text, "grpc_server_handling_seconds_count", {
        grpc_service: "spec.proto.runtime.v1.Runtime",
        grpc_method: "GetState",
      }),
    ).toBe(4);
    expect(
      sample(text, "layer8_component_operation_seconds_count", {
        block: "state",
        component: "cache",
        operation: "get",
      }),
    ).toBe(3);
    expect(family("process_resident_memory_bytes")?.type).toBe("GAUGE");
  });

  it("describes the app, the version and each building block's components", async () => {
    const info = await (await fetch(`${sidecar.actuatorUrl}/actuator/info`)).json();
    expect(info).toEqual({
      appId: "shop",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      runtime: "layer8",
      buildingBlocks: { state: { cache: { type: "memory" } }, lock: { locks: { type: "memory" } } },
    });
  });
});

// SEMANTICS: readiness reflects real checks (a ping of each backend), not a flag set at start-up.
describe.skipIf(!redisBinary)(
  `readiness with a Redis that dies and returns${redisBinary ? "" : " (skipped: LAYER8_REDIS_SERVER is not set; npm test sets it)"}`,
  () => {
    let redis: TestServer;
    let sidecar: StartedSidecar;
    beforeAll(async () => {
      redis = await startRedisServer({ binary: redisBinary! });
      sidecar = await startSidecar({
        config: {
          components: {
            state: {
              orders: {
                type: "redis",
                metadata: { url: redis.url, timeoutMs: 500, connectTimeoutMs: 500 },
              },
            },
          },
        },
      });
    });
    afterAll(async () => {
      await sidecar?.stop();
      await redis?.dispose();
    });

    it("turns DOWN naming the component when Redis is lost, and UP again when it returns", async () => {
      // A gRPC health Watch open throughout sees the same changes.
      const health = createClient(
        Health,
        createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
      );
      const watching = new AbortController();
      const seen: Status[] = [];
      const watch = (async () => {
        for await (const update of health.watch({ service: "" }, { signal: watching.signal })) {
          seen.push(update.status);
        }
      })().catch(() => undefined);

      const ready = await probe(sidecar, "readiness");
      expect(ready.http).toBe(200);
      expect(ready.body.components["state.orders"]?.status).toBe("UP");

      await redis.kill();
      const lost = await until(
        () => probe(sidecar, "readiness"),
        (p) => p.http === 503,
        10_000,
      );
      expect(lost.http).toBe(503);
      expect(lost.body.status).toBe("DOWN");
      expect(lost.body.components["state.orders"]?.status).toBe("DOWN");
      expect(lost.body.components.runtime?.status).toBe("UP");
      // A lost backend makes the sidecar unready, not dead: restarting it would not help.
      expect((await probe(sidecar, "liveness")).http).toBe(200);
      await until(
        async () => seen.includes(Status.NOT_SERVING),
        (yes) => yes,
        5000,
      );

      await redis.restart();
      const back = await until(
        () => probe(sidecar, "readiness"),
        (p) => p.http === 200,
        15_000,
      );
      expect(back.http).toBe(200);
      expect(back.body.components["state.orders"]?.status).toBe("UP");

      await until(
        async () => seen.at(-1),
        (last) => last === Status.SERVING,
        5000,
      );
      watching.abort();
      await watch;
      expect(seen[0]).toBe(Status.SERVING);
      expect(seen).toContain(Status.NOT_SERVING);
      expect(seen.at(-1)).toBe(Status.SERVING);
      expect((await health.check({ service: "" })).status).toBe(Status.SERVING);
    }, 40_000);
  },
);
