import { connectEtcd, type EtcdClient } from "@layer8/connections";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore, type StateStore } from "../state-store.js";
import { describeStateConformance } from "../testing/index.js";
import { etcdStateDriver } from "./etcd.js";

const endpoints = process.env.ETCD_ENDPOINTS;
const skipReason = endpoints ? undefined : "ETCD_ENDPOINTS is not set; npm test starts etcd";
// etcd refuses requests over 1.5 MiB (--max-request-bytes), so the store's limit stays below.
const maxValueBytes = 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function etcdStore(appId: string): StateStore {
  return createStateStore({
    driver: etcdStateDriver,
    metadata: { endpoints, maxValueBytes },
    appId,
  });
}

describeStateConformance({
  name: "etcd",
  features: etcdStateDriver.create(
    { endpoints: ["http://127.0.0.1:2379"], dialTimeoutMs: 5000, timeoutMs: 5000 },
    { block: "state", component: "probe", appId: "" },
  ).features,
  maxValueBytes,
  skipReason,
  setup: async () => {
    const store = etcdStore("conformance");
    await store.init();
    return { store, close: () => store.close() };
  },
});

describe.skipIf(!endpoints)(
  `etcd state driver${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const appId = `etcd-driver-${process.pid}-${Date.now().toString(36)}`;
    let store: StateStore;
    let etcd: EtcdClient;
    /** The key's record in etcd itself, past the driver. */
    const raw = async (key: string) =>
      (await etcd.kv.range({ key: Buffer.from(`${appId}||${key}`) })).kvs[0];
    const leaseTtl = async (lease: string) =>
      Number((await etcd.leaseClient.leaseTimeToLive({ ID: lease })).TTL);

    beforeAll(async () => {
      store = etcdStore(appId);
      await store.init();
      etcd = await connectEtcd({
        endpoints: endpoints!.split(","),
        dialTimeoutMs: 5000,
        timeoutMs: 5000,
      });
    });
    afterAll(async () => {
      await store?.close();
      await etcd?.delete().prefix(`${appId}||`);
      etcd?.close();
    });

    it("stores the raw bytes, with the mod revision as etag", async () => {
      await store.save({ key: "raw", value: text("plain") });
      const kv = (await raw("raw"))!;
      expect(kv.value.toString()).toBe("plain");
      expect((await store.get({ key: "raw" })).etag).toBe(kv.mod_revision);
    });

    it("hides a key once its TTL has passed, though etcd keeps it up to its minimum lease TTL", async () => {
      await store.save({ key: "short", value: text("x"), metadata: { ttlInSeconds: "1" } });
      const { etag } = await store.get({ key: "short" });
      await sleep(1100);
      expect((await store.get({ key: "short" })).etag).toBe("");
      // etcd grants at least 2 s (with default timing), so the key is still stored.
      expect(await raw("short")).toBeDefined();
      await expect(store.save({ key: "short", value: text("late"), etag })).rejects.toMatchObject({
        code: Code.Aborted,
        message: expect.stringContaining("does not exist"),
      });
      await store.save({
        key: "short",
        value: text("fresh"),
        options: { concurrency: "first-write" },
      });
      expect(read((await store.get({ key: "short" })).data)).toBe("fresh");
      expect((await store.get({ key: "short" })).metadata.ttlExpireTime).toBeUndefined();
    });

    it("keeps a key's lease on a save without TTL and revokes a lease it replaces", async () => {
      await store.save({ key: "leased", value: text("v1"), metadata: { ttlInSeconds: "600" } });
      const first = (await raw("leased"))!.lease;
      expect(await leaseTtl(first)).toBeGreaterThan(590);
      await store.save({ key: "leased", value: text("v2") });
      expect((await raw("leased"))!.lease).toBe(first);
      const { etag } = await store.get({ key: "leased" });
      await store.save({ key: "leased", value: text("v2b"), etag });
      expect((await raw("leased"))!.lease).toBe(first);
      await store.save({ key: "leased", value: text("v3"), metadata: { ttlInSeconds: "-1" } });
      expect((await raw("leased"))!.lease).toBe("0");
      // Revoked in the background, right after the write.
      await expect.poll(() => leaseTtl(first), { timeout: 2000 }).toBe(-1);
      expect(read((await store.get({ key: "leased" })).data)).toBe("v3");
    });

    it("reads and writes more keys than etcd allows in one Txn read", async () => {
      const keys = Array.from({ length: 150 }, (_, i) => `many-${i}`);
      await store.bulkSave({ items: keys.map((key) => ({ key, value: text(key) })) });
      const items = await store.bulkGet({ keys: [...keys].reverse() });
      expect(items.map((item) => read(item.data))).toEqual([...keys].reverse());
      await store.transact({
        operations: keys.slice(0, 100).map((key) => ({ operation: "delete", request: { key } })),
      });
      const left = await store.bulkGet({ keys });
      expect(left.filter((item) => item.etag !== "").length).toBe(50);
    });

    it("lets concurrent writes without etag all succeed, also while the key's TTL keeps changing", async () => {
      // A save without TTL keeps the key's lease: it compares the lease, and retries when a
      // save with TTL got in between its read and its Txn.
      const writer = async (w: number) => {
        for (let i = 0; i < 10; i++) {
          const metadata = w % 2 === 0 ? { ttlInSeconds: "600" } : undefined;
          await store.transact({
            operations: [
              { operation: "upsert", request: { key: "raced", value: text(`v${w}`), metadata } },
              { operation: "upsert", request: { key: `raced-${w}-${i}`, value: text("x") } },
            ],
          });
        }
      };
      await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
      const keys = Array.from({ length: 60 }, (_, n) => `raced-${Math.floor(n / 10)}-${n % 10}`);
      const items = await store.bulkGet({ keys });
      expect(items.filter((item) => read(item.data) === "x").length).toBe(60);
      expect(read((await store.get({ key: "raced" })).data)).toMatch(/^v[0-5]$/);
    });
  },
);
