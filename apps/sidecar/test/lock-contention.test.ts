import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime, UnlockResponse_Status } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

// SEMANTICS (Lock): N concurrent TryLocks, from any number of sidecars on one backend, give
// exactly one success; a lock whose expiry passed can be taken within expiry + 1 s.

type RuntimeClient = ReturnType<typeof createClient<typeof Runtime>>;

const SIDECARS = 3;
const CLIENTS = 30;
/** The race runs until this many tenures... */
const TENURES = 30;
/** ...or this long, whichever comes first. */
const RACE_MS = 6000;
const ROUNDS = 10;
/** Long enough that no lock expires while its holder is still in its critical section. */
const HELD_EXPIRE = 10;
/** etcd's smallest lease, so that every backend honours it exactly. */
const DEAD_EXPIRE = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The test process's clock: every tenure is measured on it. */
const now = () => performance.now();
const run = `${process.pid}-${Date.now().toString(36)}`;

interface Tenure {
  owner: string;
  sidecar: number;
  /** When the holder learnt it had the lock (tryLock answered success). */
  acquired: number;
  /** When the holder asked to release it (before unlock was sent). */
  released: number;
}

/**
 * Pairs of tenures that overlap. If the lock is exclusive, the next holder's success is
 * answered after the previous holder's unlock was sent, so [acquired, released) never overlap.
 */
function overlaps(tenures: readonly Tenure[]): [Tenure, Tenure][] {
  const sorted = [...tenures].sort((a, b) => a.acquired - b.acquired);
  const found: [Tenure, Tenure][] = [];
  let latest: Tenure | undefined;
  for (const tenure of sorted) {
    if (latest && tenure.acquired < latest.released) found.push([latest, tenure]);
    if (!latest || tenure.released > latest.released) latest = tenure;
  }
  return found;
}

const backends = [
  {
    type: "redis",
    metadata: { url: process.env.REDIS_URL },
    skipReason: process.env.REDIS_URL ? undefined : "REDIS_URL is not set",
  },
  {
    type: "etcd",
    metadata: { endpoints: process.env.ETCD_ENDPOINTS },
    skipReason: process.env.ETCD_ENDPOINTS ? undefined : "ETCD_ENDPOINTS is not set",
  },
];

for (const backend of backends) {
  const title = `${SIDECARS} sidecars on one ${backend.type}, ${CLIENTS} clients`;
  describe.skipIf(backend.skipReason !== undefined)(
    backend.skipReason ? `${title} (skipped: ${backend.skipReason})` : title,
    () => {
      let sidecars: StartedSidecar[] = [];
      /** Client i talks to sidecar i % SIDECARS, each over a connection of its own. */
      let clients: { client: RuntimeClient; sidecar: number; owner: string }[] = [];
      const storeName = "locks";

      beforeAll(async () => {
        const started = await Promise.allSettled(
          Array.from({ length: SIDECARS }, () =>
            startSidecar({
              config: {
                // One app id: every sidecar prefixes resource ids alike, so they share the locks.
                appId: "lock-contention",
                components: {
                  lock: { [storeName]: { type: backend.type, metadata: backend.metadata } },
                },
              },
            }),
          ),
        );
        sidecars = started.flatMap((result) =>
          result.status === "fulfilled" ? [result.value] : [],
        );
        const failed = started.find((result) => result.status === "rejected");
        if (failed) throw failed.reason;
        clients = Array.from({ length: CLIENTS }, (_, i) => ({
          client: createClient(
            Runtime,
            createGrpcTransport({ baseUrl: `http://${sidecars[i % SIDECARS]!.address}` }),
          ),
          sidecar: i % SIDECARS,
          owner: `client-${i}-${run}`,
        }));
      }, 30_000);
      afterAll(async () => {
        await Promise.all(sidecars.map((sidecar) => sidecar.stop()));
      });

      it(`racing for one lock until ${TENURES} tenures (at most ${RACE_MS} ms): no two overlap`, async () => {
        const resourceId = `race-${run}`;
        const tenures: Tenure[] = [];
        const refusedUnlocks: string[] = [];
        let attempts = 0;
        const end = now() + RACE_MS;
        await Promise.all(
          clients.map(async ({ client, sidecar, owner }) => {
            while (tenures.length < TENURES && now() < end) {
              attempts += 1;
              const { success } = await client.tryLock({
                storeName,
                resourceId,
                lockOwner: owner,
                expire: HELD_EXPIRE,
              });
              if (!success) {
                // Losers back off a little, so that the holder's unlock is not queued behind
                // every loser's next attempt: the lock changes hands more often.
                await sleep(10 + Math.random() * 20);
                continue;
              }
              const acquired = now();
              // The critical section: long enough for an intruder to show up in it.
              await sleep(5 + Math.random() * 10);
              const released = now();
              const { status } = await client.unlock({ storeName, resourceId, lockOwner: owner });
              if (status !== UnlockResponse_Status.SUCCESS)
                refusedUnlocks.push(`${owner}: ${status}`);
              tenures.push({ owner, sidecar, acquired, released });
            }
          }),
        );
        const found = overlaps(tenures);
        const holders = new Set(tenures.map((tenure) => tenure.owner));
        const viaSidecars = new Set(tenures.map((tenure) => tenure.sidecar));
        console.info(
          `lock contention (${backend.type}): ${attempts} tryLocks in ${Math.round(now() - end + RACE_MS)} ms, ${tenures.length} tenures by ${holders.size} holders via ${viaSidecars.size} sidecars, ${found.length} overlaps`,
        );
        expect(found, "overlapping tenures").toEqual([]);
        expect(refusedUnlocks, "holders whose unlock was refused").toEqual([]);
        // Not vacuous: the lock changed hands many times, between clients of every sidecar.
        expect(tenures.length).toBeGreaterThanOrEqual(10);
        expect(holders.size).toBeGreaterThanOrEqual(5);
        expect(viaSidecars.size).toBeGreaterThanOrEqual(2);
      }, 20_000);

      it(`${ROUNDS} contested rounds: each gives exactly one success`, async () => {
        const winners: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const resourceId = `round-${round}-${run}`;
          const results = await Promise.all(
            clients.map(({ client, owner }) =>
              client.tryLock({ storeName, resourceId, lockOwner: owner, expire: HELD_EXPIRE }),
            ),
          );
          const won = clients.filter((_, i) => results[i]!.success);
          expect(
            won.map((c) => c.owner),
            `round ${round}`,
          ).toHaveLength(1);
          winners.push(won[0]!.sidecar);
          const { status } = await won[0]!.client.unlock({
            storeName,
            resourceId,
            lockOwner: won[0]!.owner,
          });
          expect(status).toBe(UnlockResponse_Status.SUCCESS);
        }
        console.info(
          `lock contention (${backend.type}): ${ROUNDS} rounds x ${CLIENTS} tryLocks, one success each; winners via sidecars ${winners.join("")}`,
        );
      }, 20_000);

      // Last: it stops the dead holder's sidecar.
      it(`a holder that dies (never unlocks, its sidecar stops) frees the lock after its expiry (${DEAD_EXPIRE} s)`, async () => {
        const resourceId = `dead-${run}`;
        const dead = clients.find((c) => c.sidecar === SIDECARS - 1)!;
        const survivors = clients.filter((c) => c.sidecar !== SIDECARS - 1);
        const started = now();
        const { success } = await dead.client.tryLock({
          storeName,
          resourceId,
          lockOwner: dead.owner,
          expire: DEAD_EXPIRE,
        });
        expect(success).toBe(true);
        const taken = now();
        await sidecars[SIDECARS - 1]!.stop();

        const deadline = taken + DEAD_EXPIRE * 1000 + 1000;
        const successes: { owner: string; started: number; returned: number }[] = [];
        await Promise.all(
          survivors.map(async ({ client, owner }) => {
            // Everyone keeps trying a while after the first success: nobody else may get it.
            while (
              now() < (successes.length > 0 ? successes[0]!.returned + 500 : deadline + 2000)
            ) {
              const attempt = now();
              const result = await client.tryLock({
                storeName,
                resourceId,
                lockOwner: owner,
                expire: HELD_EXPIRE,
              });
              if (result.success) successes.push({ owner, started: attempt, returned: now() });
              await sleep(50);
            }
          }),
        );
        console.info(
          `lock contention (${backend.type}): dead holder's lock (expire ${DEAD_EXPIRE} s) taken after ${successes[0] ? Math.round(successes[0].returned - started) : "never"} ms`,
        );
        expect(successes, "exactly one survivor takes the dead holder's lock").toHaveLength(1);
        expect(successes[0]!.started, "freed within expiry + 1 s").toBeLessThan(deadline);
        expect(successes[0]!.returned, "not freed before its expiry").toBeGreaterThan(
          started + DEAD_EXPIRE * 1000 - 250,
        );
      }, 20_000);
    },
  );
}
