import { type ChildProcess, spawn } from "node:child_process";
import { connectRedis, redisConnectionMetadata } from "@layer8/connections";
import { freePort } from "@layer8/connections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { runLayer8, writeConfig } from "./run-sidecar.js";
import { runtimeClient } from "./runtime-client.js";

const redisBinary = process.env.LAYER8_REDIS_SERVER;
const PASSWORD = "pw-7c1e-hunter2";
const TOKEN = "tok-91d0-secret";
const value = new TextEncoder().encode("v");

interface LogRecord {
  level: string;
  time: string;
  logger?: string;
  msg: string;
  [field: string]: unknown;
}

/** Every line the sidecar wrote to stdout, each of which must be one JSON record. */
function records(output: string): LogRecord[] {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LogRecord);
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe("structured logs", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: { appId: "shop", components: { state: { cache: { type: "memory" } } } },
    });
  });
  afterAll(() => sidecar.stop());

  it("are one JSON record per line, with time, level, logger and message", () => {
    const [first] = records(sidecar.output());
    expect(first).toMatchObject({
      level: "info",
      logger: "runtime",
      app: "shop",
      msg: expect.stringContaining("listening on grpc://"),
    });
    expect(new Date(first!.time).getTime()).not.toBeNaN();
  });

  it("change level at run time for one logger through the actuator", async () => {
    const client = runtimeClient(sidecar.address);
    const rpcRecords = () =>
      records(sidecar.output()).filter((r) => r.logger === "grpc" && r.rpc === "GetState");
    await client.getState({ storeName: "cache", key: "k" });
    expect(rpcRecords()).toEqual([]);

    const set = await fetch(`${sidecar.actuatorUrl}/actuator/logger`, {
      method: "POST",
      body: JSON.stringify({ level: "debug", component: "grpc" }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ level: "debug", loggers: ["grpc"] });
    await client.getState({ storeName: "cache", key: "k" });
    await until(() => rpcRecords().length > 0, 2000);
    expect(rpcRecords()).toEqual([
      expect.objectContaining({ level: "debug", logger: "grpc", rpc: "GetState", code: "OK" }),
    ]);

    const unknown = await fetch(`${sidecar.actuatorUrl}/actuator/logger`, {
      method: "POST",
      body: JSON.stringify({ level: "debug", component: "nope" }),
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain(
      "no logger named 'nope'; known: grpc, runtime, state.cache",
    );
  });
});

describe.skipIf(!redisBinary)(
  `secrets in the config${redisBinary ? "" : " (skipped: LAYER8_REDIS_SERVER is not set; npm test sets it)"}`,
  () => {
    let redis: ChildProcess;
    let port = 0;
    beforeAll(async () => {
      port = await freePort();
      redis = spawn(
        redisBinary!,
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: "ignore" },
      );
      await new Promise((r) => setTimeout(r, 300));
      // Set the password after start, so it is not visible in the process list either.
      const admin = await connectRedis(
        z.object(redisConnectionMetadata).parse({ url: `redis://127.0.0.1:${port}` }),
      );
      await admin.config("SET", "requirepass", PASSWORD);
      admin.disconnect();
    });
    afterAll(() => {
      redis.kill("SIGKILL");
    });

    it("never reach the log, at debug level, through calls, failures and a lost backend", async () => {
      const sidecar = await startSidecar({
        config: {
          components: {
            state: {
              byUrl: { type: "redis", metadata: { url: `redis://:${PASSWORD}@127.0.0.1:${port}` } },
              byField: {
                type: "redis",
                metadata: { host: "127.0.0.1", port, password: PASSWORD, timeoutMs: 500 },
              },
            },
          },
          security: { apiToken: TOKEN },
        },
        env: { LAYER8_LOG_LEVEL: "debug" },
      });
      try {
        const client = runtimeClient(sidecar.address, { "layer8-api-token": TOKEN });
        await client.saveState({ storeName: "byUrl", states: [{ key: "k", value }] });
        await client.getState({ storeName: "byField", key: "k" });
        await client.getState({ storeName: "missing", key: "k" }).catch(() => undefined);
        const anonymous = runtimeClient(sidecar.address);
        await anonymous.getState({ storeName: "byUrl", key: "k" }).catch(() => undefined);
        redis.kill("SIGKILL");
        await client.getState({ storeName: "byUrl", key: "k" }).catch(() => undefined);
        await client.getState({ storeName: "byField", key: "k" }).catch(() => undefined);
        await fetch(`${sidecar.actuatorUrl}/actuator/health/readiness`, {
          headers: { "layer8-api-token": TOKEN },
        });
        await sidecar.stop();

        const output = sidecar.output();
        // The capture is real: it holds the failures that the lost backend caused.
        expect(output).toContain('"code":"UNAVAILABLE"');
        expect(output).toContain('"logger":"state.byUrl"');
        expect(output).not.toContain(PASSWORD);
        expect(output).not.toContain(TOKEN);
      } finally {
        await sidecar.stop();
      }
    }, 30_000);

    it("never reach the start-up error of a wrong password either", () => {
      const file = writeConfig(
        `grpc: { port: 0 }\nactuator: { port: 0 }\ncomponents:\n  state:\n    orders: { type: redis, metadata: { url: "redis://:not-${PASSWORD}@127.0.0.1:${port}", connectTimeoutMs: 500 } }\n`,
      );
      const { status, stderr, stdout } = runLayer8(["run", "--config", file]);
      expect(status).toBe(1);
      expect(stderr + stdout).not.toContain(PASSWORD);
    });
  },
);
