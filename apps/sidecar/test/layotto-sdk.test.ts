import { Client } from "layotto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

// Layotto's own Node.js SDK (npm `layotto`, on grpc-js), unchanged, against our sidecar: the
// promise that existing Layotto apps keep working.
describe("Layotto's JS SDK against the sidecar", () => {
  let sidecar: StartedSidecar;
  let client: Client;
  const text = (value: Uint8Array | undefined) => Buffer.from(value ?? []).toString("utf8");

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: { components: { state: { redis: { type: "memory" } } } },
    });
    client = new Client(String(sidecar.port), "127.0.0.1");
  });
  afterAll(async () => {
    client?.close();
    await sidecar?.stop();
  });

  it("saves and reads state, one key and in bulk", async () => {
    await client.state.save({
      storeName: "redis",
      states: [
        { key: "a", value: "hello" },
        { key: "b", value: "world" },
      ],
    });
    const a = await client.state.get({ storeName: "redis", key: "a" });
    expect(text(a?.value)).toBe("hello");
    expect(a?.etag).toMatch(/^\d+$/);
    const bulk = await client.state.getBulk({ storeName: "redis", keys: ["a", "b"] });
    expect(bulk.map((item) => [item.key, text(item.value)])).toEqual([
      ["a", "hello"],
      ["b", "world"],
    ]);
  });

  it("saves again over a key: the SDK's default etag '0' means no etag", async () => {
    await client.state.save({ storeName: "redis", states: { key: "again", value: "v1" } });
    await client.state.save({ storeName: "redis", states: { key: "again", value: "v2" } });
    expect(text((await client.state.get({ storeName: "redis", key: "again" }))?.value)).toBe("v2");
  });

  it("runs a transaction and deletes", async () => {
    await client.state.executeTransaction({
      storeName: "redis",
      operations: [
        { operationType: "upsert", request: { key: "tx", value: "in a transaction" } },
        { operationType: "delete", request: { key: "a" } },
      ],
    });
    expect(text((await client.state.get({ storeName: "redis", key: "tx" }))?.value)).toBe(
      "in a transaction",
    );
    expect(
      (await client.state.get({ storeName: "redis", key: "a" }))?.value ?? new Uint8Array(),
    ).toHaveLength(0);
    await client.state.delete({ storeName: "redis", key: "tx" });
    expect(
      (await client.state.get({ storeName: "redis", key: "tx" }))?.value ?? new Uint8Array(),
    ).toHaveLength(0);
  });

  it("says hello", async () => {
    expect(await client.hello.sayHello({ name: "layotto" })).toBe("greetings, layotto");
  });

  it("receives error messages intact, punctuation included", async () => {
    await expect(client.state.get({ storeName: "nope", key: "a" })).rejects.toMatchObject({
      code: 3,
      details: "state store 'nope' is not configured; configured: redis",
    });
  });
});
