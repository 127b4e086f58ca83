import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ConfigApi,
  ConfigurationItem,
  ConfigurationSubscription,
  SubscribeConfigurationRequest,
} from "../types.js";

/** A store to run the suite against. */
export interface ConfigConformanceSubject {
  store: ConfigApi;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

export interface ConfigConformanceOptions {
  /** Shown in the test names, e.g. `etcd (in-process)`. */
  name: string;
  setup: () => Promise<ConfigConformanceSubject>;
  /**
   * Why this run cannot happen here (e.g. `ETCD_ENDPOINTS is not set`). The suite is then reported
   * as skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
}

/** How long a change may take to reach a subscriber. */
const DELIVERY_MS = 5000;
/**
 * How long to keep listening after the expected changes arrived, to catch a change delivered
 * twice: a file driver's watcher re-reads its file about 100 ms after a save, for instance.
 */
const QUIET_MS = 400;
const TEST_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A name no other test (or earlier run on a persistent backend) uses. */
function unique(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * An INVALID_ARGUMENT naming the store and the field, as SEMANTICS asks of every error. (The
 * global `expect` is right here: asymmetric matchers do not depend on the running test.)
 */
function invalid(field: string) {
  const literal = field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    code: Code.InvalidArgument,
    message: expect.stringMatching(new RegExp(`configuration store '[^']+'.*${literal}`)),
  };
}

/** A subscription that records every item it receives, in order. */
interface Recorder {
  readonly items: ConfigurationItem[];
  /** How many times the listener was called. */
  readonly calls: number;
  readonly subscription: ConfigurationSubscription;
  /** Resolves once `count` items arrived; throws naming what arrived after `DELIVERY_MS`. */
  received(count: number): Promise<ConfigurationItem[]>;
}

async function record(store: ConfigApi, request: SubscribeConfigurationRequest): Promise<Recorder> {
  const items: ConfigurationItem[] = [];
  let calls = 0;
  const subscription = await store.subscribe(request, (batch) => {
    calls += 1;
    items.push(...batch);
  });
  return {
    items,
    get calls() {
      return calls;
    },
    subscription,
    received: async (count) => {
      const deadline = Date.now() + DELIVERY_MS;
      while (items.length < count && Date.now() < deadline) await sleep(10);
      if (items.length < count) {
        throw new Error(
          `expected ${count} items within ${DELIVERY_MS} ms, received ${items.length}: ${JSON.stringify(items)}`,
        );
      }
      return items;
    },
  };
}

/** What tests compare of received items: key and content, in order. */
const contents = (items: readonly ConfigurationItem[]) =>
  items.map((item) => `${item.key}=${item.content}`);

/**
 * The Configuration conformance suite: every rule of SEMANTICS.md for Configuration, as vitest
 * tests. Run it against every driver, in-process and through the sidecar. Every test works on an
 * app id of its own, so tests run side by side and leave persistent backends usable for the next
 * run; the suite takes about as long as its slowest test (a second or two).
 */
export function describeConfigConformance(options: ConfigConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`config conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the Configuration conformance suite", () => undefined);
    });
    return;
  }
  describe.concurrent(`config conformance: ${options.name}`, () => {
    let subject: ConfigConformanceSubject | undefined;
    let store: ConfigApi;

    beforeAll(async () => {
      subject = await options.setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    describe("save and get", () => {
      it("reads back a saved item with its content, group, label, tags and metadata", async ({
        expect,
      }) => {
        const appId = unique("app");
        const item = {
          key: "db.url",
          content: "postgres://db:5432/orders",
          group: "backend",
          label: "production",
          tags: { owner: "team-a", reviewed: "yes" },
          metadata: { source: "conformance" },
        };
        await store.save({ appId, items: [item] });
        const { items } = await store.get({
          appId,
          group: "backend",
          label: "production",
          keys: ["db.url"],
        });
        expect(items).toEqual([item]);
      });

      it("blank group and label mean the store's default, in saves and reads", async ({
        expect,
      }) => {
        const appId = unique("app");
        await store.save({ appId, items: [{ key: "k", content: "v1" }] });
        const [item] = (await store.get({ appId, keys: ["k"] })).items;
        expect(item).toMatchObject({ key: "k", content: "v1" });
        expect(item!.group, "the default group is named in answers").not.toBe("");
        expect(item!.label, "the default label is named in answers").not.toBe("");
        const named = { appId, group: item!.group, label: item!.label };
        expect((await store.get({ ...named, keys: ["k"] })).items).toEqual([item]);
        // Named explicitly, the default group and label address the same item.
        await store.save({ appId, items: [{ key: "k", content: "v2", ...named }] });
        expect((await store.get({ appId, group: "", label: "", keys: ["k"] })).items).toEqual([
          { ...item, content: "v2" },
        ]);
      });

      it("get with keys returns exactly those that exist, in the order asked; missing keys are absent, no error", async ({
        expect,
      }) => {
        const appId = unique("app");
        await store.save({
          appId,
          items: ["a", "b", "c"].map((key) => ({ key, content: key.toUpperCase() })),
        });
        const { items } = await store.get({ appId, keys: ["c", "missing", "a"] });
        expect(contents(items)).toEqual(["c=C", "a=A"]);
        expect((await store.get({ appId, keys: ["missing"] })).items).toEqual([]);
        expect((await store.get({ appId: unique("nobody"), keys: ["a"] })).items).toEqual([]);
      });

      it("get with no keys returns every item of that app, group and label, sorted by key", async ({
        expect,
      }) => {
        const appId = unique("app");
        const other = unique("other-app");
        const scope = { group: "g1", label: "l1" };
        await store.save({
          appId,
          items: [
            { key: "b", content: "1", ...scope },
            { key: "a", content: "2", ...scope },
            { key: "c/d", content: "3", ...scope },
            { key: "a", content: "other group", group: "g2", label: "l1" },
            { key: "a", content: "other label", group: "g1", label: "l2" },
            { key: "x", content: "default group and label" },
          ],
        });
        await store.save({ appId: other, items: [{ key: "a", content: "other app", ...scope }] });
        expect(contents((await store.get({ appId, ...scope })).items)).toEqual([
          "a=2",
          "b=1",
          "c/d=3",
        ]);
        expect(contents((await store.get({ appId, ...scope, keys: [] })).items)).toEqual([
          "a=2",
          "b=1",
          "c/d=3",
        ]);
        expect((await store.get({ appId: unique("nobody") })).items).toEqual([]);
      });

      it("addresses items by app, group, label and key", async ({ expect }) => {
        const appId = unique("app");
        const other = unique("other-app");
        const places = [
          { appId, group: "g", label: "l" },
          { appId, group: "g2", label: "l" },
          { appId, group: "g", label: "l2" },
          { appId: other, group: "g", label: "l" },
        ];
        for (const [i, place] of places.entries()) {
          await store.save({
            appId: place.appId,
            items: [{ key: "k", content: `v${i}`, group: place.group, label: place.label }],
          });
        }
        for (const [i, place] of places.entries()) {
          const { items } = await store.get({ ...place, keys: ["k"] });
          expect(contents(items), JSON.stringify(place)).toEqual([`k=v${i}`]);
        }
        await store.delete({ ...places[0]!, keys: ["k"] });
        expect((await store.get({ ...places[0]!, keys: ["k"] })).items).toEqual([]);
        for (const [i, place] of places.slice(1).entries()) {
          const { items } = await store.get({ ...place, keys: ["k"] });
          expect(contents(items), JSON.stringify(place)).toEqual([`k=v${i + 1}`]);
        }
      });

      it("a save replaces the item's content, tags and metadata together", async ({ expect }) => {
        const appId = unique("app");
        await store.save({
          appId,
          items: [{ key: "k", content: "v1", tags: { a: "1" }, metadata: { m: "1" } }],
        });
        await store.save({ appId, items: [{ key: "k", content: "v2", tags: { b: "2" } }] });
        const [item] = (await store.get({ appId, keys: ["k"] })).items;
        expect(item).toMatchObject({ content: "v2", tags: { b: "2" }, metadata: {} });
      });

      it("keeps content exactly as given: empty, multi-line, unicode, YAML-looking, large", async ({
        expect,
      }) => {
        const appId = unique("app");
        const samples: Record<string, string> = {
          empty: "",
          multiline: "line 1\nline 2\n  indented\n\ttab\n",
          unicode: "ünïcödé ✓ 日本語 🚀",
          yamlish: 'key: value # not a comment\n- item\n{ "json": true }',
          quotes: `"double" and 'single'`,
          number: "08080",
          decimal: "1.50",
          boolean: "true",
          tilde: "~",
          spaces: "  padded  ",
          large: "x".repeat(100_000),
        };
        const items = Object.entries(samples).map(([key, content]) => ({
          key,
          content,
          tags: { note: "ä: #" },
        }));
        await store.save({ appId, items });
        const { items: read } = await store.get({ appId, keys: Object.keys(samples) });
        expect(Object.fromEntries(read.map((item) => [item.key, item.content]))).toEqual(samples);
        expect(read.every((item) => item.tags.note === "ä: #")).toBe(true);
      });
    });

    describe("delete", () => {
      it("removes the listed keys and nothing else; a missing key is no error", async ({
        expect,
      }) => {
        const appId = unique("app");
        await store.save({
          appId,
          items: ["a", "b", "c"].map((key) => ({ key, content: key })),
        });
        await store.delete({ appId, keys: ["a", "missing"] });
        expect(contents((await store.get({ appId })).items)).toEqual(["b=b", "c=c"]);
        await store.delete({ appId: unique("nobody"), keys: ["a"] });
      });

      it("without keys is refused with INVALID_ARGUMENT and deletes nothing", async ({
        expect,
      }) => {
        const appId = unique("app");
        await store.save({ appId, items: [{ key: "a", content: "kept" }] });
        await expect(store.delete({ appId, keys: [] })).rejects.toMatchObject(invalid("keys"));
        expect(contents((await store.get({ appId })).items)).toEqual(["a=kept"]);
      });
    });

    describe("subscribe", () => {
      it(
        "to listed keys: receives updates of those keys only",
        async ({ expect }) => {
          const appId = unique("app");
          const watcher = await record(store, { appId, keys: ["a", "b"] });
          await store.save({ appId, items: [{ key: "other", content: "x" }] });
          await store.save({ appId, items: [{ key: "a", content: "1" }] });
          await store.save({
            appId,
            items: [
              { key: "c", content: "x" },
              { key: "b", content: "2" },
            ],
          });
          expect(contents(await watcher.received(2))).toEqual(["a=1", "b=2"]);
          await sleep(QUIET_MS);
          expect(contents(watcher.items)).toEqual(["a=1", "b=2"]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "without keys: receives every key, including keys created after it started",
        async ({ expect }) => {
          const appId = unique("app");
          await store.save({ appId, items: [{ key: "old", content: "0" }] });
          const watcher = await record(store, { appId });
          await store.save({ appId, items: [{ key: "new-1", content: "1" }] });
          await store.save({ appId, items: [{ key: "old", content: "2" }] });
          await store.save({ appId, items: [{ key: "new-2", content: "3" }] });
          expect(contents(await watcher.received(3))).toEqual(["new-1=1", "old=2", "new-2=3"]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "receives changes of its own app, group and label only",
        async ({ expect }) => {
          const appId = unique("app");
          const scope = { group: "g", label: "l" };
          const watcher = await record(store, { appId, ...scope });
          await store.save({
            appId,
            items: [{ key: "k", content: "other group", group: "x", label: "l" }],
          });
          await store.save({
            appId,
            items: [{ key: "k", content: "other label", group: "g", label: "x" }],
          });
          await store.save({ appId, items: [{ key: "k", content: "default group and label" }] });
          await store.save({
            appId: unique("other-app"),
            items: [{ key: "k", content: "other app", ...scope }],
          });
          await store.save({ appId, items: [{ key: "k", content: "mine", ...scope }] });
          const [item] = await watcher.received(1);
          expect(item).toEqual({ key: "k", content: "mine", ...scope, tags: {}, metadata: {} });
          await sleep(QUIET_MS);
          expect(contents(watcher.items)).toEqual(["k=mine"]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "receives a deleted key as an item with empty content",
        async ({ expect }) => {
          const appId = unique("app");
          const scope = { group: "g", label: "l" };
          await store.save({
            appId,
            items: [{ key: "k", content: "v", ...scope, tags: { t: "1" }, metadata: { m: "1" } }],
          });
          const watcher = await record(store, { appId, ...scope, keys: ["k"] });
          await store.delete({ appId, ...scope, keys: ["k"] });
          expect(await watcher.received(1)).toEqual([
            { key: "k", content: "", ...scope, tags: {}, metadata: {} },
          ]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "every matching subscriber receives each change once, in the order made",
        async ({ expect }) => {
          const appId = unique("app");
          const byKey = await record(store, { appId, keys: ["k"] });
          const everything = await record(store, { appId });
          for (const content of ["1", "2", "3"]) {
            await store.save({ appId, items: [{ key: "k", content }] });
          }
          await store.delete({ appId, keys: ["k"] });
          const expected = ["k=1", "k=2", "k=3", "k="];
          expect(contents(await byKey.received(4))).toEqual(expected);
          expect(contents(await everything.received(4))).toEqual(expected);
          await sleep(QUIET_MS);
          expect(contents(byKey.items), "a change was delivered twice").toEqual(expected);
          expect(contents(everything.items), "a change was delivered twice").toEqual(expected);
          await byKey.subscription.close();
          await everything.subscription.close();
        },
        TEST_MS,
      );

      it(
        "a save of several items delivers each item once",
        async ({ expect }) => {
          const appId = unique("app");
          const watcher = await record(store, { appId });
          await store.save({
            appId,
            items: ["a", "b", "c"].map((key) => ({ key, content: key })),
          });
          await watcher.received(3);
          await sleep(QUIET_MS);
          expect(contents(watcher.items).sort()).toEqual(["a=a", "b=b", "c=c"]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "deleting a key that does not exist notifies nobody",
        async ({ expect }) => {
          const appId = unique("app");
          const watcher = await record(store, { appId });
          await store.delete({ appId, keys: ["never-saved"] });
          await store.save({ appId, items: [{ key: "after", content: "1" }] });
          await watcher.received(1);
          await sleep(QUIET_MS);
          expect(contents(watcher.items)).toEqual(["after=1"]);
          await watcher.subscription.close();
        },
        TEST_MS,
      );

      it(
        "closing one subscription never affects another",
        async ({ expect }) => {
          const appId = unique("app");
          const first = await record(store, { appId, keys: ["k"] });
          const second = await record(store, { appId, keys: ["k"] });
          const third = await record(store, { appId });
          await store.save({ appId, items: [{ key: "k", content: "1" }] });
          await Promise.all([first.received(1), second.received(1), third.received(1)]);

          await first.subscription.close();
          expect(await first.subscription.closed).toBeUndefined();
          await store.save({ appId, items: [{ key: "k", content: "2" }] });
          expect(contents(await second.received(2))).toEqual(["k=1", "k=2"]);
          expect(contents(await third.received(2))).toEqual(["k=1", "k=2"]);

          await third.subscription.close();
          await store.save({ appId, items: [{ key: "k", content: "3" }] });
          expect(contents(await second.received(3))).toEqual(["k=1", "k=2", "k=3"]);
          await sleep(QUIET_MS);
          expect(contents(first.items), "a closed subscription received a change").toEqual(["k=1"]);
          expect(contents(third.items), "a closed subscription received a change").toEqual([
            "k=1",
            "k=2",
          ]);
          await second.subscription.close();
        },
        TEST_MS,
      );

      it("refuses bad input with INVALID_ARGUMENT", async ({ expect }) => {
        const appId = unique("app");
        await expect(store.subscribe({ appId, keys: [""] }, () => undefined)).rejects.toMatchObject(
          invalid("keys[0]"),
        );
        await expect(
          store.subscribe({ appId, group: "a/b" }, () => undefined),
        ).rejects.toMatchObject(invalid("group"));
      });
    });

    describe("bad input is refused with INVALID_ARGUMENT and changes nothing", () => {
      it("refuses an empty key in a save, and saves none of its items", async ({ expect }) => {
        const appId = unique("app");
        await expect(
          store.save({
            appId,
            items: [
              { key: "fine", content: "1" },
              { key: "", content: "2" },
            ],
          }),
        ).rejects.toMatchObject(invalid("items[1].key"));
        expect((await store.get({ appId })).items).toEqual([]);
      });

      it("refuses the same item twice in one save", async ({ expect }) => {
        const appId = unique("app");
        await expect(
          store.save({
            appId,
            items: [
              { key: "k", content: "1" },
              { key: "k", content: "2" },
            ],
          }),
        ).rejects.toMatchObject(invalid("items[1]"));
        expect((await store.get({ appId })).items).toEqual([]);
      });

      it("refuses '/' in an app id, group or label", async ({ expect }) => {
        const appId = unique("app");
        await expect(
          store.save({ appId, items: [{ key: "k", content: "1", group: "a/b" }] }),
        ).rejects.toMatchObject(invalid("group"));
        await expect(
          store.save({ appId, items: [{ key: "k", content: "1", label: "a/b" }] }),
        ).rejects.toMatchObject(invalid("label"));
        await expect(
          store.save({ appId: `${appId}/x`, items: [{ key: "k", content: "1" }] }),
        ).rejects.toMatchObject(invalid("appId"));
        await expect(store.get({ appId, label: "x/y" })).rejects.toMatchObject(invalid("label"));
        expect((await store.get({ appId })).items).toEqual([]);
      });

      it("refuses empty keys in get and delete", async ({ expect }) => {
        const appId = unique("app");
        await store.save({ appId, items: [{ key: "k", content: "kept" }] });
        await expect(store.get({ appId, keys: ["k", ""] })).rejects.toMatchObject(
          invalid("keys[1]"),
        );
        await expect(store.delete({ appId, keys: ["k", ""] })).rejects.toMatchObject(
          invalid("keys[1]"),
        );
        expect(contents((await store.get({ appId })).items)).toEqual(["k=kept"]);
      });
    });
  });
}
