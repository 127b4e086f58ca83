import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LockApi, LockStatus } from "../types.js";

/** A store to run the suite against. */
export interface LockConformanceSubject {
  store: LockApi;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

export interface LockConformanceOptions {
  /** Shown in the test names, e.g. `redis (in-process)`. */
  name: string;
  setup: () => Promise<LockConformanceSubject>;
  /**
   * Why this run cannot happen here (e.g. `REDIS_URL is not set`). The suite is then reported as
   * skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
}

/**
 * The expiry, in seconds, of locks that are meant to expire during a test: etcd's smallest lease
 * (2 s with default timing), since etcd would hold a shorter lock for 2 s anyway.
 */
const EXPIRE = 2;
/** SEMANTICS: a lock whose expiry passed can be taken by another owner within expiry + 1 s. */
const GRACE_MS = 1000;
/** How early a lock may seem free by our clock: timers and clocks of two processes. */
const CLOCK_SLACK_MS = 250;
/** Locks that must not expire during a test. */
const LONG = 60;
/** Time-based tests wait up to EXPIRE + keep-alive + grace: well above vitest's 5 s default. */
const SLOW_TEST_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

let counter = 0;
/** A name no other test (or earlier run on a persistent backend) uses. */
function unique(label: string): string {
  counter += 1;
  return `conformance-${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** An INVALID_ARGUMENT naming the store and the field, as SEMANTICS asks of every error. */
function invalid(field: string) {
  return {
    code: Code.InvalidArgument,
    message: expect.stringMatching(new RegExp(`lock store '[^']+'.*${field}`)),
  };
}

/**
 * Tries `tryLock` every 50 ms until it succeeds or `giveUpAt` passes. Resolves the
 * `performance.now()` at which the successful attempt started and returned, or undefined.
 */
async function takeWhenFree(
  store: LockApi,
  request: { resourceId: string; owner: string; expireSeconds: number },
  giveUpAt: number,
): Promise<{ started: number; returned: number } | undefined> {
  while (now() < giveUpAt) {
    const started = now();
    if ((await store.tryLock(request)).success) return { started, returned: now() };
    await sleep(50);
  }
  return undefined;
}

/**
 * The Lock conformance suite: every rule of SEMANTICS.md for Lock, as vitest tests. Run it
 * against every driver, in-process and through the sidecar. Its tests run concurrently, so the
 * suite takes about as long as its slowest one (about 4 s, waiting for expiries).
 */
export function describeLockConformance(options: LockConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`lock conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the Lock conformance suite", () => undefined);
    });
    return;
  }
  // Every test uses resources of its own, so all run side by side (vitest's maxConcurrency, 5 by
  // default, at a time): the suite takes about as long as its slowest test.
  describe.concurrent(`lock conformance: ${options.name}`, () => {
    let subject: LockConformanceSubject | undefined;
    let store: LockApi;

    beforeAll(async () => {
      subject = await options.setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    describe("tryLock", () => {
      it("takes a free lock", async () => {
        const resourceId = unique("free");
        const taken = await store.tryLock({ resourceId, owner: unique("a"), expireSeconds: LONG });
        expect(taken).toEqual({ success: true });
      });

      it("refuses a held lock to another owner", async () => {
        const resourceId = unique("held");
        const first = await store.tryLock({ resourceId, owner: unique("a"), expireSeconds: LONG });
        expect(first.success).toBe(true);
        const other = await store.tryLock({ resourceId, owner: unique("b"), expireSeconds: LONG });
        expect(other.success).toBe(false);
      });

      it("is not re-entrant: the holder trying again gets success=false", async () => {
        const resourceId = unique("reentrant");
        const owner = unique("a");
        expect((await store.tryLock({ resourceId, owner, expireSeconds: LONG })).success).toBe(
          true,
        );
        expect((await store.tryLock({ resourceId, owner, expireSeconds: LONG })).success).toBe(
          false,
        );
        // Still one lock, held once: a single unlock frees it.
        expect((await store.unlock({ resourceId, owner })).status).toBe("SUCCESS");
        expect((await store.unlock({ resourceId, owner })).status).toBe("LOCK_UNEXIST");
      });

      it("locks each resource on its own", async () => {
        const [first, second] = [unique("first"), unique("second")];
        const [a, b] = [unique("a"), unique("b")];
        expect(
          (await store.tryLock({ resourceId: first, owner: a, expireSeconds: LONG })).success,
        ).toBe(true);
        expect(
          (await store.tryLock({ resourceId: second, owner: b, expireSeconds: LONG })).success,
        ).toBe(true);
        expect(
          (await store.tryLock({ resourceId: second, owner: a, expireSeconds: LONG })).success,
        ).toBe(false);
      });

      it("gives a released lock to the next owner", async () => {
        const resourceId = unique("next");
        const [a, b] = [unique("a"), unique("b")];
        await store.tryLock({ resourceId, owner: a, expireSeconds: LONG });
        expect((await store.unlock({ resourceId, owner: a })).status).toBe("SUCCESS");
        expect((await store.tryLock({ resourceId, owner: b, expireSeconds: LONG })).success).toBe(
          true,
        );
      });
    });

    describe("unlock", () => {
      it("answers SUCCESS to the holder and releases the lock", async () => {
        const resourceId = unique("unlock");
        const owner = unique("a");
        await store.tryLock({ resourceId, owner, expireSeconds: LONG });
        expect(await store.unlock({ resourceId, owner })).toEqual({ status: "SUCCESS" });
        expect(await store.unlock({ resourceId, owner })).toEqual({ status: "LOCK_UNEXIST" });
      });

      it("answers LOCK_BELONG_TO_OTHERS to another owner and leaves the lock held", async () => {
        const resourceId = unique("others");
        const [a, b, c] = [unique("a"), unique("b"), unique("c")];
        await store.tryLock({ resourceId, owner: a, expireSeconds: LONG });
        expect(await store.unlock({ resourceId, owner: b })).toEqual({
          status: "LOCK_BELONG_TO_OTHERS",
        });
        expect((await store.tryLock({ resourceId, owner: c, expireSeconds: LONG })).success).toBe(
          false,
        );
        expect((await store.unlock({ resourceId, owner: a })).status).toBe("SUCCESS");
      });

      it("answers LOCK_UNEXIST for a lock never held", async () => {
        const status = await store.unlock({ resourceId: unique("never"), owner: unique("a") });
        expect(status).toEqual({ status: "LOCK_UNEXIST" });
      });
    });

    describe("keepAlive", () => {
      it("answers SUCCESS to the holder, LOCK_BELONG_TO_OTHERS to another owner", async () => {
        const resourceId = unique("keep");
        const [a, b] = [unique("a"), unique("b")];
        await store.tryLock({ resourceId, owner: a, expireSeconds: LONG });
        expect(await store.keepAlive({ resourceId, owner: a, expireSeconds: LONG })).toEqual({
          status: "SUCCESS",
        });
        expect(await store.keepAlive({ resourceId, owner: b, expireSeconds: LONG })).toEqual({
          status: "LOCK_BELONG_TO_OTHERS",
        });
        // Neither keep-alive changed the holder.
        expect((await store.tryLock({ resourceId, owner: b, expireSeconds: LONG })).success).toBe(
          false,
        );
        expect((await store.unlock({ resourceId, owner: a })).status).toBe("SUCCESS");
      });

      it("answers LOCK_UNEXIST when nobody holds the lock, and takes nothing", async () => {
        const [never, released] = [unique("keep-never"), unique("keep-released")];
        const [a, b] = [unique("a"), unique("b")];
        expect(
          (await store.keepAlive({ resourceId: never, owner: a, expireSeconds: LONG })).status,
        ).toBe("LOCK_UNEXIST");
        await store.tryLock({ resourceId: released, owner: a, expireSeconds: LONG });
        await store.unlock({ resourceId: released, owner: a });
        expect(
          (await store.keepAlive({ resourceId: released, owner: a, expireSeconds: LONG })).status,
        ).toBe("LOCK_UNEXIST");
        for (const resourceId of [never, released]) {
          expect((await store.tryLock({ resourceId, owner: b, expireSeconds: LONG })).success).toBe(
            true,
          );
        }
      });
    });

    describe("expiry", () => {
      it(
        `holds a lock until its expiry (${EXPIRE} s); then it is free within expiry + 1 s, and LOCK_UNEXIST to its former holder`,
        async ({ expect }) => {
          // Two locks taken together: one for another owner to take, one for its holder to find gone.
          const [taken, abandoned] = [unique("expiry-taken"), unique("expiry-abandoned")];
          const [a, b] = [unique("a"), unique("b")];
          const started = now();
          const results = await Promise.all(
            [taken, abandoned].map((resourceId) =>
              store.tryLock({ resourceId, owner: a, expireSeconds: EXPIRE }),
            ),
          );
          const returned = now();
          expect(results.map((result) => result.success)).toEqual([true, true]);

          await sleep(started + EXPIRE * 1000 - 600 - now());
          expect(
            (await store.tryLock({ resourceId: taken, owner: b, expireSeconds: LONG })).success,
            "another owner took the lock before its expiry",
          ).toBe(false);
          // Another owner's keep-alive must not extend it.
          expect(
            (await store.keepAlive({ resourceId: taken, owner: b, expireSeconds: LONG })).status,
          ).toBe("LOCK_BELONG_TO_OTHERS");

          await sleep(returned + EXPIRE * 1000 + GRACE_MS - now());
          const [takeover, keptAlive] = await Promise.all([
            store.tryLock({ resourceId: taken, owner: b, expireSeconds: LONG }),
            store.keepAlive({ resourceId: abandoned, owner: a, expireSeconds: LONG }),
          ]);
          expect(takeover.success, "the expired lock was not free within expiry + 1 s").toBe(true);
          expect(keptAlive).toEqual({ status: "LOCK_UNEXIST" });
          expect(await store.unlock({ resourceId: abandoned, owner: a })).toEqual({
            status: "LOCK_UNEXIST",
          });
          // The former holder of the lock taken over has nothing left to release or keep alive.
          expect((await store.unlock({ resourceId: taken, owner: a })).status).toBe(
            "LOCK_BELONG_TO_OTHERS",
          );
          expect(
            (await store.keepAlive({ resourceId: taken, owner: a, expireSeconds: LONG })).status,
          ).toBe("LOCK_BELONG_TO_OTHERS");
        },
        SLOW_TEST_MS,
      );

      it(
        "keepAlive extends the holder's lock to expire seconds from now",
        async ({ expect }) => {
          const resourceId = unique("extend");
          const [a, b] = [unique("a"), unique("b")];
          const extended = EXPIRE + 1;
          await store.tryLock({ resourceId, owner: a, expireSeconds: EXPIRE });
          const taken = now();
          await sleep(1000);
          const renewing = now();
          expect(
            (await store.keepAlive({ resourceId, owner: a, expireSeconds: extended })).status,
          ).toBe("SUCCESS");
          const renewed = now();

          // Without the keep-alive the lock would be free by now (expiry + 1 s has passed).
          await sleep(taken + EXPIRE * 1000 + GRACE_MS + 200 - now());
          expect(
            (await store.tryLock({ resourceId, owner: b, expireSeconds: LONG })).success,
            "keepAlive did not extend the lock",
          ).toBe(false);

          const deadline = renewed + extended * 1000 + GRACE_MS;
          const next = await takeWhenFree(
            store,
            { resourceId, owner: b, expireSeconds: LONG },
            deadline + 2000,
          );
          expect(next, "the kept-alive lock never expired").toBeDefined();
          expect(next!.started).toBeLessThan(deadline);
          expect(next!.returned).toBeGreaterThan(renewing + extended * 1000 - CLOCK_SLACK_MS);
        },
        SLOW_TEST_MS,
      );

      it(
        "keepAlive resets the expiry rather than adding to it: it can shorten a lock",
        async ({ expect }) => {
          const resourceId = unique("shorten");
          const [a, b] = [unique("a"), unique("b")];
          await store.tryLock({ resourceId, owner: a, expireSeconds: LONG });
          expect(
            (await store.keepAlive({ resourceId, owner: a, expireSeconds: EXPIRE })).status,
          ).toBe("SUCCESS");
          const renewed = now();
          const deadline = renewed + EXPIRE * 1000 + GRACE_MS;
          const next = await takeWhenFree(
            store,
            { resourceId, owner: b, expireSeconds: LONG },
            deadline + 2000,
          );
          expect(next, `the lock kept its ${LONG} s expiry`).toBeDefined();
          expect(next!.started).toBeLessThan(deadline);
        },
        SLOW_TEST_MS,
      );
    });

    describe("mutual exclusion under contention", () => {
      it("50 concurrent tryLocks by different owners: exactly one succeeds", async () => {
        const resourceId = unique("race");
        const owners = Array.from({ length: 50 }, (_, i) => unique(`racer${i}`));
        const results = await Promise.all(
          owners.map((owner) => store.tryLock({ resourceId, owner, expireSeconds: LONG })),
        );
        const winners = owners.filter((_, i) => results[i]!.success);
        expect(winners).toHaveLength(1);
        const loser = owners.find((owner) => owner !== winners[0])!;
        expect((await store.unlock({ resourceId, owner: loser })).status).toBe(
          "LOCK_BELONG_TO_OTHERS",
        );
        expect((await store.unlock({ resourceId, owner: winners[0]! })).status).toBe("SUCCESS");
      });

      it("50 concurrent tryLocks by the same owner: exactly one succeeds", async () => {
        const resourceId = unique("race-same");
        const owner = unique("a");
        const results = await Promise.all(
          Array.from({ length: 50 }, () =>
            store.tryLock({ resourceId, owner, expireSeconds: LONG }),
          ),
        );
        expect(results.filter((result) => result.success)).toHaveLength(1);
      });

      it("10 rounds of 20 racers, the winner releasing between rounds: one winner per round", async () => {
        const resourceId = unique("rounds");
        const owners = Array.from({ length: 20 }, (_, i) => unique(`racer${i}`));
        for (let round = 0; round < 10; round++) {
          const results = await Promise.all(
            owners.map((owner) => store.tryLock({ resourceId, owner, expireSeconds: LONG })),
          );
          const winners = owners.filter((_, i) => results[i]!.success);
          expect(winners, `round ${round}`).toHaveLength(1);
          expect((await store.unlock({ resourceId, owner: winners[0]! })).status).toBe("SUCCESS");
        }
      });

      it("a release racing 20 tryLocks: at most one racer wins, and the lock has one holder", async () => {
        const resourceId = unique("release-race");
        const holder = unique("holder");
        const owners = Array.from({ length: 20 }, (_, i) => unique(`racer${i}`));
        await store.tryLock({ resourceId, owner: holder, expireSeconds: LONG });
        const [released, ...results] = await Promise.all([
          store.unlock({ resourceId, owner: holder }),
          ...owners.map((owner) => store.tryLock({ resourceId, owner, expireSeconds: LONG })),
        ]);
        expect((released as { status: LockStatus }).status).toBe("SUCCESS");
        const winners = owners.filter((_, i) => (results[i] as { success: boolean }).success);
        expect(winners.length).toBeLessThanOrEqual(1);
        const late = unique("late");
        const lateTry = await store.tryLock({ resourceId, owner: late, expireSeconds: LONG });
        // Either a racer holds it (and only it can release it), or nobody did and it is free.
        expect(lateTry.success).toBe(winners.length === 0);
        const holderNow = winners[0] ?? late;
        expect((await store.unlock({ resourceId, owner: holderNow })).status).toBe("SUCCESS");
      });
    });

    describe("bad input is refused with INVALID_ARGUMENT and changes nothing", () => {
      const valid = { expireSeconds: LONG };

      it("refuses an empty resourceId, naming the store and the field", async () => {
        const owner = unique("a");
        await expect(store.tryLock({ resourceId: "", owner, ...valid })).rejects.toMatchObject(
          invalid("resourceId"),
        );
        await expect(store.unlock({ resourceId: "", owner })).rejects.toMatchObject(
          invalid("resourceId"),
        );
        await expect(store.keepAlive({ resourceId: "", owner, ...valid })).rejects.toMatchObject(
          invalid("resourceId"),
        );
      });

      it("refuses a resourceId containing '||'", async () => {
        const resourceId = `${unique("bad")}||suffix`;
        const owner = unique("a");
        await expect(store.tryLock({ resourceId, owner, ...valid })).rejects.toMatchObject({
          ...invalid("resourceId"),
          message: expect.stringContaining("||"),
        });
        await expect(store.unlock({ resourceId, owner })).rejects.toMatchObject(
          invalid("resourceId"),
        );
        await expect(store.keepAlive({ resourceId, owner, ...valid })).rejects.toMatchObject(
          invalid("resourceId"),
        );
      });

      it("refuses an empty owner", async () => {
        const resourceId = unique("no-owner");
        await expect(store.tryLock({ resourceId, owner: "", ...valid })).rejects.toMatchObject(
          invalid("owner"),
        );
        await expect(store.unlock({ resourceId, owner: "" })).rejects.toMatchObject(
          invalid("owner"),
        );
        await expect(store.keepAlive({ resourceId, owner: "", ...valid })).rejects.toMatchObject(
          invalid("owner"),
        );
        // Nothing was taken by the refused tryLock.
        expect((await store.tryLock({ resourceId, owner: unique("b"), ...valid })).success).toBe(
          true,
        );
      });

      it("refuses an expiry that is not a whole number of seconds above 0", async () => {
        const resourceId = unique("bad-expire");
        const owner = unique("a");
        for (const expireSeconds of [0, -1, 1.5, Number.NaN]) {
          await expect(
            store.tryLock({ resourceId, owner, expireSeconds }),
            `tryLock with expire ${expireSeconds}`,
          ).rejects.toMatchObject(invalid("expire"));
        }
        // Nothing was taken by the refused tryLocks: the lock is free.
        expect((await store.tryLock({ resourceId, owner, ...valid })).success).toBe(true);
        for (const expireSeconds of [0, -1, 1.5]) {
          await expect(
            store.keepAlive({ resourceId, owner, expireSeconds }),
            `keepAlive with expire ${expireSeconds}`,
          ).rejects.toMatchObject(invalid("expire"));
        }
        // The refused keep-alives left the lock as it was: held by its owner.
        expect((await store.tryLock({ resourceId, owner: unique("b"), ...valid })).success).toBe(
          false,
        );
        expect((await store.unlock({ resourceId, owner })).status).toBe("SUCCESS");
      });
    });
  });
}
