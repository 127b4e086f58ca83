import { describe, expect, it } from "vitest";
import { SegmentCache } from "./segment-cache.js";

describe("the segment cache", () => {
  it("keeps at most maxKeys keys, and a dropped key continues above its earlier ids", async () => {
    const reserved: string[] = [];
    let counter = 0n;
    const cache = new SegmentCache({
      size: 10,
      maxKeys: 2,
      reserve: async (key, count) => {
        reserved.push(key);
        counter += count;
        return counter - count + 1n;
      },
    });
    const a1 = await cache.next("a");
    await cache.next("b");
    await cache.next("c");
    const a2 = await cache.next("a");
    expect(reserved).toEqual(["a", "b", "c", "a"]);
    expect(a2).toBeGreaterThan(a1);
  });
});
