import { describe, expect, it } from "vitest";
import { decodeValue, EtcdLayout, encodeValue, prefixEnd } from "./etcd-layout.js";

const address = { key: "k", group: "g", label: "l" };

describe("etcd layout", () => {
  it("puts items under <namespace><appId>/<group>/<label>/<key>", () => {
    const layout = new EtcdLayout("/layer8/config/");
    expect(layout.key("shop", { ...address, key: "db/url" })).toBe(
      "/layer8/config/shop/g/l/db/url",
    );
    expect(layout.scope("shop", "g", "l")).toBe("/layer8/config/shop/g/l/");
  });

  it("round-trips an item through its JSON value", () => {
    const item = { ...address, content: "v", tags: { t: "1" }, metadata: { m: "2" } };
    expect(decodeValue(encodeValue(item), address)).toEqual(item);
  });

  it("takes any other value as the content itself", () => {
    for (const value of [
      "plain text",
      "{not json",
      '{"content": 5}',
      '{"content": "v", "extra": 1}',
      '{"content": "v", "tags": {"t": 1}}',
      "[1, 2]",
      "",
    ]) {
      expect(decodeValue(value, address), value).toEqual({
        ...address,
        content: value,
        tags: {},
        metadata: {},
      });
    }
    expect(decodeValue('{"content":"v"}', address)).toEqual({
      ...address,
      content: "v",
      tags: {},
      metadata: {},
    });
  });

  it("ends a prefix's range after its last key", () => {
    expect(prefixEnd(Buffer.from("a/b/")).toString()).toBe("a/b0");
    expect([...prefixEnd(Buffer.from([0x61, 0xff]))]).toEqual([0x62]);
    expect([...prefixEnd(Buffer.from([0xff]))]).toEqual([0]);
  });
});
