import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SequencerFeature } from "../driver.js";
import type { GetNextIdRequest, Increment, SequencerApi } from "../types.js";

/** One open store: in-process, or a sidecar and a client of it. */
export interface SequencerConformanceStore {
  store: SequencerApi;
  /** Closes the store (stops the sidecar): what a restart does first. */
  close(): Promise<void>;
}

/** What `setup` must configure the store with: `biggerThan` for fresh keys of this run. */
export interface SequencerConformanceConfig {
  /** Put in the component metadata as `biggerThan`, as given (decimal strings). */
  biggerThan: Record<string, string>;
}

export interface SequencerConformanceSubject {
  /**
   * Opens a store on the backend, configured as `setup` was told. Called once at the start; again
   * for a second store on the same backend (`shared`) and after closing one (`persistent`).
   */
  open(): Promise<SequencerConformanceStore>;
  /** Called once after the suite, when every store it opened is closed. */
  close?: () => Promise<void>;
}

export interface SequencerConformanceOptions {
  /** Shown in the test names, e.g. `memory (in-process)`. */
  name: string;
  /**
   * The driver's declared `features`. Known before setup, because they decide which tests exist:
   * a claimed feature gets its behaviour tested; STRONG unclaimed must answer `UNIMPLEMENTED`.
   */
  features: readonly string[];
  setup: (config: SequencerConformanceConfig) => Promise<SequencerConformanceSubject>;
  /**
   * Why this run cannot happen here (e.g. `REDIS_URL is not set`). The suite is then reported as
   * skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
}

const KNOWN_FEATURES: readonly string[] = Object.values(SequencerFeature);
/** 2^53 + 1: not a double, so only an exact int64 path hands out the ids right above it. */
const BEYOND_DOUBLES = "9007199254740993";

/**
 * Defines the test only when `condition` holds, so that nothing is skipped or passes vacuously:
 * a feature's tests exist when it is claimed, and its refusal is tested when it is not.
 */
function itIf(condition: boolean): typeof it | ((name: string, fn: () => unknown) => void) {
  return condition ? it : () => undefined;
}

/** Fails naming the first place where `ids` do not strictly increase. */
function expectIncreasing(ids: readonly bigint[], what: string): void {
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      expect.fail(`${what}: id ${i} (${ids[i]}) is not greater than id ${i - 1} (${ids[i - 1]})`);
    }
  }
}

/** Fails naming an id handed out twice. */
function expectUnique(ids: readonly bigint[], what: string): void {
  const seen = new Set<bigint>();
  for (const id of ids) {
    if (seen.has(id)) expect.fail(`${what}: id ${id} was handed out twice`);
    seen.add(id);
  }
}

function max(ids: Iterable<bigint>): bigint {
  let found = 0n;
  for (const id of ids) if (id > found) found = id;
  return found;
}

/**
 * The Sequencer conformance suite: every rule of SEMANTICS.md for the sequencer, as vitest tests.
 * Run it against every driver, in-process and through the sidecar. Keys are fresh on every run,
 * so persistent backends need no cleaning.
 */
export function describeSequencerConformance(options: SequencerConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`sequencer conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the Sequencer conformance suite", () => undefined);
    });
    return;
  }
  // Generous: through a sidecar, every call is a gRPC round trip and some tests start sidecars.
  describe(`sequencer conformance: ${options.name}`, { timeout: 60_000 }, () => {
    const has = (feature: string) => options.features.includes(feature);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    let counter = 0;
    /** A key no other test, nor an earlier run on a persistent backend, uses. */
    const uniqueKey = (label: string) => `conformance-${label}-${run}-${++counter}`;
    const thresholds = {
      small: { key: `bigger-than-small-${run}`, value: "1000" },
      strong: { key: `bigger-than-strong-${run}`, value: "5000" },
      beyondDoubles: { key: `bigger-than-beyond-doubles-${run}`, value: BEYOND_DOUBLES },
    };

    let subject: SequencerConformanceSubject | undefined;
    const opened = new Set<SequencerConformanceStore>();
    let main: SequencerConformanceStore;
    const open = async () => {
      const store = await subject!.open();
      opened.add(store);
      return store;
    };
    const close = async (store: SequencerConformanceStore) => {
      opened.delete(store);
      await store.close();
    };
    let other: SequencerConformanceStore | undefined;
    /** A second store on the same backend (a second sidecar), opened once, when first needed. */
    const second = async () => {
      other ??= await open();
      return other;
    };
    const next = async (store: SequencerApi, request: GetNextIdRequest) =>
      (await store.getNextId(request)).nextId;
    const take = async (
      store: SequencerApi,
      key: string,
      count: number,
      increment?: Increment,
    ): Promise<bigint[]> => {
      const ids: bigint[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(await next(store, { key, ...(increment ? { increment } : {}) }));
      }
      return ids;
    };

    beforeAll(async () => {
      subject = await options.setup({
        biggerThan: Object.fromEntries(Object.values(thresholds).map((t) => [t.key, t.value])),
      });
      main = await open();
    }, 60_000);
    afterAll(async () => {
      for (const store of [...opened]) await close(store);
      await subject?.close?.();
    }, 60_000);

    it("declares only known features", () => {
      for (const feature of options.features) expect(KNOWN_FEATURES).toContain(feature);
    });

    describe("ids", () => {
      it("hands out positive int64 ids that never repeat", async () => {
        const ids = await take(main.store, uniqueKey("unique"), 200);
        for (const id of ids) {
          expect(typeof id).toBe("bigint");
          expect(id > 0n && id < 2n ** 63n, `id ${id} is a positive int64`).toBe(true);
        }
        expectUnique(ids, "200 ids of one key");
      });

      it("hands out strictly increasing ids to one caller, per key", async () => {
        const [a, b] = [uniqueKey("increasing-a"), uniqueKey("increasing-b")];
        const idsA: bigint[] = [];
        const idsB: bigint[] = [];
        for (let i = 0; i < 60; i++) {
          idsA.push(await next(main.store, { key: a }));
          idsB.push(await next(main.store, { key: b }));
        }
        expectIncreasing(idsA, `key ${a}`);
        expectIncreasing(idsB, `key ${b}`);
      });

      it("treats a request without increment as WEAK, in the same sequence", async () => {
        const key = uniqueKey("weak-default");
        const ids: bigint[] = [];
        for (let i = 0; i < 20; i++) {
          ids.push(await next(main.store, i % 2 === 0 ? { key } : { key, increment: "weak" }));
        }
        expectUnique(ids, "default and weak ids");
        expectIncreasing(ids, "default and weak ids of one caller");
      });

      it("gives many concurrent callers no duplicates, each its ids increasing", async () => {
        const key = uniqueKey("concurrent");
        const increments: Increment[] = has(SequencerFeature.Strong)
          ? ["weak", "strong"]
          : ["weak"];
        const perCaller = await Promise.all(
          Array.from({ length: 24 }, (_, caller) =>
            take(main.store, key, 10, increments[caller % increments.length]),
          ),
        );
        for (const [caller, ids] of perCaller.entries()) expectIncreasing(ids, `caller ${caller}`);
        expectUnique(perCaller.flat(), "ids of 24 concurrent callers");
      });
    });

    describe("STRONG", () => {
      itIf(has(SequencerFeature.Strong))(
        "hands out every STRONG id greater than every id handed out before it",
        async () => {
          const key = uniqueKey("strong");
          const before: bigint[] = [];
          for (let round = 0; round < 20; round++) {
            before.push(...(await take(main.store, key, round % 3, "weak")));
            const strong = await next(main.store, { key, increment: "strong" });
            expect(strong > max(before), `STRONG ${strong} > every earlier id`).toBe(true);
            before.push(strong);
          }
          expectUnique(before, "weak and strong ids");
        },
      );

      itIf(has(SequencerFeature.Strong) && has(SequencerFeature.Shared))(
        "hands out STRONG ids greater than every id any store on the backend handed out before",
        async () => {
          const key = uniqueKey("strong-shared");
          const before: bigint[] = [];
          const stores = [main.store, (await second()).store];
          for (let round = 0; round < 20; round++) {
            // Both stores hold WEAK segments; a STRONG id must still pass both.
            before.push(await next(stores[round % 2]!, { key }));
            before.push(await next(stores[(round + 1) % 2]!, { key }));
            const strong = await next(stores[round % 2]!, { key, increment: "strong" });
            expect(strong > max(before), `STRONG ${strong} > every earlier id`).toBe(true);
            before.push(strong);
          }
          expectUnique(before, "ids of two stores");
        },
      );

      itIf(!has(SequencerFeature.Strong))(
        "refuses STRONG with UNIMPLEMENTED naming the increment, and still serves WEAK",
        async () => {
          const key = uniqueKey("no-strong");
          await expect(main.store.getNextId({ key, increment: "strong" })).rejects.toMatchObject({
            code: Code.Unimplemented,
            message: expect.stringContaining("STRONG"),
          });
          expect(await next(main.store, { key })).toBeGreaterThan(0n);
        },
      );
    });

    describe("biggerThan", () => {
      it("hands out a first id greater than the key's biggerThan", async () => {
        const { key, value } = thresholds.small;
        const ids = await take(main.store, key, 5);
        expect(ids[0]! > BigInt(value), `first id ${ids[0]} > ${value}`).toBe(true);
        expectIncreasing(ids, key);
      });

      itIf(has(SequencerFeature.Strong))(
        "hands out a first STRONG id greater than the key's biggerThan",
        async () => {
          const { key, value } = thresholds.strong;
          const first = await next(main.store, { key, increment: "strong" });
          expect(first > BigInt(value), `first id ${first} > ${value}`).toBe(true);
        },
      );

      it("keeps ids above 2^53 exact: distinct and increasing", async () => {
        const { key, value } = thresholds.beyondDoubles;
        const ids = await take(main.store, key, 20);
        expect(ids[0]! > BigInt(value), `first id ${ids[0]} > ${value}`).toBe(true);
        expectUnique(ids, "ids above 2^53");
        expectIncreasing(ids, "ids above 2^53");
      });

      it("starts keys without biggerThan above 0", async () => {
        expect(await next(main.store, { key: uniqueKey("no-bigger-than") })).toBeGreaterThan(0n);
      });
    });

    const shares = has(SequencerFeature.Shared) || has(SequencerFeature.Persistent);
    (shares ? describe : () => undefined)("several stores and restarts", () => {
      itIf(has(SequencerFeature.Shared))(
        "never hands out one id twice from two stores on one backend",
        async () => {
          const key = uniqueKey("shared");
          const callers = [main.store, (await second()).store].flatMap((store) =>
            Array.from({ length: 4 }, () => take(store, key, 25)),
          );
          expectUnique((await Promise.all(callers)).flat(), "ids of two stores");
        },
      );

      itIf(has(SequencerFeature.Persistent))(
        "never repeats an id after the store restarts",
        async () => {
          const key = uniqueKey("restart");
          const strong = has(SequencerFeature.Strong);
          const before = await take(main.store, key, 30);
          if (strong) before.push(...(await take(main.store, key, 5, "strong")));
          await close(main);
          main = await open();
          const after = await take(main.store, key, 30);
          expectUnique([...before, ...after], "ids before and after the restart");
          if (strong) {
            const later = await take(main.store, key, 5, "strong");
            expect(later[0]! > max([...before, ...after]), "STRONG after restart").toBe(true);
          }
        },
      );
    });

    describe("bad input is refused", () => {
      for (const increment of ["weak", "strong"] as const) {
        it(`refuses an empty key with INVALID_ARGUMENT (${increment})`, async () => {
          await expect(main.store.getNextId({ key: "", increment })).rejects.toMatchObject({
            code: Code.InvalidArgument,
            message: expect.stringContaining("key"),
          });
        });

        it(`refuses a key containing '||' with INVALID_ARGUMENT (${increment})`, async () => {
          const key = `${uniqueKey("bad")}||suffix`;
          await expect(main.store.getNextId({ key, increment })).rejects.toMatchObject({
            code: Code.InvalidArgument,
            message: expect.stringContaining("||"),
          });
        });
      }

      it("refuses an unknown increment with INVALID_ARGUMENT", async () => {
        await expect(
          main.store.getNextId({ key: uniqueKey("bad-increment"), increment: "eventual" as never }),
        ).rejects.toMatchObject({ code: Code.InvalidArgument });
      });
    });
  });
}
