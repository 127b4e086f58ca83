import { Code, defineDriver } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { DriverSet, StateDriver } from "./driver.js";
import { createStateStore, memoryStateDriver } from "./index.js";
import { describeStateConformance } from "./testing/index.js";

/**
 * A driver that claims no optional feature and records the keys it is given, so the store's own
 * work (prefixes, refusals) can be seen from below.
 */
function recordingDriver(seen: string[]) {
  return defineDriver({
    block: "state",
    type: "plain",
    description: "records keys; no etags, TTL or transactions",
    metadata: z.strictObject({}),
    create: (): StateDriver => {
      const values = new Map<string, Uint8Array>();
      let version = 0;
      return {
        features: [],
        init: async () => {},
        close: async () => {},
        health: async () => ({ status: "UP" }),
        get: async (key) => {
          seen.push(key);
          const value = values.get(key);
          return value ? { value, etag: String(++version) } : undefined;
        },
        set: async (request: DriverSet) => {
          seen.push(request.key);
          values.set(request.key, request.value);
        },
        delete: async (request) => {
          seen.push(request.key);
          values.delete(request.key);
        },
      };
    },
  });
}

describeStateConformance({
  name: "a driver without optional features",
  features: [],
  maxValueBytes: 4 * 1024 * 1024,
  setup: async () => ({ store: createStateStore({ driver: recordingDriver([]) }) }),
});

describe("key prefixes", () => {
  const cases = [
    [{}, "shop||cart"],
    [{ keyPrefix: "appid" }, "shop||cart"],
    [{ keyPrefix: "name" }, "orders||cart"],
    [{ keyPrefix: "none" }, "cart"],
    [{ keyPrefix: "tenant-7" }, "tenant-7||cart"],
  ] as const;
  for (const [metadata, expected] of cases) {
    it(`keyPrefix ${JSON.stringify(metadata)} stores 'cart' as '${expected}'`, async () => {
      const seen: string[] = [];
      const store = createStateStore({
        driver: recordingDriver(seen),
        metadata,
        name: "orders",
        appId: "shop",
      });
      await store.save({ key: "cart", value: new Uint8Array([1]) });
      expect(seen).toEqual([expected]);
    });
  }

  it("gives bulk get results back under the app's keys", async () => {
    const store = createStateStore({ driver: memoryStateDriver, appId: "shop" });
    await store.init();
    await store.save({ key: "a", value: new Uint8Array([7]) });
    const [item] = await store.bulkGet({ keys: ["a"] });
    expect(item!.key).toBe("a");
    expect([...item!.data]).toEqual([7]);
    await store.close();
  });

  it("names the app's key, not the prefixed one, in a conflict", async () => {
    const store = createStateStore({ driver: memoryStateDriver, appId: "shop", name: "orders" });
    await store.init();
    await store.save({ key: "a", value: new Uint8Array([1]) });
    const error = store.transact({
      operations: [
        { operation: "upsert", request: { key: "a", value: new Uint8Array([2]), etag: "999" } },
      ],
    });
    await expect(error).rejects.toMatchObject({
      code: Code.Aborted,
      field: "a",
      message: expect.stringMatching(
        /^\[ABORTED\] state store 'orders': transaction of key 'a' failed/,
      ),
    });
    await store.close();
  });
});

describe("component metadata", () => {
  it("rejects unknown fields, naming the component and the known fields", () => {
    expect(() =>
      createStateStore({
        driver: memoryStateDriver,
        name: "cache",
        metadata: { keyprefix: "none" },
      }),
    ).toThrowError(
      /state component 'cache' \(type memory\): metadata.keyprefix: unknown field keyprefix; known fields: sweepIntervalMs, keyPrefix, maxValueBytes/,
    );
  });

  it("rejects ill-typed fields", () => {
    expect(() =>
      createStateStore({ driver: memoryStateDriver, metadata: { maxValueBytes: "lots" } }),
    ).toThrowError(
      expect.objectContaining({ code: Code.InvalidArgument, field: "metadata.maxValueBytes" }),
    );
  });
});

describe("transaction operation types", () => {
  it("refuses an unknown operation type, naming it", async () => {
    const store = createStateStore({ driver: memoryStateDriver });
    await store.init();
    await expect(
      store.transact({
        operations: [{ operation: "merge", request: { key: "a" } } as never],
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      message: expect.stringContaining("'merge'"),
    });
    await store.close();
  });
});
