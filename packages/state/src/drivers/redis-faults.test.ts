import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore, type StateStore } from "../state-store.js";
import { redisStateDriver } from "./redis.js";

const binary = process.env.LAYER8_REDIS_SERVER;
const skipReason = binary ? undefined : "LAYER8_REDIS_SERVER is not set; npm test sets it";
const timeoutMs = 1000;
/** How long a call may take to fail while Redis is down: its timeout plus a generous second. */
const failWithinMs = 3000;
const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, expecting it to fail as a lost backend should; returns how long it took. */
async function failureTime(what: string, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const outcome = await call().then(
    () => undefined,
    (error: unknown) => error,
  );
  const elapsed = performance.now() - started;
  expect(outcome, `${what} should fail while Redis is down`).toBeInstanceOf(Error);
  expect([Code.Unavailable, Code.DeadlineExceeded], `${what}: ${outcome}`).toContain(
    (outcome as { code?: Code }).code,
  );
  return elapsed;
}

/** Polls the store until it answers again; returns the ms since `since`. */
async function servingAgain(store: StateStore, since: number): Promise<number> {
  while (performance.now() - since < 10_000) {
    const ok = await store.get({ key: "probe" }).then(
      () => true,
      () => false,
    );
    if (ok) return performance.now() - since;
    await sleep(50);
  }
  throw new Error("the store did not answer within 10 s of the server's restart");
}

describe.skipIf(!binary)(
  `redis state driver when Redis crashes${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    let server: TestServer | undefined;
    const stores: StateStore[] = [];
    const open = async () => {
      const store = createStateStore({
        driver: redisStateDriver,
        metadata: { url: server!.url, timeoutMs, connectTimeoutMs: timeoutMs },
      });
      await store.init();
      stores.push(store);
      return store;
    };

    beforeAll(async () => {
      // Durable: every acknowledged write is fsynced to the append-only file before the reply.
      server = await startRedisServer({ binary: binary!, durable: true });
    }, 20_000);
    afterAll(async () => {
      await Promise.allSettled(stores.map((store) => store.close()));
      await server?.dispose();
    });

    it("fails fast while down, recovers by itself, and keeps every acknowledged write", async () => {
      const store = await open();
      const closedWhileDown = await open();
      const acknowledged = new Map<string, Uint8Array>();
      const etagsBefore = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const key = `acked-${i}`;
        const value = Uint8Array.from({ length: 64 + i }, (_, j) => (i * 7 + j) % 256);
        await store.save({ key, value });
        acknowledged.set(key, value);
        etagsBefore.add((await store.get({ key })).etag);
      }
      await store.transact({
        operations: [{ operation: "upsert", request: { key: "acked-tx", value: text("tx") } }],
      });
      acknowledged.set("acked-tx", text("tx"));

      await server!.kill();

      const failures = [
        await failureTime("get", () => store.get({ key: "acked-0" })),
        await failureTime("bulk get", () => store.bulkGet({ keys: ["acked-0", "acked-1"] })),
        await failureTime("save", () => store.save({ key: "during", value: text("x") })),
        await failureTime("delete", () => store.delete({ key: "acked-1" })),
        await failureTime("transaction", () =>
          store.transact({
            operations: [{ operation: "delete", request: { key: "acked-2" } }],
          }),
        ),
      ];
      const slowestFailureMs = Math.max(...failures);
      expect(slowestFailureMs).toBeLessThan(failWithinMs);
      expect((await store.health()).status).toBe("DOWN");

      const closeStarted = performance.now();
      await closedWhileDown.close();
      const closeMs = performance.now() - closeStarted;
      expect(closeMs).toBeLessThan(failWithinMs);

      // Down for a while, so the client's reconnect backoff has grown as in a real outage.
      await sleep(1500);
      await server!.restart();
      const restarted = performance.now();
      const recoveredMs = await servingAgain(store, restarted);

      const items = await store.bulkGet({ keys: [...acknowledged.keys()] });
      for (const item of items) {
        const expected = acknowledged.get(item.key)!;
        expect(Buffer.from(item.data).equals(Buffer.from(expected)), item.key).toBe(true);
      }
      expect((await store.health()).status).toBe("UP");
      // The etag counter is persisted with the data: versions stay new across the crash.
      await store.save({ key: "acked-0", value: text("after") });
      expect(etagsBefore).not.toContain((await store.get({ key: "acked-0" })).etag);

      console.info(
        `redis crash: calls failed within ${failures.map((ms) => Math.round(ms)).join("/")} ms ` +
          `(get/bulk get/save/delete/transaction), close took ${Math.round(closeMs)} ms, ` +
          `served again ${Math.round(recoveredMs)} ms after the server was back`,
      );
    }, 30_000);

    it("loses no update among 50 concurrent read-modify-write loops after a restart", async () => {
      const store = await open();
      await store.save({ key: "warm", value: text("x") });
      // A restarted Redis has forgotten its script cache: the same client must load them again.
      await server!.kill();
      await server!.restart();
      await servingAgain(store, performance.now());
      const key = "counter";
      await store.save({ key, value: text("0") });
      const writer = async () => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const current = await store.get({ key });
          const next = String(Number(read(current.data)) + 1);
          try {
            await store.save({ key, value: text(next), etag: current.etag });
            return;
          } catch (error) {
            if ((error as { code?: Code }).code !== Code.Aborted) throw error;
          }
        }
        throw new Error("writer gave up after 200 conflicts");
      };
      await Promise.all(Array.from({ length: 50 }, writer));
      expect(read((await store.get({ key })).data)).toBe("50");
    }, 30_000);
  },
);
