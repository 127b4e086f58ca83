import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unimplementedHandler } from "../src/server/unimplemented.js";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

const BUF = resolve(import.meta.dirname, "../node_modules/.bin/buf");
const PROTO = resolve(import.meta.dirname, "../../../proto");

/** Calls the sidecar with `buf curl`: a gRPC client that is not ours, given only the .proto. */
function bufCurl(address: string, rpc: string, body: object): unknown {
  const out = execFileSync(
    BUF,
    [
      "curl",
      "--protocol",
      "grpc",
      "--http2-prior-knowledge",
      "--schema",
      PROTO,
      "-d",
      JSON.stringify(body),
      `http://${address}/spec.proto.runtime.v1.Runtime/${rpc}`,
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(out);
}

describe("a sidecar on a config file", () => {
  let sidecar: StartedSidecar;
  let client: ReturnType<typeof createClient<typeof Runtime>>;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "${LAYER8_TEST_APP_ID}",
        components: { state: { orders: { type: "memory" }, cache: { type: "memory" } } },
      },
      env: { LAYER8_TEST_APP_ID: "shop" },
    });
    client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` }));
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("says where it listens, for which app, with which components", () => {
    expect(sidecar.output()).toContain(
      `layer8 sidecar for app 'shop' listening on grpc://${sidecar.address}`,
    );
    expect(sidecar.output()).toContain("state.orders=memory, state.cache=memory");
  });

  it("saves and reads state for a client that is not ours (buf curl)", () => {
    const value = Buffer.from("hello from buf").toString("base64");
    bufCurl(sidecar.address, "SaveState", {
      store_name: "orders",
      states: [{ key: "greeting", value }],
    });
    const got = bufCurl(sidecar.address, "GetState", { store_name: "orders", key: "greeting" }) as {
      data: string;
      etag: string;
    };
    expect(Buffer.from(got.data, "base64").toString()).toBe("hello from buf");
    expect(got.etag).toMatch(/^\d+$/);
  });

  it("keeps stores apart", async () => {
    await client.saveState({
      storeName: "cache",
      states: [{ key: "only-in-cache", value: new Uint8Array([1]) }],
    });
    const elsewhere = await client.getState({ storeName: "orders", key: "only-in-cache" });
    expect(elsewhere.data.byteLength).toBe(0);
  });

  it("answers INVALID_ARGUMENT naming an unknown store and the configured ones", async () => {
    await expect(client.getState({ storeName: "ordrs", key: "a" })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "state store 'ordrs' is not configured; configured: orders, cache",
    });
    await expect(client.saveState({ storeName: "", states: [{ key: "a" }] })).rejects.toMatchObject(
      {
        code: Code.InvalidArgument,
        rawMessage: "state store name is required; configured: orders, cache",
      },
    );
  });

  it("answers ABORTED with the store and key for a stale etag", async () => {
    await client.saveState({
      storeName: "orders",
      states: [{ key: "k", value: new Uint8Array([1]) }],
    });
    const { etag } = await client.getState({ storeName: "orders", key: "k" });
    await client.saveState({
      storeName: "orders",
      states: [{ key: "k", value: new Uint8Array([2]) }],
    });
    await expect(
      client.saveState({
        storeName: "orders",
        states: [{ key: "k", value: new Uint8Array([3]), etag: { value: etag } }],
      }),
    ).rejects.toMatchObject({
      code: Code.Aborted,
      rawMessage: expect.stringMatching(
        /^state store 'orders': save of key 'k' failed: the etag '\d+' is stale/,
      ),
    });
  });

  it("answers INVALID_ARGUMENT for an unknown transaction operation type", async () => {
    await expect(
      client.executeStateTransaction({
        storeName: "orders",
        operations: [{ operationType: "merge", request: { key: "a" } }],
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringContaining("'merge'"),
    });
  });

  it("answers SayHello the way Layotto's hello component does", async () => {
    expect((await client.sayHello({})).hello).toBe("greetings");
    expect((await client.sayHello({ name: "layer8" })).hello).toBe("greetings, layer8");
  });

  it("answers UNIMPLEMENTED naming the building block for rpcs not served yet", async () => {
    const expectRefusal = (block: string) => ({
      code: Code.Unimplemented,
      rawMessage: expect.stringContaining(`the ${block} building block is not available`),
    });
    await expect(client.invokeService({ id: "other-app" })).rejects.toMatchObject(
      expectRefusal("service invocation"),
    );
    await expect(client.invokeBinding({ name: "x" })).rejects.toMatchObject(
      expectRefusal("bindings"),
    );
    await expect(client.getSecret({ storeName: "x", key: "k" })).rejects.toMatchObject(
      expectRefusal("secrets"),
    );
  });

  it("has a refusal shaped for streaming rpcs too, with the same status", async () => {
    // Every streaming rpc is served now: the refusal a future one would get is called directly.
    const refuse = unimplementedHandler(
      Runtime.method.subscribeTopicEvents,
    ) as () => AsyncIterable<unknown>;
    const stream = async () => {
      for await (const _ of refuse()) {
        // no message is expected
      }
    };
    await expect(stream()).rejects.toMatchObject({
      code: Code.Unimplemented,
      rawMessage: expect.stringContaining("the pubsub building block is not available"),
    });
  });
});

describe("a sidecar on embedded defaults", () => {
  it("starts with no config on port 34904 with a memory store named default, and stops on SIGTERM", async () => {
    const sidecar = await startSidecar();
    try {
      expect(sidecar.port).toBe(34904);
      expect(sidecar.output()).toContain("config: <embedded defaults>; state.default=memory");
      const client = createClient(
        Runtime,
        createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
      );
      await client.saveState({
        storeName: "default",
        states: [{ key: "k", value: new TextEncoder().encode("v") }],
      });
      const got = await client.getState({ storeName: "default", key: "k" });
      expect(new TextDecoder().decode(got.data)).toBe("v");
      expect(sidecar.output()).toContain("pubsub.default=memory");
      await client.publishEvent({
        pubsubName: "default",
        topic: "greetings",
        data: new TextEncoder().encode("hello"),
      });
    } finally {
      expect(await sidecar.stop()).toBe(0);
    }
    expect(sidecar.output()).toContain("SIGTERM: no longer accepting calls");
    expect(sidecar.output()).toContain("stopped");
  });
});
