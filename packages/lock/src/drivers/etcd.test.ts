import { startEtcdServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLockStore, etcdLockDriver } from "../index.js";
import { describeLockConformance } from "../testing/index.js";

const endpoints = process.env.ETCD_ENDPOINTS;
const etcdServer = process.env.LAYER8_ETCD_SERVER;

describeLockConformance({
  name: "etcd (in-process)",
  skipReason: endpoints ? undefined : "ETCD_ENDPOINTS is not set",
  setup: async () => {
    const store = createLockStore({
      driver: etcdLockDriver,
      metadata: { endpoints },
      appId: "conformance",
    });
    await store.init();
    return { store, close: () => store.close() };
  },
});

describe.skipIf(!etcdServer)(
  `etcd lock driver when the server is gone${etcdServer ? "" : " (skipped: LAYER8_ETCD_SERVER is not set)"}`,
  () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startEtcdServer({ binary: etcdServer! });
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it("throws UNAVAILABLE naming the store, never answers a status, and recovers", async () => {
      const locks = createLockStore({
        driver: etcdLockDriver,
        name: "locks",
        metadata: { endpoints: server.url, timeoutMs: 1000 },
      });
      await locks.init();
      try {
        expect(
          (await locks.tryLock({ resourceId: "r", owner: "a", expireSeconds: 30 })).success,
        ).toBe(true);
        await server.kill();
        const failed = {
          code: expect.toBeOneOf([Code.Unavailable, Code.DeadlineExceeded]),
          message: expect.stringContaining("lock store 'locks'"),
        };
        await expect(
          locks.tryLock({ resourceId: "r2", owner: "a", expireSeconds: 30 }),
        ).rejects.toMatchObject(failed);
        await expect(locks.unlock({ resourceId: "r", owner: "a" })).rejects.toMatchObject(failed);
        await expect(
          locks.keepAlive({ resourceId: "r", owner: "a", expireSeconds: 30 }),
        ).rejects.toMatchObject(failed);
        expect((await locks.health()).status).toBe("DOWN");

        await server.restart();
        const deadline = Date.now() + 10_000;
        while ((await locks.health()).status !== "UP" && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // etcd keeps its data across the crash: the lock is still held by its owner.
        expect(
          (await locks.tryLock({ resourceId: "r", owner: "b", expireSeconds: 30 })).success,
        ).toBe(false);
        expect((await locks.unlock({ resourceId: "r", owner: "a" })).status).toBe("SUCCESS");
      } finally {
        await locks.close();
      }
    }, 30_000);
  },
);
