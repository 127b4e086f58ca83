import { Code, defineDriver, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RangeSequencerDriver, ReserveRequest } from "./driver.js";
import { createSequencer, MAX_ID, memorySequencerDriver, SequencerFeature } from "./index.js";

/**
 * A range driver that records every reservation and can be slowed down or made to fail, so the
 * store's own work (segments, prefetching, batching, prefixes) can be seen from below.
 */
function recordingDriver() {
  const state = {
    calls: [] as ReserveRequest[],
    counters: new Map<string, bigint>(),
    delayMs: 0,
    failing: false,
  };
  const driver = defineDriver({
    block: "sequencer",
    type: "recording",
    description: "records reservations",
    metadata: z.strictObject({}),
    create: (): RangeSequencerDriver => ({
      kind: "range",
      features: [SequencerFeature.Strong],
      init: async () => {},
      close: async () => {},
      health: async () => ({ status: "UP" }),
      reserve: async (request) => {
        state.calls.push(request);
        if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
        if (state.failing) throw new Layer8Error(Code.Unavailable, "backend unreachable");
        const stored = state.counters.get(request.key) ?? 0n;
        const current = stored > request.biggerThan ? stored : request.biggerThan;
        state.counters.set(request.key, current + request.count);
        return current + 1n;
      },
    }),
  });
  return { driver, state };
}

function sequencer(
  metadata: Record<string, unknown> = {},
  options = { name: "ids", appId: "shop" },
) {
  const { driver, state } = recordingDriver();
  return { store: createSequencer({ driver, metadata, ...options }), state };
}

describe("WEAK ids", () => {
  it("come from one reservation of segmentSize ids, also when increment is absent", async () => {
    const { store, state } = sequencer({ segmentSize: 100 });
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push((await store.getNextId({ key: "k" })).nextId);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 1)));
    expect(state.calls.map((call) => call.count)).toEqual([100n]);
  });

  it("default to segments of 1000", async () => {
    const { store, state } = sequencer();
    await store.getNextId({ key: "k", increment: "weak" });
    expect(state.calls[0]!.count).toBe(1000n);
  });

  it("prefetch the next segment once half is used, so callers do not wait for it", async () => {
    const { store, state } = sequencer({ segmentSize: 10 });
    for (let i = 0; i < 4; i++) await store.getNextId({ key: "k" });
    expect(state.calls).toHaveLength(1);
    await store.getNextId({ key: "k" });
    expect(state.calls).toHaveLength(2);
    state.delayMs = 1000;
    const started = performance.now();
    const ids = [];
    for (let i = 0; i < 15; i++) ids.push((await store.getNextId({ key: "k" })).nextId);
    expect(performance.now() - started).toBeLessThan(500);
    expect(ids.at(-1)).toBe(20n);
  });

  it("share one fetch among callers that wait for it, in arrival order", async () => {
    const { store, state } = sequencer({ segmentSize: 5 });
    state.delayMs = 20;
    const ids = await Promise.all(
      Array.from({ length: 12 }, async () => (await store.getNextId({ key: "k" })).nextId),
    );
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    expect(state.calls.length).toBeLessThanOrEqual(4);
  });

  it("fail with the backend's code when no segment is left, and recover when it returns", async () => {
    const { store, state } = sequencer({ segmentSize: 2 });
    state.failing = true;
    await expect(store.getNextId({ key: "k" })).rejects.toMatchObject({
      code: Code.Unavailable,
      field: "k",
      message: "[UNAVAILABLE] sequencer 'ids': next id of key 'k' failed: backend unreachable",
    });
    state.failing = false;
    expect((await store.getNextId({ key: "k" })).nextId).toBe(1n);
  });
});

describe("STRONG ids", () => {
  it("reserve one id at once for one caller, batching the callers that arrive meanwhile", async () => {
    const { store, state } = sequencer({ segmentSize: 50 });
    state.delayMs = 10;
    const ids = await Promise.all(
      Array.from(
        { length: 10 },
        async () => (await store.getNextId({ key: "k", increment: "strong" })).nextId,
      ),
    );
    expect(state.calls.map((call) => call.count)).toEqual([1n, 9n]);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 1)));
  });

  it("never take an id from a reservation sent before the call began", async () => {
    const { store, state } = sequencer();
    state.delayMs = 10;
    const first = store.getNextId({ key: "k", increment: "strong" });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = store.getNextId({ key: "k", increment: "strong" });
    await Promise.all([first, second]);
    expect(state.calls.map((call) => call.count)).toEqual([1n, 1n]);
  });

  it("make later WEAK ids of the process skip past them", async () => {
    const { store, state } = sequencer({ segmentSize: 100 });
    expect((await store.getNextId({ key: "k" })).nextId).toBe(1n);
    expect((await store.getNextId({ key: "k", increment: "strong" })).nextId).toBe(101n);
    const weak = (await store.getNextId({ key: "k" })).nextId;
    expect(weak).toBeGreaterThan(101n);
    expect(state.calls.map((call) => call.count)).toEqual([100n, 1n, 100n]);
  });
});

describe("key prefixes and biggerThan", () => {
  const cases = [
    [{}, "shop||cart"],
    [{ keyPrefix: "appid" }, "shop||cart"],
    [{ keyPrefix: "name" }, "ids||cart"],
    [{ keyPrefix: "none" }, "cart"],
    [{ keyPrefix: "tenant-7" }, "tenant-7||cart"],
  ] as const;
  for (const [metadata, expected] of cases) {
    it(`keyPrefix ${JSON.stringify(metadata)} reserves 'cart' as '${expected}'`, async () => {
      const { store, state } = sequencer(metadata);
      await store.getNextId({ key: "cart" });
      expect(state.calls[0]!.key).toBe(expected);
    });
  }

  it("passes each key's biggerThan to the driver, under the app's key", async () => {
    const { store, state } = sequencer({
      biggerThan: { cart: 1000, huge: "9007199254740993", text: " 7 " },
    });
    for (const key of ["cart", "huge", "text", "other"]) await store.getNextId({ key });
    expect(state.calls.map((call) => call.biggerThan)).toEqual([1000n, 9007199254740993n, 7n, 0n]);
  });

  it("refuses a malformed biggerThan, naming the key", () => {
    const bad = [
      [{ cart: -1 }, "metadata.biggerThan.cart", "at least 0"],
      [{ cart: "ten" }, "metadata.biggerThan.cart", "whole number"],
      [{ cart: 1.5 }, "metadata.biggerThan.cart", "not a whole number"],
      [{ cart: 2 ** 60 }, "metadata.biggerThan.cart", "write it as a string"],
      [{ cart: MAX_ID.toString() }, "metadata.biggerThan.cart", "no id below"],
      [{ "a||b": 1 }, "metadata.biggerThan.a||b", "'||'"],
      [{ "": 1 }, "metadata.biggerThan.", "must not be empty"],
    ] as const;
    for (const [biggerThan, field, message] of bad) {
      expect(() => sequencer({ biggerThan }), JSON.stringify(biggerThan)).toThrowError(
        expect.objectContaining({
          code: Code.InvalidArgument,
          field,
          message: expect.stringContaining(message),
        }),
      );
    }
  });
});

describe("component metadata", () => {
  it("rejects unknown fields, naming the component and the known fields", () => {
    expect(() =>
      createSequencer({ driver: memorySequencerDriver, name: "ids", metadata: { segmentsize: 5 } }),
    ).toThrowError(
      /sequencer component 'ids' \(type memory\): metadata.segmentsize: unknown field segmentsize; known fields: keyPrefix, biggerThan, segmentSize/,
    );
  });

  it("refuses a segmentSize that is not a positive whole number", () => {
    for (const segmentSize of [0, -5, 2.5, "lots"]) {
      expect(() =>
        createSequencer({ driver: memorySequencerDriver, metadata: { segmentSize } }),
      ).toThrowError(expect.objectContaining({ field: "metadata.segmentSize" }));
    }
  });
});

describe("the memory driver", () => {
  it("answers OUT_OF_RANGE when a key's ids would pass 2^63 - 1", async () => {
    const store = createSequencer({
      driver: memorySequencerDriver,
      metadata: { biggerThan: { last: (MAX_ID - 2n).toString() }, segmentSize: 1 },
    });
    await store.init();
    expect((await store.getNextId({ key: "last" })).nextId).toBe(MAX_ID - 1n);
    expect((await store.getNextId({ key: "last" })).nextId).toBe(MAX_ID);
    await expect(store.getNextId({ key: "last" })).rejects.toMatchObject({
      code: Code.OutOfRange,
      message: expect.stringContaining("exhausted"),
    });
  });
});
