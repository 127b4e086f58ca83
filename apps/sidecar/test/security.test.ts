import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect as connectSocket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@layer8/proto/grpc-health";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { runLayer8, writeConfig } from "./run-sidecar.js";
import { runtimeClient } from "./runtime-client.js";

const TOKEN = "tok-3f9a-secret";
const value = new TextEncoder().encode("v");

async function failure(call: Promise<unknown>): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe("an API token", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: { components: { state: { cache: { type: "memory" } } } },
      env: { LAYER8_API_TOKEN: TOKEN },
    });
  });
  afterAll(() => sidecar.stop());

  it("refuses calls without it or with a wrong one with UNAUTHENTICATED, and writes nothing", async () => {
    const missing = await failure(
      runtimeClient(sidecar.address).saveState({
        storeName: "cache",
        states: [{ key: "a", value }],
      }),
    );
    expect(missing.code).toBe(Code.Unauthenticated);
    expect(missing.rawMessage).toBe(
      "SaveState: this sidecar requires an API token; send it in the layer8-api-token header",
    );
    const wrong = await failure(
      runtimeClient(sidecar.address, { "layer8-api-token": "guess" }).saveState({
        storeName: "cache",
        states: [{ key: "a", value }],
      }),
    );
    expect(wrong.code).toBe(Code.Unauthenticated);
    expect(wrong.rawMessage).toBe("SaveState: the API token is wrong");

    const authorised = runtimeClient(sidecar.address, { "layer8-api-token": TOKEN });
    expect((await authorised.getState({ storeName: "cache", key: "a" })).data).toHaveLength(0);
  });

  it("accepts it in our header, Dapr's header, or as a Bearer token", async () => {
    const ways: Array<Record<string, string>> = [
      { "layer8-api-token": TOKEN },
      { "dapr-api-token": TOKEN },
      { authorization: `Bearer ${TOKEN}` },
    ];
    for (const headers of ways) {
      const client = runtimeClient(sidecar.address, headers);
      await client.saveState({ storeName: "cache", states: [{ key: "b", value }] });
      expect((await client.getState({ storeName: "cache", key: "b" })).data).toEqual(value);
    }
  });

  it("leaves gRPC health and actuator liveness open to probes, and guards the rest", async () => {
    const health = createClient(
      Health,
      createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
    );
    expect((await health.check({ service: "" })).status).toBe(Status.SERVING);
    expect((await fetch(`${sidecar.actuatorUrl}/actuator/health/liveness`)).status).toBe(200);
    for (const path of ["/actuator/health/readiness", "/actuator/info", "/metrics"]) {
      expect((await fetch(`${sidecar.actuatorUrl}${path}`)).status, path).toBe(401);
      const authorised = await fetch(`${sidecar.actuatorUrl}${path}`, {
        headers: { "layer8-api-token": TOKEN },
      });
      expect(authorised.status, path).toBe(200);
    }
  });
});

describe("flow control", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        components: { state: { cache: { type: "memory" } } },
        flowControl: { rules: [{ method: "SayHello", perSecond: 10, burst: 5 }] },
      },
    });
  });
  afterAll(() => sidecar.stop());

  it("allows the configured rate, refuses the excess with RESOURCE_EXHAUSTED, and counts it", async () => {
    const client = runtimeClient(sidecar.address);
    let allowed = 0;
    let refused = 0;
    const started = performance.now();
    // Far more than 10/s for 2 s: the bucket decides, not the client's speed.
    while (performance.now() - started < 2000) {
      try {
        await client.sayHello({ serviceName: "helloworld" });
        allowed += 1;
      } catch (error) {
        expect((error as ConnectError).code).toBe(Code.ResourceExhausted);
        expect((error as ConnectError).rawMessage).toContain(
          "SayHello: over the rate limit of 10 calls/s (burst 5) set by flowControl.rules.0",
        );
        refused += 1;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    // A burst of 5, then 10 per second.
    expect(allowed).toBeGreaterThanOrEqual(Math.floor(5 + 10 * seconds * 0.8));
    expect(allowed).toBeLessThanOrEqual(Math.ceil(5 + 10 * seconds) + 1);
    expect(refused).toBeGreaterThan(allowed);
    // Other rpcs are not limited.
    for (let i = 0; i < 30; i += 1) await client.getState({ storeName: "cache", key: "k" });

    const metrics = await (await fetch(`${sidecar.actuatorUrl}/metrics`)).text();
    expect(metrics).toContain(`layer8_rate_limited_total{grpc_method="SayHello"} ${refused}`);
    expect(metrics).toContain('layer8_rate_limit_per_second{grpc_method="SayHello"} 10');
  });

  it("refuses a rule for an rpc that does not exist at start-up, suggesting the name", () => {
    const file = writeConfig(
      "grpc: { port: 0 }\nactuator: { port: 0 }\nflowControl:\n  rules:\n    - { method: GetStat, perSecond: 5 }\n",
    );
    const { status, stderr } = runLayer8(["validate", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain(
      "flowControl.rules.0.method: 'GetStat' is not an rpc of spec.proto.runtime.v1.Runtime (did you mean 'GetState'?)",
    );
  });
});

describe("message size limit", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        grpc: { maxMessageBytes: 1024 },
        components: { state: { cache: { type: "memory" } } },
      },
    });
  });
  afterAll(() => sidecar.stop());

  it("refuses a larger message with RESOURCE_EXHAUSTED naming the limit, and stores nothing", async () => {
    const client = runtimeClient(sidecar.address);
    const error = await failure(
      client.saveState({
        storeName: "cache",
        states: [{ key: "big", value: new Uint8Array(2048) }],
      }),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/1024/);
    expect((await client.getState({ storeName: "cache", key: "big" })).data).toHaveLength(0);
  });
});

describe("listeners", () => {
  const scratch = mkdtempSync(join(tmpdir(), "layer8-listeners-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("serves gRPC over TLS with the configured certificate", async () => {
    const cert = join(scratch, "cert.pem");
    const key = join(scratch, "key.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
        ...["-keyout", key, "-out", cert, "-subj", "/CN=localhost"],
        ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ],
      { stdio: "ignore" },
    );
    const sidecar = await startSidecar({
      config: {
        grpc: { tls: { certFile: cert, keyFile: key } },
        components: { state: { cache: { type: "memory" } } },
      },
    });
    try {
      const client = createClient(
        Runtime,
        createGrpcTransport({
          baseUrl: `https://localhost:${sidecar.port}`,
          nodeOptions: { ca: readFileSync(cert) },
        }),
      );
      expect((await client.sayHello({})).hello).toBe("greetings");
      // A client that does not trust the certificate is refused.
      const untrusted = createClient(
        Runtime,
        createGrpcTransport({ baseUrl: `https://localhost:${sidecar.port}` }),
      );
      expect((await failure(untrusted.sayHello({}))).rawMessage).toMatch(/certificate/i);
    } finally {
      await sidecar.stop();
    }
  });

  it("serves gRPC on a Unix domain socket instead of a port", async () => {
    const socket = join(scratch, "layer8.sock");
    const sidecar = await startSidecar({
      config: {
        grpc: { unixSocket: socket },
        components: { state: { cache: { type: "memory" } } },
      },
    });
    try {
      const client = createClient(
        Runtime,
        createGrpcTransport({
          baseUrl: "http://localhost",
          nodeOptions: { createConnection: () => connectSocket(socket) },
        }),
      );
      expect((await client.sayHello({ serviceName: "x" })).hello).toBe("greetings");
    } finally {
      await sidecar.stop();
    }
  });

  it("refuses a TLS certificate file it cannot read, at start-up", () => {
    const file = writeConfig(
      "grpc: { port: 0, tls: { certFile: /nonexistent/cert.pem, keyFile: /nonexistent/key.pem } }\nactuator: { port: 0 }\n",
    );
    const { status, stderr } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain("grpc.tls.certFile: cannot read /nonexistent/cert.pem");
    expect(stderr).toContain("grpc.tls.keyFile: cannot read /nonexistent/key.pem");
  });
});
