import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StateFeature } from "../driver.js";
import type { StateApi } from "../types.js";

/** A store to run the suite against, with what its driver claims to support. */
export interface StateConformanceSubject {
  store: StateApi;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

export interface StateConformanceOptions {
  /** Shown in the test names, e.g. `memory (in-process)`. */
  name: string;
  /**
   * The driver's declared `features`. Known before setup, because they decide which tests exist:
   * a claimed feature gets its behaviour tested, an unclaimed one must answer `UNIMPLEMENTED`.
   */
  features: readonly string[];
  /** The store's `maxValueBytes` (default 4 MiB). */
  maxValueBytes: number;
  setup: () => Promise<StateConformanceSubject>;
  /**
   * Why this run cannot happen here (e.g. `REDIS_URL is not set`). The suite is then reported as
   * skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
}

const KNOWN_FEATURES: readonly string[] = Object.values(StateFeature);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (value: string) => encoder.encode(value);
const read = (data: Uint8Array) => decoder.decode(data);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Defines the test only when `condition` holds. Feature-gated tests come in pairs (the behaviour
 * when claimed, `UNIMPLEMENTED` when not), so exactly one of each pair exists and nothing is
 * skipped or passes vacuously.
 */
function itIf(condition: boolean): typeof it | ((name: string, fn: () => unknown) => void) {
  return condition ? it : () => undefined;
}

let counter = 0;
/** A key no other test (or earlier run on a persistent backend) uses. */
function uniqueKey(label: string): string {
  counter += 1;
  return `conformance-${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * The State conformance suite: every rule of SEMANTICS.md for State, as vitest tests. Run it
 * against every driver, in-process and through the sidecar. Tests of an optional feature run
 * when the driver claims it; when it does not, the suite asserts `UNIMPLEMENTED` instead.
 */
export function describeStateConformance(options: StateConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`state conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the State conformance suite", () => undefined);
    });
    return;
  }
  describe(`state conformance: ${options.name}`, () => {
    let subject: StateConformanceSubject | undefined;
    let store: StateApi;
    const has = (feature: string) => options.features.includes(feature);
    const maxValueBytes = options.maxValueBytes;

    beforeAll(async () => {
      subject = await options.setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    it("declares only known features", () => {
      for (const feature of options.features) expect(KNOWN_FEATURES).toContain(feature);
    });

    describe("basic operations", () => {
      it("gets a missing key as empty data and empty etag, without error", async () => {
        const result = await store.get({ key: uniqueKey("missing") });
        expect(result.data.byteLength).toBe(0);
        expect(result.etag).toBe("");
      });

      it("deletes a missing key without error", async () => {
        await expect(store.delete({ key: uniqueKey("missing") })).resolves.toBeUndefined();
      });

      it("saves, reads and deletes a value", async () => {
        const key = uniqueKey("basic");
        await store.save({ key, value: text("hello") });
        const saved = await store.get({ key });
        expect(read(saved.data)).toBe("hello");
        expect(saved.etag).not.toBe("");
        await store.delete({ key });
        expect((await store.get({ key })).data.byteLength).toBe(0);
      });

      it("round-trips binary, empty and large values unchanged", async () => {
        const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
        const large = Uint8Array.from(
          { length: Math.min(maxValueBytes, 1024 * 1024) },
          (_, i) => (i * 31) % 251,
        );
        for (const [label, value] of [
          ["binary", binary],
          ["empty", new Uint8Array(0)],
          ["large", large],
        ] as const) {
          const key = uniqueKey(label);
          await store.save({ key, value });
          const got = await store.get({ key });
          expect(Buffer.from(got.data).equals(Buffer.from(value)), `${label} value`).toBe(true);
        }
      });

      it("treats an empty saved value as present: it has an etag", async () => {
        const key = uniqueKey("empty-present");
        await store.save({ key, value: new Uint8Array(0) });
        expect((await store.get({ key })).etag).not.toBe("");
      });
    });

    describe("bad input is refused and writes nothing", () => {
      it("refuses an empty key", async () => {
        await expect(store.save({ key: "", value: text("x") })).rejects.toMatchObject({
          code: Code.InvalidArgument,
        });
        await expect(store.get({ key: "" })).rejects.toMatchObject({ code: Code.InvalidArgument });
        await expect(store.delete({ key: "" })).rejects.toMatchObject({
          code: Code.InvalidArgument,
        });
      });

      it("refuses a key containing '||'", async () => {
        const key = `${uniqueKey("bad")}||suffix`;
        await expect(store.save({ key, value: text("x") })).rejects.toMatchObject({
          code: Code.InvalidArgument,
          message: expect.stringContaining("||"),
        });
      });

      it("refuses a value over maxValueBytes, naming the limit", async () => {
        const key = uniqueKey("oversized");
        const value = new Uint8Array(maxValueBytes + 1);
        await expect(store.save({ key, value })).rejects.toMatchObject({
          code: Code.InvalidArgument,
          message: expect.stringContaining(String(maxValueBytes)),
        });
        expect((await store.get({ key })).etag).toBe("");
      });

      it("refuses malformed ttlInSeconds and writes nothing", async () => {
        for (const ttl of ["abc", "-5", "1.5", "1e3"]) {
          const key = uniqueKey("bad-ttl");
          await expect(
            store.save({ key, value: text("x"), metadata: { ttlInSeconds: ttl } }),
          ).rejects.toMatchObject({
            code: Code.InvalidArgument,
            message: expect.stringContaining("ttlInSeconds"),
          });
          expect((await store.get({ key })).etag, `ttl ${ttl}`).toBe("");
        }
      });

      it("refuses a malformed etag and writes nothing", async () => {
        const key = uniqueKey("bad-etag");
        await store.save({ key, value: text("v1") });
        await expect(
          store.save({ key, value: text("v2"), etag: "not-a-version" }),
        ).rejects.toMatchObject({
          code: Code.InvalidArgument,
        });
        await expect(store.delete({ key, etag: "-3" })).rejects.toMatchObject({
          code: Code.InvalidArgument,
        });
        expect(read((await store.get({ key })).data)).toBe("v1");
      });

      it("refuses a bulk save with one malformed item and writes none of it", async () => {
        const good = uniqueKey("bulk-good");
        await expect(
          store.bulkSave({
            items: [
              { key: good, value: text("x") },
              { key: "", value: text("y") },
            ],
          }),
        ).rejects.toMatchObject({ code: Code.InvalidArgument });
        expect((await store.get({ key: good })).etag).toBe("");
      });
    });

    describe("etags and concurrency", () => {
      itIf(has(StateFeature.Etag))("gives every successful write a new etag", async () => {
        const key = uniqueKey("etag-new");
        const etags = new Set<string>();
        for (let i = 0; i < 5; i++) {
          await store.save({ key, value: text(`v${i}`) });
          etags.add((await store.get({ key })).etag);
        }
        await store.delete({ key });
        await store.save({ key, value: text("again") });
        etags.add((await store.get({ key })).etag);
        expect(etags.size).toBe(6);
      });

      itIf(has(StateFeature.Etag))("writes with a matching etag", async () => {
        const key = uniqueKey("etag-match");
        await store.save({ key, value: text("v1") });
        const { etag } = await store.get({ key });
        await store.save({ key, value: text("v2"), etag });
        expect(read((await store.get({ key })).data)).toBe("v2");
      });

      itIf(has(StateFeature.Etag))(
        "refuses a write or delete with a stale etag with ABORTED and changes nothing",
        async () => {
          const key = uniqueKey("etag-stale");
          await store.save({ key, value: text("v1") });
          const stale = (await store.get({ key })).etag;
          await store.save({ key, value: text("v2") });
          await expect(store.save({ key, value: text("v3"), etag: stale })).rejects.toMatchObject({
            code: Code.Aborted,
            message: expect.stringContaining(key),
          });
          await expect(store.delete({ key, etag: stale })).rejects.toMatchObject({
            code: Code.Aborted,
          });
          expect(read((await store.get({ key })).data)).toBe("v2");
        },
      );

      itIf(has(StateFeature.Etag))(
        "refuses an etag for a key that does not exist with ABORTED",
        async () => {
          const key = uniqueKey("etag-gone");
          await store.save({ key, value: text("v1") });
          const { etag } = await store.get({ key });
          await store.delete({ key });
          await expect(store.save({ key, value: text("v2"), etag })).rejects.toMatchObject({
            code: Code.Aborted,
          });
          await expect(store.delete({ key, etag })).rejects.toMatchObject({ code: Code.Aborted });
          expect((await store.get({ key })).etag).toBe("");
        },
      );

      it("treats an etag of '' or '0' as no etag", async () => {
        const key = uniqueKey("etag-zero");
        await store.save({ key, value: text("v1"), etag: "0" });
        await store.save({ key, value: text("v2"), etag: "0" });
        await store.save({ key, value: text("v3"), etag: "" });
        expect(read((await store.get({ key })).data)).toBe("v3");
        await store.delete({ key, etag: "0" });
        expect((await store.get({ key })).etag).toBe("");
      });

      itIf(has(StateFeature.Etag))(
        "first-write without an etag: the first save succeeds, a second fails",
        async () => {
          const key = uniqueKey("first-write");
          const options = { concurrency: "first-write" } as const;
          await store.save({ key, value: text("first"), options });
          await expect(store.save({ key, value: text("second"), options })).rejects.toMatchObject({
            code: Code.Aborted,
          });
          await expect(
            store.save({ key, value: text("third"), etag: "0", options }),
          ).rejects.toMatchObject({
            code: Code.Aborted,
          });
          expect(read((await store.get({ key })).data)).toBe("first");
          const { etag } = await store.get({ key });
          await store.save({ key, value: text("with-etag"), etag, options });
          expect(read((await store.get({ key })).data)).toBe("with-etag");
        },
      );

      it("last-write without an etag always wins, and ignores a stale etag", async () => {
        const key = uniqueKey("last-write");
        const options = { concurrency: "last-write" } as const;
        await store.save({ key, value: text("v1"), options });
        await store.save({ key, value: text("v2"), options });
        expect(read((await store.get({ key })).data)).toBe("v2");
        if (has(StateFeature.Etag)) {
          const stale = (await store.get({ key })).etag;
          await store.save({ key, value: text("v3") });
          await store.save({ key, value: text("v4"), etag: stale, options });
          expect(read((await store.get({ key })).data)).toBe("v4");
        }
      });

      itIf(has(StateFeature.Etag))(
        "loses no update among 50 concurrent read-modify-write loops with etags",
        async () => {
          const key = uniqueKey("counter");
          await store.save({ key, value: text("0") });
          let successes = 0;
          const writer = async () => {
            for (let attempt = 0; attempt < 200; attempt++) {
              const current = await store.get({ key });
              const next = String(Number(read(current.data)) + 1);
              try {
                await store.save({ key, value: text(next), etag: current.etag });
                successes += 1;
                return;
              } catch (error) {
                if ((error as { code?: number }).code !== Code.Aborted) throw error;
              }
            }
            throw new Error("writer gave up after 200 conflicts");
          };
          await Promise.all(Array.from({ length: 50 }, writer));
          expect(successes).toBe(50);
          expect(read((await store.get({ key })).data)).toBe("50");
        },
      );

      itIf(!has(StateFeature.Etag))(
        "refuses etags and first-write with UNIMPLEMENTED",
        async () => {
          const key = uniqueKey("no-etag");
          await expect(store.save({ key, value: text("x"), etag: "1" })).rejects.toMatchObject({
            code: Code.Unimplemented,
          });
        },
      );
    });

    describe("bulk operations", () => {
      it("bulk get returns one item per key, in order, missing keys with empty data", async () => {
        const [a, missing, b] = [
          uniqueKey("bulk-a"),
          uniqueKey("bulk-missing"),
          uniqueKey("bulk-b"),
        ];
        await store.bulkSave({
          items: [
            { key: a, value: text("A") },
            { key: b, value: text("B") },
          ],
        });
        const items = await store.bulkGet({ keys: [b, missing, a] });
        expect(items.map((item) => item.key)).toEqual([b, missing, a]);
        expect(items.map((item) => read(item.data))).toEqual(["B", "", "A"]);
        expect(items[1]!.etag).toBe("");
        expect(items[0]!.etag).not.toBe("");
      });

      itIf(has(StateFeature.Etag))(
        "bulk save applies the good items and names the failed keys",
        async () => {
          const [ok1, conflicted, ok2] = [
            uniqueKey("ok1"),
            uniqueKey("conflict"),
            uniqueKey("ok2"),
          ];
          await store.save({ key: conflicted, value: text("old") });
          const stale = (await store.get({ key: conflicted })).etag;
          await store.save({ key: conflicted, value: text("current") });
          const failure = store.bulkSave({
            items: [
              { key: ok1, value: text("1") },
              { key: conflicted, value: text("lost"), etag: stale },
              { key: ok2, value: text("2") },
            ],
          });
          await expect(failure).rejects.toMatchObject({
            code: Code.Aborted,
            message: expect.stringContaining(conflicted),
          });
          await expect(failure).rejects.not.toMatchObject({
            message: expect.stringContaining(`'${ok1}'`),
          });
          const items = await store.bulkGet({ keys: [ok1, conflicted, ok2] });
          expect(items.map((item) => read(item.data))).toEqual(["1", "current", "2"]);
        },
      );

      itIf(has(StateFeature.Etag))(
        "bulk delete applies the good items and names the failed keys",
        async () => {
          const [gone, kept] = [uniqueKey("gone"), uniqueKey("kept")];
          await store.bulkSave({
            items: [
              { key: gone, value: text("x") },
              { key: kept, value: text("y") },
            ],
          });
          const stale = (await store.get({ key: kept })).etag;
          await store.save({ key: kept, value: text("y2") });
          await expect(
            store.bulkDelete({ items: [{ key: gone }, { key: kept, etag: stale }] }),
          ).rejects.toMatchObject({ code: Code.Aborted, message: expect.stringContaining(kept) });
          const items = await store.bulkGet({ keys: [gone, kept] });
          expect(items.map((item) => read(item.data))).toEqual(["", "y2"]);
        },
      );
    });

    describe("time to live", () => {
      itIf(has(StateFeature.Ttl))(
        "expires keys after ttlInSeconds, -1 removes a TTL, a save without TTL keeps it",
        async () => {
          const expiring = uniqueKey("ttl");
          const persisted = uniqueKey("ttl-persist");
          const kept = uniqueKey("ttl-kept");
          const ttl = { ttlInSeconds: "1" };
          const before = Date.now();
          await store.save({ key: expiring, value: text("soon gone"), metadata: ttl });
          await store.save({ key: persisted, value: text("v1"), metadata: ttl });
          await store.save({ key: persisted, value: text("v2"), metadata: { ttlInSeconds: "-1" } });
          await store.save({ key: kept, value: text("v1"), metadata: ttl });
          await store.save({ key: kept, value: text("v2") });

          const now = await store.get({ key: expiring });
          expect(read(now.data)).toBe("soon gone");
          const expireTime = now.metadata.ttlExpireTime;
          expect(expireTime).toMatch(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
          );
          const expiresAt = Date.parse(expireTime!);
          expect(expiresAt).toBeGreaterThanOrEqual(before + 1000 - 1000);
          expect(expiresAt).toBeLessThanOrEqual(Date.now() + 1000 + 1000);
          expect((await store.get({ key: persisted })).metadata.ttlExpireTime).toBeUndefined();
          expect((await store.get({ key: kept })).metadata.ttlExpireTime).toBeDefined();

          await sleep(2100);
          expect((await store.get({ key: expiring })).etag).toBe("");
          expect((await store.get({ key: kept })).etag).toBe("");
          expect(read((await store.get({ key: persisted })).data)).toBe("v2");
        },
      );

      itIf(!has(StateFeature.Ttl))("refuses ttlInSeconds with UNIMPLEMENTED", async () => {
        const key = uniqueKey("no-ttl");
        await expect(
          store.save({ key, value: text("x"), metadata: { ttlInSeconds: "5" } }),
        ).rejects.toMatchObject({ code: Code.Unimplemented });
        expect((await store.get({ key })).etag).toBe("");
      });
    });

    describe("transactions", () => {
      itIf(has(StateFeature.Transactional))("applies every operation, in order", async () => {
        const [a, b, missing] = [uniqueKey("tx-a"), uniqueKey("tx-b"), uniqueKey("tx-missing")];
        await store.transact({
          operations: [
            { operation: "upsert", request: { key: a, value: text("a1") } },
            { operation: "upsert", request: { key: b, value: text("b1") } },
            { operation: "delete", request: { key: a } },
            { operation: "upsert", request: { key: a, value: text("a2") } },
            { operation: "delete", request: { key: b } },
            { operation: "delete", request: { key: missing } },
          ],
        });
        const items = await store.bulkGet({ keys: [a, b] });
        expect(items.map((item) => read(item.data))).toEqual(["a2", ""]);
      });

      itIf(has(StateFeature.Transactional))(
        "applies nothing when one operation's etag is stale",
        async () => {
          const [fresh, guarded] = [uniqueKey("tx-fresh"), uniqueKey("tx-guarded")];
          await store.save({ key: guarded, value: text("g1") });
          const stale = (await store.get({ key: guarded })).etag;
          await store.save({ key: guarded, value: text("g2") });
          await expect(
            store.transact({
              operations: [
                { operation: "upsert", request: { key: fresh, value: text("new") } },
                { operation: "upsert", request: { key: guarded, value: text("g3"), etag: stale } },
              ],
            }),
          ).rejects.toMatchObject({
            code: Code.Aborted,
            message: expect.stringContaining(guarded),
          });
          const items = await store.bulkGet({ keys: [fresh, guarded] });
          expect(items.map((item) => read(item.data))).toEqual(["", "g2"]);
        },
      );

      itIf(has(StateFeature.Transactional))(
        "checks an etag against the write made earlier in the same transaction",
        async () => {
          const key = uniqueKey("tx-chain");
          await store.save({ key, value: text("v1") });
          const { etag } = await store.get({ key });
          await expect(
            store.transact({
              operations: [
                { operation: "upsert", request: { key, value: text("v2") } },
                { operation: "upsert", request: { key, value: text("v3"), etag } },
              ],
            }),
          ).rejects.toMatchObject({ code: Code.Aborted });
          expect(read((await store.get({ key })).data)).toBe("v1");
        },
      );

      itIf(has(StateFeature.Transactional))(
        "refuses a malformed operation and applies nothing",
        async () => {
          const key = uniqueKey("tx-bad");
          await expect(
            store.transact({
              operations: [
                { operation: "upsert", request: { key, value: text("x") } },
                { operation: "upsert", request: { key: "", value: text("y") } },
              ],
            }),
          ).rejects.toMatchObject({ code: Code.InvalidArgument });
          expect((await store.get({ key })).etag).toBe("");
        },
      );

      itIf(!has(StateFeature.Transactional))(
        "refuses transactions with UNIMPLEMENTED",
        async () => {
          await expect(
            store.transact({
              operations: [{ operation: "delete", request: { key: uniqueKey("tx") } }],
            }),
          ).rejects.toMatchObject({ code: Code.Unimplemented });
        },
      );
    });
  });
}
