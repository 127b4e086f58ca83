import { startEtcdServer, startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import {
  createSequencer,
  etcdSequencerDriver,
  redisSequencerDriver,
  type SequencerDriverDefinition,
} from "../index.js";

const backends: {
  driver: SequencerDriverDefinition;
  binary: string | undefined;
  variable: string;
  start: (binary: string) => Promise<TestServer>;
  metadata: (server: TestServer) => Record<string, unknown>;
}[] = [
  {
    driver: redisSequencerDriver,
    binary: process.env.LAYER8_REDIS_SERVER,
    variable: "LAYER8_REDIS_SERVER",
    start: (binary: string) => startRedisServer({ binary, durable: true }),
    metadata: (server: TestServer) => ({ url: server.url, timeoutMs: 500, connectTimeoutMs: 500 }),
  },
  {
    driver: etcdSequencerDriver,
    binary: process.env.LAYER8_ETCD_SERVER,
    variable: "LAYER8_ETCD_SERVER",
    start: (binary: string) => startEtcdServer({ binary }),
    metadata: (server: TestServer) => ({
      endpoints: server.url,
      timeoutMs: 500,
      dialTimeoutMs: 500,
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
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// SEMANTICS (errors): backend unreachable is UNAVAILABLE, and the component recovers by itself.
describe.each(backends)("a $driver.type sequencer whose server dies and comes back", (backend) => {
  const reason = backend.binary ? "" : ` (skipped: ${backend.variable} is not set)`;
  it.skipIf(!backend.binary)(
    `serves WEAK ids from its segment meanwhile, fails the rest with UNAVAILABLE, recovers, repeats nothing${reason}`,
    async () => {
      const server = await backend.start(backend.binary!);
      const store = createSequencer({
        driver: backend.driver,
        metadata: { ...backend.metadata(server), segmentSize: 100 },
        name: "ids",
      });
      try {
        await store.init();
        const ids = [(await store.getNextId({ key: "k" })).nextId];
        await server.kill();
        // The rest of the cached segment needs no server.
        for (let i = 0; i < 10; i++) ids.push((await store.getNextId({ key: "k" })).nextId);
        await expect(store.getNextId({ key: "k", increment: "strong" })).rejects.toMatchObject({
          code: expect.toBeOneOf([Code.Unavailable, Code.DeadlineExceeded]),
          message: expect.stringContaining("sequencer 'ids': next id of key 'k' failed"),
        });
        expect((await store.health()).status).toBe("DOWN");
        await server.restart();
        const strong = await eventually(
          () => store.getNextId({ key: "k", increment: "strong" }),
          10_000,
        );
        expect(strong.nextId > ids.at(-1)!).toBe(true);
        for (let i = 0; i < 200; i++) ids.push((await store.getNextId({ key: "k" })).nextId);
        expect(new Set([...ids, strong.nextId]).size).toBe(ids.length + 1);
        expect((await store.health()).status).toBe("UP");
      } finally {
        await store.close();
        await server.dispose();
      }
    },
    30_000,
  );
});
