import { startEtcdServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore, type StateStore } from "../state-store.js";
import { etcdStateDriver } from "./etcd.js";

const binary = process.env.LAYER8_ETCD_SERVER;
const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Generous: with a 1 s call deadline a call may take 1 s; it must not retry for long. */
const FAIL_WITHIN_MS = 3000;
/** After etcd answers again. etcd3's default fault handling would shut it out for up to 5 s. */
const RECOVER_WITHIN_MS = 2500;

/** Runs `work` and reports how long it took and how it failed, if it did. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe.skipIf(!binary)(
  `etcd state store across an etcd crash${binary ? "" : " (skipped: LAYER8_ETCD_SERVER is not set; npm test sets it)"}`,
  () => {
    let server: TestServer | undefined;
    let store: StateStore | undefined;
    /** Every save etcd acknowledged, with the value it acknowledged. */
    const acknowledged = new Map<string, string>();

    beforeAll(async () => {
      server = await startEtcdServer({ binary: binary! });
      store = createStateStore({
        driver: etcdStateDriver,
        metadata: { endpoints: server.url, timeoutMs: 1000, dialTimeoutMs: 2000 },
        appId: "faults",
      });
      await store.init();
    }, 20_000);

    afterAll(async () => {
      await store?.close();
      await server?.dispose();
    });

    it("keeps serving until the crash, then fails every call fast with UNAVAILABLE or DEADLINE_EXCEEDED", async ({
      annotate,
    }) => {
      const s = store!;
      await s.save({ key: "ttl", value: text("t"), metadata: { ttlInSeconds: "3600" } });
      acknowledged.set("ttl", "t");
      await s.transact({
        operations: [
          { operation: "upsert", request: { key: "tx-a", value: text("a") } },
          { operation: "upsert", request: { key: "tx-b", value: text("b") } },
        ],
      });
      acknowledged.set("tx-a", "a").set("tx-b", "b");

      // Writers keep saving while etcd is killed under them; only acknowledged saves count.
      const writer = async (id: number) => {
        for (let i = 0; ; i++) {
          const key = `w${id}-${i}`;
          try {
            await s.save({ key, value: text(`v${i}`) });
            acknowledged.set(key, `v${i}`);
          } catch {
            return;
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await sleep(300);
      await server!.kill();
      const killedAt = performance.now();
      await Promise.all(writers);
      const writersStoppedMs = performance.now() - killedAt;

      const calls = {
        get: () => s.get({ key: "tx-a" }),
        bulkGet: () => s.bulkGet({ keys: ["tx-a", "tx-b"] }),
        save: () => s.save({ key: "after-crash", value: text("x") }),
        delete: () => s.delete({ key: "tx-a" }),
        transact: () =>
          s.transact({
            operations: [{ operation: "upsert", request: { key: "tx-a", value: text("x") } }],
          }),
      };
      const slowest = { name: "", ms: 0 };
      for (const [name, call] of Object.entries(calls)) {
        const { ms, error } = await timed(call);
        expect(error, `${name} succeeded with etcd down`).toBeDefined();
        expect([Code.Unavailable, Code.DeadlineExceeded], `${name}: ${error}`).toContain(
          (error as { code?: number }).code,
        );
        expect(ms, `${name} took ${ms} ms to fail`).toBeLessThan(FAIL_WITHIN_MS);
        if (ms > slowest.ms) Object.assign(slowest, { name, ms });
      }
      const health = await s.health();
      expect(health.status).toBe("DOWN");
      expect(String(health.details?.error)).toMatch(/unreachable|did not answer/);
      await annotate(
        `${acknowledged.size} saves acknowledged; writers failed ${writersStoppedMs.toFixed(0)} ms after SIGKILL; slowest failing call: ${slowest.name} in ${slowest.ms.toFixed(0)} ms`,
      );
    }, 15_000);

    it("serves again from the same store once etcd is back, with every acknowledged save", async ({
      annotate,
    }) => {
      const s = store!;
      const restarting = performance.now();
      await server!.restart();
      const restartedAt = performance.now();
      let recoveredMs: number | undefined;
      while (performance.now() - restartedAt < RECOVER_WITHIN_MS) {
        const { error } = await timed(() => s.get({ key: "tx-a" }));
        if (!error) {
          recoveredMs = performance.now() - restartedAt;
          break;
        }
        await sleep(50);
      }
      expect(recoveredMs, `no call succeeded ${RECOVER_WITHIN_MS} ms after restart`).toBeDefined();

      const keys = [...acknowledged.keys()];
      const items = await s.bulkGet({ keys });
      expect(Object.fromEntries(items.map((item) => [item.key, read(item.data)]))).toEqual(
        Object.fromEntries(acknowledged),
      );
      expect((await s.get({ key: "ttl" })).metadata.ttlExpireTime).toBeDefined();
      await s.save({ key: "after-restart", value: text("y") });
      expect(read((await s.get({ key: "after-restart" })).data)).toBe("y");
      expect((await s.health()).status).toBe("UP");
      await annotate(
        `etcd restarted and healthy in ${(restartedAt - restarting).toFixed(0)} ms; first call served ${recoveredMs!.toFixed(0)} ms after that; ${keys.length} acknowledged keys all present`,
      );
    }, 20_000);
  },
);
