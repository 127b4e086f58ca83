import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { createSequencer, sequencerDrivers } from "@layer8/sequencer";
import { describeSequencerConformance } from "@layer8/sequencer/testing";
import { describe, expect, it } from "vitest";
import { EMBEDDED_COMPONENTS } from "../src/building-blocks.js";
import { startSidecar } from "../src/testing/index.js";
import { runLayer8, writeConfig } from "./run-sidecar.js";
import { grpcSequencer } from "./sequencer-grpc-client.js";

const redis = process.env.REDIS_URL;
const etcd = process.env.ETCD_ENDPOINTS;
const notSet = (variable: string) => `${variable} is not set (source /tmp/dev-services.env)`;

const drivers = [
  { type: "memory", metadata: {} },
  {
    type: "redis",
    metadata: { url: redis, segmentSize: 16 },
    skipReason: redis ? undefined : notSet("REDIS_URL"),
  },
  {
    type: "etcd",
    metadata: { endpoints: etcd ?? "http://127.0.0.1:2379", segmentSize: 16 },
    skipReason: etcd ? undefined : notSet("ETCD_ENDPOINTS"),
  },
  {
    type: "snowflake",
    metadata: { workerLease: { type: "redis", url: redis } },
    skipReason: redis ? undefined : notSet("REDIS_URL"),
  },
];

/** What the sidecar's component declares: the same driver and metadata, built, not started. */
function featuresOf(type: string, metadata: Record<string, unknown>): readonly string[] {
  const driver = sequencerDrivers.find((candidate) => candidate.type === type)!;
  return createSequencer({ driver, metadata }).features;
}

// SEMANTICS (Sequencer): every rule, through a sidecar process and its gRPC API, per driver.
for (const driver of drivers) {
  describeSequencerConformance({
    name: `${driver.type} through the sidecar (gRPC)`,
    features: featuresOf(driver.type, driver.metadata),
    skipReason: driver.skipReason,
    setup: async ({ biggerThan }) => ({
      open: async () => {
        const sidecar = await startSidecar({
          config: {
            appId: "conformance",
            components: {
              sequencer: {
                ids: { type: driver.type, metadata: { ...driver.metadata, biggerThan } },
              },
            },
          },
        });
        return {
          store: grpcSequencer(sidecar.address, "ids"),
          close: () => sidecar.stop().then(() => undefined),
        };
      },
    }),
  });
}

describe("the sequencer rpc", () => {
  it("answers INVALID_ARGUMENT naming an unknown sequencer and the configured ones", async () => {
    const sidecar = await startSidecar({
      config: {
        components: { sequencer: { ids: { type: "memory" }, orders: { type: "memory" } } },
      },
    });
    try {
      const client = createClient(
        Runtime,
        createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
      );
      await expect(client.getNextId({ storeName: "idz", key: "k" })).rejects.toMatchObject({
        code: Code.InvalidArgument,
        rawMessage: "sequencer 'idz' is not configured; configured: ids, orders",
      });
      await expect(client.getNextId({ storeName: "ids", key: "a||b" })).rejects.toMatchObject({
        code: Code.InvalidArgument,
        rawMessage:
          "sequencer 'ids': key 'a||b' must not contain '||', which separates the key prefix",
      });
    } finally {
      await sidecar.stop();
    }
  });

  it("refuses a bad sequencer config at start-up, naming each field", () => {
    const file = writeConfig(
      [
        "grpc: { port: 0 }",
        "components:",
        "  sequencer:",
        "    ids: { type: snowflake, metadata: { segmentSize: 10 } }",
        "    orders: { type: redis, metadata: { biggerThan: { 'a||b': 1, c: -1 } } }",
      ].join("\n"),
    );
    const { status, stderr, stdout } = runLayer8(["run", "--config", file]);
    expect(status).toBe(1);
    expect(stderr).toContain("components.sequencer.ids.metadata.workerId: give workerId");
    expect(stderr).toContain("components.sequencer.orders.metadata.biggerThan.a||b:");
    expect(stderr).toContain("components.sequencer.orders.metadata.biggerThan.c:");
    expect(stdout).not.toContain("listening");
  });

  it("serves a memory sequencer named default among the embedded defaults", async () => {
    expect(EMBEDDED_COMPONENTS.sequencer).toEqual({ default: { type: "memory", metadata: {} } });
    // The embedded components on a free port: `layer8 run` without a config takes 34904.
    const sidecar = await startSidecar({ config: { components: EMBEDDED_COMPONENTS } });
    try {
      expect(sidecar.output()).toContain("sequencer.default=memory");
      const client = grpcSequencer(sidecar.address, "default");
      expect((await client.getNextId({ key: "k" })).nextId).toBe(1n);
      expect((await client.getNextId({ key: "k", increment: "strong" })).nextId).toBe(1001n);
    } finally {
      await sidecar.stop();
    }
  });
});
