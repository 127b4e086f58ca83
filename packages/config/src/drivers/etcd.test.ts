import { connectEtcd, type EtcdClient } from "@layer8/connections";
import { startEtcdServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConfigStore,
  type ConfigurationItem,
  createConfigStore,
  etcdConfigDriver,
} from "../index.js";
import { describeConfigConformance } from "../testing/index.js";

const endpoints = process.env.ETCD_ENDPOINTS;
const etcdServer = process.env.LAYER8_ETCD_SERVER;

describeConfigConformance({
  name: "etcd (in-process)",
  skipReason: endpoints ? undefined : "ETCD_ENDPOINTS is not set",
  setup: async () => {
    const store = createConfigStore({
      driver: etcdConfigDriver,
      metadata: { endpoints },
      appId: "conformance",
    });
    await store.init();
    return { store, close: () => store.close() };
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shown = (items: readonly ConfigurationItem[]) => items.map((i) => `${i.key}=${i.content}`);

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe.skipIf(!endpoints)(
  `etcd config layout and other clients${endpoints ? "" : " (skipped: ETCD_ENDPOINTS is not set)"}`,
  () => {
    const namespace = `/layer8-test/config-${process.pid}-${Date.now().toString(36)}/`;
    let store: ConfigStore;
    let other: EtcdClient;

    beforeAll(async () => {
      store = createConfigStore({
        driver: etcdConfigDriver,
        metadata: { endpoints, namespace },
        appId: "shop",
      });
      await store.init();
      // A second client of its own, as another program sharing the cluster would be.
      other = await connectEtcd({ endpoints: [endpoints!], dialTimeoutMs: 5000, timeoutMs: 5000 });
    });
    afterAll(async () => {
      await other?.delete().prefix(namespace);
      other?.close();
      await store?.close();
    });

    it("stores an item as <namespace><appId>/<group>/<label>/<key> holding JSON", async () => {
      await store.save({
        items: [{ key: "db/url", content: "postgres://db", group: "backend", tags: { t: "1" } }],
      });
      const stored = await other.get(`${namespace}shop/backend/default/db/url`).string();
      expect(JSON.parse(stored!)).toEqual({
        content: "postgres://db",
        tags: { t: "1" },
        metadata: {},
      });
    });

    it("delivers changes written to etcd by another client, plain text as the content", async () => {
      const items: ConfigurationItem[] = [];
      const subscription = await store.subscribe({ group: "ops" }, (batch) => items.push(...batch));
      try {
        await other.put(`${namespace}shop/ops/default/greeting`).value("hello from etcdctl");
        await other
          .put(`${namespace}shop/ops/default/limits`)
          .value(JSON.stringify({ content: "10", tags: { unit: "rps" } }));
        await other.delete().key(`${namespace}shop/ops/default/greeting`);
        await other.put(`${namespace}shop/ops/other-label/greeting`).value("not mine");
        await until(() => items.length >= 3, "three changes");
        expect(items).toEqual([
          {
            key: "greeting",
            content: "hello from etcdctl",
            group: "ops",
            label: "default",
            tags: {},
            metadata: {},
          },
          {
            key: "limits",
            content: "10",
            group: "ops",
            label: "default",
            tags: { unit: "rps" },
            metadata: {},
          },
          { key: "greeting", content: "", group: "ops", label: "default", tags: {}, metadata: {} },
        ]);
        expect(shown((await store.get({ group: "ops" })).items)).toEqual(["limits=10"]);
      } finally {
        await subscription.close();
      }
    });

    it("delivers a save of several items as one change", async () => {
      const batches: ConfigurationItem[][] = [];
      const subscription = await store.subscribe({ group: "batch" }, (batch) =>
        batches.push(batch),
      );
      try {
        await store.save({
          items: ["a", "b", "c"].map((key) => ({ key, content: key, group: "batch" })),
        });
        await until(() => batches.length >= 1, "the change");
        await sleep(200);
        expect(batches.map(shown)).toEqual([["a=a", "b=b", "c=c"]]);
      } finally {
        await subscription.close();
      }
    });

    it("reads more keys than one etcd transaction may hold", async () => {
      const keys = Array.from({ length: 250 }, (_, i) => `k${i}`);
      for (let i = 0; i < keys.length; i += 100) {
        await store.save({
          items: keys.slice(i, i + 100).map((key) => ({ key, content: key, group: "many" })),
        });
      }
      const { items } = await store.get({ group: "many", keys: [...keys].reverse() });
      expect(items.map((item) => item.key)).toEqual([...keys].reverse());
    });
  },
);

describe.skipIf(!etcdServer)(
  `etcd config driver when the server goes away${etcdServer ? "" : " (skipped: LAYER8_ETCD_SERVER is not set)"}`,
  () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startEtcdServer({ binary: etcdServer! });
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it("keeps subscriptions through a restart: changes made before the watch is back still arrive", async () => {
      const store = createConfigStore({
        driver: etcdConfigDriver,
        name: "settings",
        metadata: { endpoints: server.url, timeoutMs: 1000 },
        appId: "shop",
      });
      await store.init();
      const items: ConfigurationItem[] = [];
      const subscription = await store.subscribe({}, (batch) => items.push(...batch));
      try {
        await store.save({ items: [{ key: "k", content: "before" }] });
        await until(() => items.length === 1, "the first change");

        await server.kill();
        const failed = {
          code: expect.toBeOneOf([Code.Unavailable, Code.DeadlineExceeded]),
          message: expect.stringContaining("configuration store 'settings'"),
        };
        await expect(store.get({ keys: ["k"] })).rejects.toMatchObject(failed);
        await expect(store.save({ items: [{ key: "k", content: "x" }] })).rejects.toMatchObject(
          failed,
        );
        expect((await store.health()).status).toBe("DOWN");

        await server.restart();
        // Written by another client at once, most likely before the watch has reconnected.
        const other = await connectEtcd({
          endpoints: [server.url],
          dialTimeoutMs: 5000,
          timeoutMs: 5000,
        });
        try {
          await other.put("/layer8/config/shop/default/default/k").value("while reconnecting");
          await other.put("/layer8/config/shop/default/default/k2").value("right after");
        } finally {
          other.close();
        }
        await until(() => items.length >= 3, "the changes made during the reconnect", 15_000);
        await sleep(300);
        expect(shown(items)).toEqual(["k=before", "k=while reconnecting", "k2=right after"]);
        const state = await Promise.race([
          subscription.closed.then(() => "closed"),
          sleep(50).then(() => "open"),
        ]);
        expect(state, "the outage ended the subscription").toBe("open");
      } finally {
        await subscription.close();
        await store.close();
      }
    }, 40_000);
  },
);
