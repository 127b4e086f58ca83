import { describe, expect, it } from "vitest";
import type { ConfigChange } from "./driver.js";
import { SubscriberSet } from "./subscribers.js";

const change = (key: string, content: string, appId = "a"): ConfigChange => ({
  appId,
  item: { key, content, group: "g", label: "l", tags: {}, metadata: {} },
});
const query = { appId: "a", group: "g", label: "l", keys: [] };

describe("SubscriberSet", () => {
  it("gives each subscriber the items it selects, one call per change", () => {
    const set = new SubscriberSet();
    const all: string[][] = [];
    const some: string[][] = [];
    set.add(query, (items) => all.push(items.map((i) => i.key)));
    set.add({ ...query, keys: ["b"] }, (items) => some.push(items.map((i) => i.key)));
    set.publish([change("a", "1"), change("b", "2"), change("b", "3", "other-app")]);
    set.publish([change("a", "4")]);
    expect(all).toEqual([["a", "b"], ["a"]]);
    expect(some).toEqual([["b"]]);
  });

  it("keeps one order for everyone when a listener publishes from inside its callback", () => {
    const set = new SubscriberSet();
    const first: string[] = [];
    const second: string[] = [];
    set.add(query, (items) => {
      first.push(items[0]!.content);
      if (items[0]!.content === "1") set.publish([change("k", "2")]);
    });
    set.add(query, (items) => second.push(items[0]!.content));
    set.publish([change("k", "1")]);
    expect(first).toEqual(["1", "2"]);
    expect(second).toEqual(["1", "2"]);
  });

  it("stops delivering to a subscription closed by another listener during a delivery", async () => {
    const set = new SubscriberSet();
    const received: string[] = [];
    let second: { close(): Promise<void> } | undefined;
    set.add(query, () => void second?.close());
    second = set.add(query, (items) => received.push(items[0]!.content));
    set.publish([change("k", "1")]);
    expect(received).toEqual([]);
  });

  it("hands out copies: a listener changing an item changes nobody else's", () => {
    const set = new SubscriberSet();
    const seen: string[] = [];
    set.add(query, (items) => {
      items[0]!.tags.x = "changed";
    });
    set.add(query, (items) => seen.push(JSON.stringify(items[0]!.tags)));
    const published = change("k", "1");
    set.publish([published]);
    expect(seen).toEqual(["{}"]);
    expect(published.item.tags).toEqual({});
  });
});
