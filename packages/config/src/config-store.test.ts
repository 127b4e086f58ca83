import { Code, defineDriver, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ConfigDriver, DriverQuery, DriverSave } from "./driver.js";
import {
  type ConfigurationItem,
  createConfigStore,
  type GetConfigurationRequest,
  memoryConfigDriver,
  type SaveConfigurationRequest,
} from "./index.js";
import { SubscriberSet } from "./subscribers.js";

/** A driver that records what it is given and fails on demand, to see the store from below. */
function recordingDriver(seen: (DriverQuery | DriverSave)[], failure?: unknown) {
  return defineDriver({
    block: "config",
    type: "recording",
    description: "records requests; optionally fails every call",
    metadata: z.strictObject({}),
    create: (): ConfigDriver & { subscribers: SubscriberSet } => {
      const subscribers = new SubscriberSet();
      const act = async <T>(request: DriverQuery | DriverSave, answer: T): Promise<T> => {
        seen.push(request);
        if (failure !== undefined) throw failure;
        return answer;
      };
      return {
        subscribers,
        features: [],
        init: async () => {},
        close: async () => subscribers.closeAll(),
        health: async () => ({ status: "UP" }),
        get: (query) => act(query, []),
        save: (request) => act(request, undefined),
        delete: (query) => act(query, undefined),
        subscribe: async (query, onChange) => {
          await act(query, undefined);
          return subscribers.add(query, onChange);
        },
      };
    },
  });
}

describe("defaults", () => {
  it("resolves a blank app id to the store's, and blank group and label to the defaults", async () => {
    const seen: (DriverQuery | DriverSave)[] = [];
    const store = createConfigStore({
      driver: recordingDriver(seen),
      appId: "shop",
      metadata: { defaultGroup: "application", defaultLabel: "prod" },
    });
    await store.get({});
    await store.get({ appId: "", group: "", label: "", keys: ["a", "b", "a"] });
    await store.save({ items: [{ key: "k", content: "v" }] });
    await store.delete({ appId: "billing", group: "g", keys: ["k"] });
    expect(seen).toEqual([
      { appId: "shop", group: "application", label: "prod", keys: [] },
      { appId: "shop", group: "application", label: "prod", keys: ["a", "b"] },
      {
        appId: "shop",
        items: [
          { key: "k", content: "v", group: "application", label: "prod", tags: {}, metadata: {} },
        ],
      },
      { appId: "billing", group: "g", label: "prod", keys: ["k"] },
    ]);
  });

  it("defaults to group 'default' and label 'default'", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, appId: "shop" });
    await store.save({ items: [{ key: "k", content: "v" }] });
    expect((await store.get({})).items).toEqual([
      { key: "k", content: "v", group: "default", label: "default", tags: {}, metadata: {} },
    ]);
  });

  it("refuses a request without an app id when the store has none", async () => {
    const seen: (DriverQuery | DriverSave)[] = [];
    const store = createConfigStore({ driver: recordingDriver(seen), name: "settings" });
    await expect(store.get({ keys: ["a"] })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      field: "appId",
      rawMessage:
        "configuration store 'settings': appId must not be empty: give it in the request or to the store",
    });
    expect(seen).toEqual([]);
  });
});

describe("validation happens before the driver is called", () => {
  it("passes nothing malformed to the driver", async () => {
    const seen: (DriverQuery | DriverSave)[] = [];
    const store = createConfigStore({
      driver: recordingDriver(seen),
      name: "settings",
      appId: "a",
    });
    const attempts = [
      store.get(null as unknown as GetConfigurationRequest),
      store.save(undefined as unknown as SaveConfigurationRequest),
      store.get({ keys: [""] }),
      store.get({ keys: "a" as unknown as string[] }),
      store.get({ group: "x/y" }),
      store.get({ appId: "a/b" }),
      store.get({ metadata: { n: 1 as unknown as string } }),
      store.save({ items: [{ key: "", content: "v" }] }),
      store.save({ items: [{ key: "k", content: 5 as unknown as string }] }),
      store.save({ items: [{ key: "k", content: "v", tags: { t: true as unknown as string } }] }),
      store.save({
        items: [{ key: "k", content: "v", metadata: ["x"] as unknown as Record<string, string> }],
      }),
      store.save({ items: [null as unknown as ConfigurationItem] }),
      store.save({ items: undefined as unknown as ConfigurationItem[] }),
      store.save({
        items: [
          { key: "k", content: "1", group: "g" },
          { key: "k", content: "2", group: "g" },
        ],
      }),
      store.delete({ keys: [] }),
      store.delete({ keys: undefined as unknown as string[] }),
      store.subscribe({ keys: [""] }, () => undefined),
      store.subscribe({}, undefined as unknown as () => void),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        code: Code.InvalidArgument,
        component: "settings",
      });
    }
    expect(seen).toEqual([]);
  });

  it("names the store, the field and the reason", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, name: "settings", appId: "a" });
    await expect(
      store.save({ items: [{ key: "k", content: "v", tags: { t: 1 as unknown as string } }] }),
    ).rejects.toMatchObject({
      field: "items[0].tags",
      rawMessage: "configuration store 'settings': items[0].tags.t must be text, got number",
    });
    await expect(store.delete({ keys: [] })).rejects.toMatchObject({
      field: "keys",
      rawMessage:
        "configuration store 'settings': keys must list at least one key to delete; deleting every key of a group is not supported",
    });
    await expect(
      store.save({
        items: [
          { key: "k", content: "1" },
          { key: "k", content: "2", group: "default" },
        ],
      }),
    ).rejects.toMatchObject({
      field: "items[1].key",
      rawMessage:
        "configuration store 'settings': items[1] repeats key 'k' of group 'default' label 'default'; save each item once",
    });
  });

  it("lets the same key be saved in two groups at once", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, appId: "a" });
    await store.save({
      items: [
        { key: "k", content: "1", group: "g1" },
        { key: "k", content: "2", group: "g2" },
      ],
    });
    expect((await store.get({ group: "g2" })).items[0]?.content).toBe("2");
  });

  it("saves nothing, and calls no driver, for an empty list of items", async () => {
    const seen: (DriverQuery | DriverSave)[] = [];
    const store = createConfigStore({ driver: recordingDriver(seen), appId: "a" });
    await store.save({ items: [] });
    expect(seen).toEqual([]);
  });
});

describe("driver failures", () => {
  it("keep their code and gain the store, the operation and the items", async () => {
    const failure = new Layer8Error(Code.Unavailable, "etcd is unreachable: ECONNREFUSED");
    const store = createConfigStore({
      driver: recordingDriver([], failure),
      name: "settings",
      appId: "shop",
    });
    await expect(store.get({ keys: ["a", "b"] })).rejects.toMatchObject({
      code: Code.Unavailable,
      rawMessage:
        "configuration store 'settings': get of app 'shop' group 'default' label 'default' keys 'a', 'b' failed: etcd is unreachable: ECONNREFUSED",
      cause: failure,
    });
    await expect(store.save({ items: [{ key: "k", content: "v" }] })).rejects.toMatchObject({
      code: Code.Unavailable,
      rawMessage:
        "configuration store 'settings': save of app 'shop' keys 'k' failed: etcd is unreachable: ECONNREFUSED",
    });
  });

  it("that are not Layer8Errors become INTERNAL", async () => {
    const store = createConfigStore({
      driver: recordingDriver([], new TypeError("boom")),
      appId: "a",
    });
    await expect(store.get({})).rejects.toMatchObject({
      code: Code.Internal,
      rawMessage:
        "configuration store 'default': get of app 'a' group 'default' label 'default' every key failed: boom",
    });
  });
});

describe("subscriptions", () => {
  it("a listener that throws ends its own subscription with INTERNAL; the others carry on", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, name: "settings", appId: "a" });
    const received: string[] = [];
    const failing = await store.subscribe({}, () => {
      throw new Error("listener bug");
    });
    const healthy = await store.subscribe({}, (items) => received.push(items[0]!.content));
    await store.save({ items: [{ key: "k", content: "1" }] });
    await store.save({ items: [{ key: "k", content: "2" }] });
    expect(await failing.closed).toMatchObject({
      code: Code.Internal,
      rawMessage:
        "configuration store 'settings': the subscription's listener failed: listener bug",
    });
    expect(received).toEqual(["1", "2"]);
    await healthy.close();
    expect(await healthy.closed).toBeUndefined();
  });

  it("delivers nothing after close, and resolves closed with undefined", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, appId: "a" });
    const received: string[] = [];
    const subscription = await store.subscribe({}, (items) => received.push(items[0]!.content));
    await subscription.close();
    await store.save({ items: [{ key: "k", content: "1" }] });
    expect(received).toEqual([]);
    expect(await subscription.closed).toBeUndefined();
  });

  it("closing the store ends every subscription", async () => {
    const store = createConfigStore({ driver: memoryConfigDriver, appId: "a" });
    const subscription = await store.subscribe({}, () => undefined);
    await store.close();
    expect(await subscription.closed).toBeUndefined();
  });

  it("a subscription the driver ends with an error resolves closed with it, named after the store", async () => {
    const ended = new Layer8Error(Code.Aborted, "etcd ended the watch: compacted");
    const driver = defineDriver({
      block: "config",
      type: "ending",
      description: "ends every subscription with an error",
      metadata: z.strictObject({}),
      create: (): ConfigDriver => ({
        features: [],
        init: async () => {},
        close: async () => {},
        health: async () => ({ status: "UP" }),
        get: async () => [],
        save: async () => {},
        delete: async () => {},
        subscribe: async () => ({ close: async () => {}, closed: Promise.resolve(ended) }),
      }),
    });
    const store = createConfigStore({ driver, name: "settings", appId: "a" });
    const subscription = await store.subscribe({ keys: ["k"] }, () => undefined);
    expect(await subscription.closed).toMatchObject({
      code: Code.Aborted,
      rawMessage:
        "configuration store 'settings': subscription to app 'a' group 'default' label 'default' keys 'k' failed: etcd ended the watch: compacted",
    });
  });
});

describe("component metadata", () => {
  it("rejects unknown fields, naming the component and the known fields", () => {
    expect(() =>
      createConfigStore({ driver: memoryConfigDriver, name: "settings", metadata: { group: "g" } }),
    ).toThrowError(
      /config component 'settings' \(type memory\): metadata.group: unknown field group; known fields: defaultGroup, defaultLabel/,
    );
  });

  it("rejects a default group or label that is empty or holds '/'", () => {
    expect(() =>
      createConfigStore({ driver: memoryConfigDriver, metadata: { defaultGroup: "a/b" } }),
    ).toThrowError(
      expect.objectContaining({ code: Code.InvalidArgument, field: "metadata.defaultGroup" }),
    );
    expect(() =>
      createConfigStore({ driver: memoryConfigDriver, metadata: { defaultLabel: "" } }),
    ).toThrowError(
      expect.objectContaining({ code: Code.InvalidArgument, field: "metadata.defaultLabel" }),
    );
  });

  it("rejects an app id holding '/'", () => {
    expect(() => createConfigStore({ driver: memoryConfigDriver, appId: "a/b" })).toThrowError(
      expect.objectContaining({ code: Code.InvalidArgument, field: "appId" }),
    );
  });
});

describe("configDrivers", () => {
  it("lists every driver of the package by type", async () => {
    const { configDrivers } = await import("./index.js");
    expect(configDrivers.map((driver) => `${driver.block}/${driver.type}`)).toEqual([
      "config/memory",
      "config/file",
      "config/etcd",
    ]);
  });
});
