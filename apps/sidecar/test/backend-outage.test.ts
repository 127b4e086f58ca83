import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { startEtcdServer, startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { describe, expect, it } from "vitest";
import { startSidecar } from "../src/testing/index.js";

const encoder = new TextEncoder();
const backends = [
  {
    type: "redis",
    binary: process.env.LAYER8_REDIS_SERVER,
    variable: "LAYER8_REDIS_SERVER",
    start: (binary: string) => startRedisServer({ binary, durable: true }),
    metadata: (server: TestServer) => ({
      url: server.url,
      timeoutMs: 1000,
      connectTimeoutMs: 1000,
    }),
  },
  {
    type: "etcd",
    binary: process.env.LAYER8_ETCD_SERVER,
    variable: "LAYER8_ETCD_SERVER",
    start: (binary: string) => startEtcdServer({ binary }),
    metadata: (server: TestServer) => ({
      endpoints: server.url,
      timeoutMs: 1000,
      dialTimeoutMs: 1000,
    }),
  },
];

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

// SEMANTICS: backend unreachable is UNAVAILABLE, a backend timeout DEADLINE_EXCEEDED; the sidecar
// stays up and recovers by itself when the backend returns; nothing acknowledged is lost.
describe.each(backends)("the sidecar when its $type backend dies and comes back", (backend) => {
  const reason = backend.binary
    ? ""
    : ` (skipped: ${backend.variable} is not set; npm test sets it)`;
  it.skipIf(!backend.binary)(
    `fails fast, stays up, and recovers without a restart${reason}`,
    async () => {
      const server = await backend.start(backend.binary!);
      const sidecar = await startSidecar({
        config: {
          components: {
            state: { orders: { type: backend.type, metadata: backend.metadata(server) } },
          },
        },
      }).catch(async (error) => {
        await server.dispose();
        throw error;
      });
      try {
        const client = createClient(
          Runtime,
          createGrpcTransport({ baseUrl: `http://${sidecar.address}` }),
        );
        const keys = Array.from({ length: 20 }, (_, i) => `acknowledged-${i}`);
        for (const key of keys) {
          await client.saveState({
            storeName: "orders",
            states: [{ key, value: encoder.encode(key) }],
          });
        }

        await server.kill();
        const started = Date.now();
        const failure = await client.getState({ storeName: "orders", key: keys[0]! }).then(
          () => undefined,
          (error: { code: number }) => error,
        );
        const failedAfterMs = Date.now() - started;
        expect(failure?.code).toSatisfy(
          (code: number) => code === Code.Unavailable || code === Code.DeadlineExceeded,
        );
        expect(failedAfterMs).toBeLessThan(4000);
        expect((await client.sayHello({})).hello).toBe("greetings");

        await server.restart();
        await eventually(() => client.getState({ storeName: "orders", key: keys[0]! }), 15_000);
        for (const key of keys) {
          const got = await client.getState({ storeName: "orders", key });
          expect(new TextDecoder().decode(got.data), key).toBe(key);
        }
        await client.saveState({
          storeName: "orders",
          states: [{ key: "after", value: encoder.encode("x") }],
        });
      } finally {
        expect(await sidecar.stop()).toBe(0);
        await server.dispose();
      }
    },
    60_000,
  );
});

describe("the sidecar when a backend is unreachable at start-up", () => {
  it("exits 1 naming the component, without listening", async () => {
    await expect(
      startSidecar({
        config: {
          components: {
            state: {
              orders: {
                type: "redis",
                metadata: { url: "redis://127.0.0.1:1", connectTimeoutMs: 500 },
              },
            },
          },
        },
      }),
    ).rejects.toThrow(
      /exited with code 1 before listening[\s\S]*state component 'orders' \(type redis\) failed to start[\s\S]*cannot connect to redis 127\.0\.0\.1:1/,
    );
  });
});
