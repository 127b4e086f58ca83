import { createServer, type Socket } from "node:net";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import type { StateApi } from "@layer8/state";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Code,
  createLayer8Client,
  DEFAULT_ADDRESS,
  type Layer8Client,
  Layer8Error,
} from "../src/index.js";

const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);

/** A loopback port nothing listens on: bound once to get a free number, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("@layer8/sdk against a running sidecar", () => {
  let sidecar: StartedSidecar;
  let client: Layer8Client;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "sdk-client",
        components: {
          state: { orders: { type: "memory" }, carts: { type: "memory" } },
        },
      },
    });
    client = createLayer8Client({ address: sidecar.address });
  });
  afterAll(async () => {
    await client?.close();
    await sidecar?.stop();
  });

  it("says hello", async () => {
    await expect(client.sayHello({ name: "sdk" })).resolves.toEqual({ hello: "greetings, sdk" });
    await expect(client.sayHello()).resolves.toEqual({ hello: "greetings" });
  });

  it("saves and reads a value with its etag, and refuses a stale etag with ABORTED", async () => {
    const orders = client.state("orders");
    await orders.save({ key: "order-1", value: text("new") });
    const first = await orders.get({ key: "order-1" });
    expect(read(first.data)).toBe("new");
    expect(first.etag).not.toBe("");
    await orders.save({ key: "order-1", value: text("paid"), etag: first.etag });
    const stale = orders.save({ key: "order-1", value: text("lost"), etag: first.etag });
    await expect(stale).rejects.toBeInstanceOf(Layer8Error);
    await expect(stale).rejects.toMatchObject({ code: Code.Aborted });
    expect(read((await orders.get({ key: "order-1" })).data)).toBe("paid");
  });

  it("keeps stores apart: a key saved in one is missing in the other", async () => {
    await client.state("carts").save({ key: "shared-name", value: text("cart") });
    const other = await client.state("orders").get({ key: "shared-name" });
    expect(other).toEqual({ data: new Uint8Array(0), etag: "", metadata: {} });
  });

  it("throws INVALID_ARGUMENT for an unknown store, naming it and the configured ones", async () => {
    const error = await client
      .state("nope")
      .get({ key: "k" })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Layer8Error);
    expect(error).toMatchObject({ code: Code.InvalidArgument });
    const { rawMessage, message } = error as Layer8Error;
    expect(rawMessage).toContain("'nope'");
    expect(rawMessage).toMatch(/configured: .*carts/);
    expect(rawMessage).toMatch(/configured: .*orders/);
    expect(message).toBe(`[INVALID_ARGUMENT] ${rawMessage}`);
  });

  it("carries the server's message unchanged, with the ConnectError as cause", async () => {
    const error = (await client
      .state("orders")
      .save({ key: "bad||key", value: text("x") })
      .catch((reason: unknown) => reason)) as Layer8Error;
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toContain("||");
    expect(error.rawMessage).not.toMatch(/^\[/);
    expect(error.cause).toMatchObject({ rawMessage: error.rawMessage, code: Code.InvalidArgument });
  });

  it("throws Layer8Error from the generated sections too: UNIMPLEMENTED for unserved APIs", async () => {
    const error = await client.secret
      .get({ storeName: "vault", key: "db-password" })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Layer8Error);
    expect(error).toMatchObject({ code: Code.Unimplemented });
    expect((error as Layer8Error).rawMessage).toMatch(/secret/);
  });

  it("offers the generated state section beside the State API, on the same store", async () => {
    await client.state("orders").save({ key: "both-ways", value: text("idiomatic") });
    const response = await client.state.get({ storeName: "orders", key: "both-ways" });
    expect(read(response.data)).toBe("idiomatic");
    expect(response.etag).not.toBe("");
  });

  it("is a StateApi of @layer8/state: one code path embedded or through the sidecar", async () => {
    // The assignment is the type-level check (made by `tsc`: see state-api.test-d.ts, which
    // vitest runs as a type test); the calls make sure the object works through that interface.
    const api: StateApi = client.state("orders");
    await api.transact({
      operations: [
        { operation: "upsert", request: { key: "tx-a", value: text("a") } },
        { operation: "delete", request: { key: "tx-b" } },
      ],
    });
    const items = await api.bulkGet({ keys: ["tx-a", "tx-b"] });
    expect(items.map((item) => [item.key, read(item.data)])).toEqual([
      ["tx-a", "a"],
      ["tx-b", ""],
    ]);
  });

  it("fails calls after close() with FAILED_PRECONDITION", async () => {
    const closing = createLayer8Client({ address: sidecar.address });
    await closing.sayHello();
    await closing.close();
    await expect(closing.sayHello()).rejects.toMatchObject({ code: Code.FailedPrecondition });
  });
});

describe("createLayer8Client without a sidecar", () => {
  it("targets 127.0.0.1:34904 by default", async () => {
    expect(DEFAULT_ADDRESS).toBe("127.0.0.1:34904");
    const client = createLayer8Client();
    try {
      // A developer's sidecar may be running there (`npm start`); if not, the refusal names the
      // address that was tried. Either way the call went to the default address.
      const result = await client.sayHello().catch((reason: Layer8Error) => reason);
      if (result instanceof Layer8Error) {
        expect(result.code).toBe(Code.Unavailable);
        expect(result.rawMessage).toContain("127.0.0.1:34904");
      } else {
        expect(result.hello).toBe("greetings");
      }
    } finally {
      await client.close();
    }
  });

  it("gives up after timeoutMs with DEADLINE_EXCEEDED when the sidecar does not answer", async () => {
    // Accepts connections and never answers, as a hung sidecar would.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const client = createLayer8Client({ address: `127.0.0.1:${port}`, timeoutMs: 200 });
    try {
      await expect(client.sayHello()).rejects.toMatchObject({ code: Code.DeadlineExceeded });
    } finally {
      await client.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("connects lazily and throws UNAVAILABLE when nothing listens", async () => {
    const client = createLayer8Client({ address: `127.0.0.1:${await closedPort()}` });
    try {
      await expect(client.sayHello()).rejects.toMatchObject({ code: Code.Unavailable });
    } finally {
      await client.close();
    }
  });

  it("refuses a malformed address or timeout with INVALID_ARGUMENT", () => {
    expect(() => createLayer8Client({ address: "localhost" })).toThrow(Layer8Error);
    expect(() => createLayer8Client({ address: "localhost" })).toThrow(/host:port/);
    expect(() => createLayer8Client({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
