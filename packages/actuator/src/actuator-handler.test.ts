import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Health } from "@layer8/core";
import { Code, Layer8Error } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActuatorHandler } from "./actuator-handler.js";
import { HealthRegistry } from "./health.js";
import { RuntimeMetrics } from "./metrics.js";

let server: Server;
let base = "";
let backend: Health = { status: "UP", details: { pingMs: 1 } };
const levels: Array<[string, string | undefined]> = [];
const metrics = new RuntimeMetrics({ processMetrics: false });

beforeAll(async () => {
  const health = new HealthRegistry();
  health.register("runtime", ["liveness", "readiness"], async () => ({ status: "UP" }));
  health.register("state.default", ["readiness"], async () => backend);
  const handler = createActuatorHandler({
    health,
    info: () => ({ appId: "shop", version: "1.2.3" }),
    metrics: { contentType: metrics.contentType, render: () => metrics.render() },
    setLogLevel: (level, component) => {
      if (level === "loud") throw new Layer8Error(Code.InvalidArgument, "unknown level 'loud'");
      if (component === "nope") throw new Layer8Error(Code.NotFound, "no component 'nope'");
      levels.push([level, component]);
      return { level, component: component ?? "all" };
    },
    authorize: (request) => request.headers["x-api-token"] === "secret",
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const authed = { headers: { "x-api-token": "secret" } };

describe("actuator over HTTP", () => {
  it("answers liveness without a token: a prober cannot hold a secret", async () => {
    const response = await fetch(`${base}/actuator/health/liveness`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "UP",
      components: { runtime: { status: "UP" } },
    });
  });

  it("answers readiness 200 while every check is UP, 503 as soon as one is DOWN", async () => {
    backend = { status: "UP", details: { pingMs: 1 } };
    const up = await fetch(`${base}/actuator/health/readiness`, authed);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: "UP" });
    backend = { status: "DOWN", details: { error: "ECONNREFUSED" } };
    const down = await fetch(`${base}/actuator/health/readiness`, authed);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: "DOWN",
      components: {
        runtime: { status: "UP" },
        "state.default": { status: "DOWN", details: { error: "ECONNREFUSED" } },
      },
    });
    backend = { status: "INIT" };
    expect((await fetch(`${base}/actuator/health/readiness`, authed)).status).toBe(503);
  });

  it("refuses everything but liveness without the token, with 401", async () => {
    for (const path of ["/actuator/health/readiness", "/actuator/info", "/metrics"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(401);
    }
    const logger = await fetch(`${base}/actuator/logger`, {
      method: "POST",
      body: JSON.stringify({ level: "debug" }),
    });
    expect(logger.status).toBe(401);
    expect(levels).toEqual([]);
  });

  it("serves info and Prometheus metrics", async () => {
    expect(await (await fetch(`${base}/actuator/info`, authed)).json()).toEqual({
      appId: "shop",
      version: "1.2.3",
    });
    metrics.rpc("spec.proto.runtime.v1.Runtime", "GetState", "OK", 0.002);
    const response = await fetch(`${base}/metrics`, authed);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toContain(
      'grpc_server_handled_total{grpc_service="spec.proto.runtime.v1.Runtime",grpc_method="GetState",grpc_code="OK"} 1',
    );
  });

  it("changes log levels, and answers bad requests with the reason", async () => {
    const post = (body: string) =>
      fetch(`${base}/actuator/logger`, { method: "POST", body, ...authed });
    const ok = await post(JSON.stringify({ level: "debug", component: "state.default" }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ level: "debug", component: "state.default" });
    expect(levels).toEqual([["debug", "state.default"]]);

    const cases: Array<[string, number, string]> = [
      ["{}", 400, 'the body needs "level"'],
      ["not json", 400, "actuator: the body is not JSON"],
      [JSON.stringify({ level: "loud" }), 400, "unknown level 'loud'"],
      [JSON.stringify({ level: "info", component: "nope" }), 404, "no component 'nope'"],
      [JSON.stringify({ level: "info", component: 7 }), 400, '"component" must be a string'],
      ["x".repeat(20_000), 400, "over 16384 bytes"],
    ];
    for (const [body, status, error] of cases) {
      const response = await post(body);
      expect(response.status, body.slice(0, 40)).toBe(status);
      expect(((await response.json()) as { error: string }).error).toContain(error);
    }
    expect(levels).toHaveLength(1);
  });

  it("answers 404 naming an unknown endpoint", async () => {
    const response = await fetch(`${base}/actuator/nothing`, authed);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no actuator endpoint GET /actuator/nothing" });
  });
});
