import { Code, defineDriver, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { LockDriver } from "./driver.js";
import { createLockStore, memoryLockDriver } from "./index.js";

/** A driver that records the keys it is given and fails on demand, to see the store from below. */
function recordingDriver(seen: string[], failure?: unknown) {
  return defineDriver({
    block: "lock",
    type: "recording",
    description: "records keys; optionally fails every call",
    metadata: z.strictObject({}),
    create: (): LockDriver => {
      const act = async <T>(key: string, answer: T): Promise<T> => {
        seen.push(key);
        if (failure !== undefined) throw failure;
        return answer;
      };
      return {
        features: [],
        init: async () => {},
        close: async () => {},
        health: async () => ({ status: "UP" }),
        tryLock: (request) => act(request.key, true),
        unlock: (request) => act(request.key, "SUCCESS"),
        keepAlive: (request) => act(request.key, "SUCCESS"),
      };
    },
  });
}

describe("key prefixes", () => {
  const cases = [
    [{}, "shop||order-1"],
    [{ keyPrefix: "appid" }, "shop||order-1"],
    [{ keyPrefix: "name" }, "locks||order-1"],
    [{ keyPrefix: "none" }, "order-1"],
    [{ keyPrefix: "tenant-7" }, "tenant-7||order-1"],
  ] as const;
  for (const [metadata, expected] of cases) {
    it(`keyPrefix ${JSON.stringify(metadata)} locks 'order-1' as '${expected}'`, async () => {
      const seen: string[] = [];
      const store = createLockStore({
        driver: recordingDriver(seen),
        metadata,
        name: "locks",
        appId: "shop",
      });
      await store.tryLock({ resourceId: "order-1", owner: "a", expireSeconds: 1 });
      await store.keepAlive({ resourceId: "order-1", owner: "a", expireSeconds: 1 });
      await store.unlock({ resourceId: "order-1", owner: "a" });
      expect(seen).toEqual([expected, expected, expected]);
    });
  }

  it("keeps apps apart on one backend: the same resource under two app ids is two locks", async () => {
    const seen: string[] = [];
    const driver = recordingDriver(seen);
    await createLockStore({ driver, appId: "shop" }).tryLock({
      resourceId: "r",
      owner: "a",
      expireSeconds: 1,
    });
    await createLockStore({ driver, appId: "billing" }).tryLock({
      resourceId: "r",
      owner: "a",
      expireSeconds: 1,
    });
    expect(seen).toEqual(["shop||r", "billing||r"]);
  });
});

describe("validation happens before the driver is called", () => {
  it("passes nothing malformed to the driver", async () => {
    const seen: string[] = [];
    const store = createLockStore({ driver: recordingDriver(seen), name: "locks" });
    const attempts = [
      store.tryLock({ resourceId: "", owner: "a", expireSeconds: 1 }),
      store.tryLock({ resourceId: "a||b", owner: "a", expireSeconds: 1 }),
      store.tryLock({ resourceId: "r", owner: "", expireSeconds: 1 }),
      store.tryLock({ resourceId: "r", owner: "a", expireSeconds: 0 }),
      store.tryLock({ resourceId: "r", owner: "a", expireSeconds: 2 ** 31 }),
      store.keepAlive({ resourceId: "r", owner: "a", expireSeconds: -5 }),
      store.unlock({ resourceId: "r", owner: "" }),
      store.tryLock({ resourceId: undefined as unknown as string, owner: "a", expireSeconds: 1 }),
      store.tryLock({ resourceId: "r", owner: "a", expireSeconds: "5" as unknown as number }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        code: Code.InvalidArgument,
        component: "locks",
      });
    }
    expect(seen).toEqual([]);
  });

  it("names the store, the field and the value", async () => {
    const store = createLockStore({ driver: memoryLockDriver, name: "locks" });
    await expect(
      store.tryLock({ resourceId: "r", owner: "a", expireSeconds: 1.5 }),
    ).rejects.toMatchObject({
      field: "expireSeconds",
      rawMessage:
        "lock store 'locks': expireSeconds must be a whole number of seconds from 1 to 2147483647, got 1.5",
    });
    await expect(store.unlock({ resourceId: "a||b", owner: "x" })).rejects.toMatchObject({
      field: "resourceId",
      rawMessage:
        "lock store 'locks': resourceId 'a||b' must not contain '||', which separates the key prefix",
    });
  });
});

describe("driver failures", () => {
  it("keep their code and gain the store, the operation and the resource", async () => {
    const failure = new Layer8Error(Code.Unavailable, "redis is unreachable: ECONNREFUSED");
    const store = createLockStore({ driver: recordingDriver([], failure), name: "locks" });
    await expect(store.unlock({ resourceId: "order-1", owner: "a" })).rejects.toMatchObject({
      code: Code.Unavailable,
      field: "order-1",
      rawMessage:
        "lock store 'locks': unlock of resource 'order-1' failed: redis is unreachable: ECONNREFUSED",
      cause: failure,
    });
  });

  it("that are not Layer8Errors become INTERNAL", async () => {
    const store = createLockStore({ driver: recordingDriver([], new TypeError("boom")) });
    await expect(
      store.tryLock({ resourceId: "r", owner: "a", expireSeconds: 1 }),
    ).rejects.toMatchObject({
      code: Code.Internal,
      rawMessage: "lock store 'default': tryLock of resource 'r' failed: boom",
    });
  });
});

describe("component metadata", () => {
  it("rejects unknown fields, naming the component and the known fields", () => {
    expect(() =>
      createLockStore({ driver: memoryLockDriver, name: "locks", metadata: { keyprefix: "none" } }),
    ).toThrowError(
      /lock component 'locks' \(type memory\): metadata.keyprefix: unknown field keyprefix; known fields: sweepIntervalMs, keyPrefix/,
    );
  });

  it("rejects ill-typed fields", () => {
    expect(() =>
      createLockStore({ driver: memoryLockDriver, metadata: { sweepIntervalMs: "often" } }),
    ).toThrowError(
      expect.objectContaining({ code: Code.InvalidArgument, field: "metadata.sweepIntervalMs" }),
    );
  });
});

describe("lockDrivers", () => {
  it("lists every driver of the package by type", async () => {
    const { lockDrivers } = await import("./index.js");
    expect(lockDrivers.map((driver) => `${driver.block}/${driver.type}`)).toEqual([
      "lock/memory",
      "lock/redis",
      "lock/etcd",
    ]);
  });
});
