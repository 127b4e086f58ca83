import { connectRedis } from "@layer8/connections";
import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLockStore, redisLockDriver } from "../index.js";
import { describeLockConformance } from "../testing/index.js";

const url = process.env.REDIS_URL;
const redisServer = process.env.LAYER8_REDIS_SERVER;

describeLockConformance({
  name: "redis (in-process)",
  skipReason: url ? undefined : "REDIS_URL is not set",
  setup: async () => {
    const store = createLockStore({
      driver: redisLockDriver,
      metadata: { url },
      appId: "conformance",
    });
    await store.init();
    return { store, close: () => store.close() };
  },
});

describe.skipIf(!url)(`redis lock layout${url ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
  it("stores a lock as '<appId>||<resource>' holding the owner, expiring on the server", async () => {
    const store = createLockStore({ driver: redisLockDriver, metadata: { url }, appId: "shop" });
    await store.init();
    const redis = await connectRedis({ url, connectTimeoutMs: 5000, timeoutMs: 5000 });
    try {
      const resourceId = `layout-${process.pid}-${Date.now()}`;
      await store.tryLock({ resourceId, owner: "worker-1", expireSeconds: 30 });
      expect(await redis.get(`shop||${resourceId}`)).toBe("worker-1");
      const ttl = await redis.pttl(`shop||${resourceId}`);
      expect(ttl).toBeGreaterThan(29_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      await store.keepAlive({ resourceId, owner: "worker-1", expireSeconds: 5 });
      expect(await redis.pttl(`shop||${resourceId}`)).toBeLessThanOrEqual(5000);
      await store.unlock({ resourceId, owner: "worker-1" });
      expect(await redis.exists(`shop||${resourceId}`)).toBe(0);
    } finally {
      redis.disconnect();
      await store.close();
    }
  });
});

describe.skipIf(!redisServer)(
  `redis lock driver when the server is gone${redisServer ? "" : " (skipped: LAYER8_REDIS_SERVER is not set)"}`,
  () => {
    let server: TestServer;
    const store = () =>
      createLockStore({
        driver: redisLockDriver,
        name: "locks",
        metadata: { url: server.url, timeoutMs: 500 },
      });

    beforeAll(async () => {
      server = await startRedisServer({ binary: redisServer! });
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it("throws UNAVAILABLE naming the store, never answers a status, and recovers", async () => {
      const locks = store();
      await locks.init();
      try {
        await locks.tryLock({ resourceId: "r", owner: "a", expireSeconds: 30 });
        await server.kill();
        const unavailable = {
          code: Code.Unavailable,
          message: expect.stringContaining("lock store 'locks'"),
        };
        await expect(
          locks.tryLock({ resourceId: "r2", owner: "a", expireSeconds: 30 }),
        ).rejects.toMatchObject(unavailable);
        await expect(locks.unlock({ resourceId: "r", owner: "a" })).rejects.toMatchObject(
          unavailable,
        );
        await expect(
          locks.keepAlive({ resourceId: "r", owner: "a", expireSeconds: 30 }),
        ).rejects.toMatchObject(unavailable);
        expect((await locks.health()).status).toBe("DOWN");

        await server.restart();
        const deadline = Date.now() + 5000;
        while ((await locks.health()).status !== "UP" && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // A fresh server without persistence: the old lock is gone, and scripts load again.
        expect((await locks.unlock({ resourceId: "r", owner: "a" })).status).toBe("LOCK_UNEXIST");
        expect(
          (await locks.tryLock({ resourceId: "r", owner: "a", expireSeconds: 30 })).success,
        ).toBe(true);
        expect(
          (await locks.keepAlive({ resourceId: "r", owner: "a", expireSeconds: 30 })).status,
        ).toBe("SUCCESS");
      } finally {
        await locks.close();
      }
    }, 20_000);
  },
);
