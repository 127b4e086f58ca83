import { connectRedis } from "@layer8/connections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore, type StateStore } from "../state-store.js";
import { describeStateConformance } from "../testing/index.js";
import { redisStateDriver } from "./redis.js";

const url = process.env.REDIS_URL;
const skipReason = url ? undefined : "REDIS_URL is not set; npm test starts Redis";
const maxValueBytes = 2 * 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
/** Unique per run, since the Redis outlives the test process. */
const run = `${process.pid}-${Date.now().toString(36)}`;

async function openStore(keyPrefix: string): Promise<StateStore> {
  const store = createStateStore({
    driver: redisStateDriver,
    metadata: { url, keyPrefix, maxValueBytes },
  });
  await store.init();
  return store;
}

describeStateConformance({
  name: "redis",
  features: redisStateDriver.create(redisStateDriver.metadata.parse({}), {
    block: "state",
    component: "probe",
    appId: "",
  }).features,
  maxValueBytes,
  skipReason,
  setup: async () => {
    const store = await openStore("none");
    return { store, close: () => store.close() };
  },
});

describe.skipIf(!url)(`redis state driver${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let raw: Awaited<ReturnType<typeof connectRedis>>;
  const stores: StateStore[] = [];
  const open = async (keyPrefix: string) => {
    const store = await openStore(keyPrefix);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    raw = await connectRedis({ url, connectTimeoutMs: 5000, timeoutMs: 5000 });
  });
  afterAll(async () => {
    const keys = await raw?.keys(`*${run}*`);
    if (keys?.length) await raw.del(...keys);
    raw?.disconnect();
    await Promise.all(stores.map((store) => store.close()));
  });

  it("stores a key as a hash of `data` and `version` (Dapr's layout), with its TTL", async () => {
    const prefix = `layout-${run}`;
    const store = await open(prefix);
    const value = Uint8Array.from([0, 255, 10, 13, 0x80]);
    await store.save({ key: "k", value, metadata: { ttlInSeconds: "60" } });
    const { etag } = await store.get({ key: "k" });

    const driverKey = `${prefix}||k`;
    expect(await raw.type(driverKey)).toBe("hash");
    const hash = await raw.hgetallBuffer(driverKey);
    expect(Object.keys(hash).sort()).toEqual(["data", "version"]);
    expect(hash.data!.equals(Buffer.from(value))).toBe(true);
    expect(hash.version!.toString()).toBe(etag);
    const ttlMs = await raw.pttl(driverKey);
    expect(ttlMs).toBeGreaterThan(55_000);
    expect(ttlMs).toBeLessThanOrEqual(60_000);
  });

  it("keeps stores with different key prefixes apart on one Redis", async () => {
    const a = await open(`a-${run}`);
    const b = await open(`b-${run}`);
    await a.save({ key: "shared", value: text("from a") });
    expect((await b.get({ key: "shared" })).etag).toBe("");

    await b.save({ key: "shared", value: text("from b") });
    await b.delete({ key: "shared" });
    expect(read((await a.get({ key: "shared" })).data)).toBe("from a");
    expect(await raw.exists(`a-${run}||shared`, `b-${run}||shared`)).toBe(1);
  });
});
