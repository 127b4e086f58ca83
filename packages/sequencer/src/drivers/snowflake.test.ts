import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { createSequencer, decodeSnowflake, snowflakeSequencerDriver } from "../index.js";
import { describeSequencerConformance } from "../testing/index.js";

const url = process.env.REDIS_URL;
const endpoints = process.env.ETCD_ENDPOINTS;
const EPOCH = Date.parse("2024-01-01T00:00:00Z");
const context = { block: "sequencer", component: "probe", appId: "" };
const parse = (metadata: Record<string, unknown>) =>
  snowflakeSequencerDriver.metadata.parse(metadata);
const lease = { type: "redis", url, ttlMs: 2000 };
const etcdLease = { type: "etcd", endpoints: endpoints ?? "http://127.0.0.1:2379", ttlMs: 2000 };

describeSequencerConformance({
  name: "snowflake, fixed workerId",
  features: snowflakeSequencerDriver.create(parse({ workerId: 1 }), context).features,
  setup: async ({ biggerThan }) => ({
    open: async () => {
      const store = createSequencer({
        driver: snowflakeSequencerDriver,
        metadata: { workerId: 1, biggerThan },
      });
      await store.init();
      return { store, close: () => store.close() };
    },
  }),
});

describeSequencerConformance({
  name: "snowflake, worker id leased from Redis (REDIS_URL)",
  features: snowflakeSequencerDriver.create(parse({ workerLease: lease }), context).features,
  skipReason: url ? undefined : "REDIS_URL is not set (source /tmp/dev-services.env)",
  setup: async ({ biggerThan }) => ({
    open: async () => {
      const store = createSequencer({
        driver: snowflakeSequencerDriver,
        metadata: { workerLease: lease, biggerThan },
      });
      await store.init();
      return { store, close: () => store.close() };
    },
  }),
});

describeSequencerConformance({
  name: "snowflake, worker id leased from etcd (ETCD_ENDPOINTS)",
  features: snowflakeSequencerDriver.create(parse({ workerLease: etcdLease }), context).features,
  skipReason: endpoints ? undefined : "ETCD_ENDPOINTS is not set (source /tmp/dev-services.env)",
  setup: async ({ biggerThan }) => ({
    open: async () => {
      const store = createSequencer({
        driver: snowflakeSequencerDriver,
        metadata: { workerLease: etcdLease, biggerThan },
      });
      await store.init();
      return { store, close: () => store.close() };
    },
  }),
});

const leaseServers = [
  { type: "redis", lease: { type: "redis", url }, skip: !url, variable: "REDIS_URL" },
  {
    type: "etcd",
    lease: { type: "etcd", endpoints },
    skip: !endpoints,
    variable: "ETCD_ENDPOINTS",
  },
];

for (const server of leaseServers) {
  const reason = server.skip ? ` (skipped: ${server.variable} is not set)` : "";
  describe(`snowflake worker ids leased from ${server.type}${reason}`, () => {
    it.skipIf(server.skip)(
      "are never shared by live sidecars, stay held past the lease time, and are freed on close",
      async () => {
        const ttlMs = 600;
        const stores = Array.from({ length: 12 }, () =>
          createSequencer({
            driver: snowflakeSequencerDriver,
            metadata: { workerLease: { ...server.lease, ttlMs } },
          }),
        );
        await Promise.all(stores.map((store) => store.init()));
        try {
          const workerOf = async (store: (typeof stores)[number]) =>
            decodeSnowflake((await store.getNextId({ key: "any" })).nextId, EPOCH).workerId;
          const workers = await Promise.all(stores.map(workerOf));
          expect(new Set(workers).size).toBe(12);
          // Past the lease time: only renewals keep the worker ids (and the ids) coming.
          await new Promise((resolve) => setTimeout(resolve, ttlMs * 1.5));
          expect(await Promise.all(stores.map(workerOf))).toEqual(workers);
          expect(await stores[0]!.health()).toMatchObject({
            status: "UP",
            details: { lease: "held", workerId: workers[0] },
          });
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      },
    );
  });
}

describe("snowflake metadata", () => {
  it("needs exactly one of workerId and workerLease", () => {
    for (const metadata of [{}, { workerId: 3, workerLease: lease }]) {
      expect(() =>
        createSequencer({ driver: snowflakeSequencerDriver, name: "ids", metadata }),
      ).toThrowError(
        expect.objectContaining({
          code: Code.InvalidArgument,
          field: "metadata.workerId",
          message: expect.stringContaining("sequencer component 'ids' (type snowflake)"),
        }),
      );
    }
  });

  it("refuses a worker id outside 0-1023 and a lease server of an unknown type", () => {
    for (const metadata of [{ workerId: 1024 }, { workerLease: { type: "zookeeper" } }]) {
      expect(() => createSequencer({ driver: snowflakeSequencerDriver, metadata })).toThrowError(
        expect.objectContaining({ code: Code.InvalidArgument }),
      );
    }
  });

  it("refuses segmentSize: snowflake has no segments", () => {
    expect(() =>
      createSequencer({
        driver: snowflakeSequencerDriver,
        metadata: { workerId: 1, segmentSize: 10 },
      }),
    ).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        field: "metadata.segmentSize",
        details: { "metadata.segmentSize": expect.stringContaining("no segments") },
      }),
    );
  });

  it("refuses an epoch in the future", () => {
    expect(() =>
      createSequencer({
        driver: snowflakeSequencerDriver,
        metadata: { workerId: 1, epoch: "2999-01-01T00:00:00Z" },
      }),
    ).toThrowError(/metadata.epoch: the epoch must not be in the future/);
  });

  it("fails an id with FAILED_PRECONDITION when biggerThan is beyond what the clock reaches", async () => {
    const store = createSequencer({
      driver: snowflakeSequencerDriver,
      metadata: { workerId: 1, biggerThan: { far: "4611686018427387904" } },
    });
    await store.init();
    await expect(store.getNextId({ key: "far" })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      message: expect.stringContaining("biggerThan is 4611686018427387904"),
    });
    await store.close();
  });
});
