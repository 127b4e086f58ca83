import { describe, expect, it } from "vitest";
import { createSequencer, etcdSequencerDriver } from "../index.js";

// Several sidecars taking STRONG ids of one key as fast as they can: each must keep getting ids.
// A sidecar that just won a compare-and-swap round knows the new revision and could win every
// following round, starving the others until they give up with ABORTED (seen in CI).

const endpoints = process.env.ETCD_ENDPOINTS;
const SIDECARS = 3;
/** Callers per sidecar, each taking ids one after another, as an app's concurrent requests. */
const CALLERS = 8;
const RUN_MS = 3000;

describe.skipIf(!endpoints)(
  `etcd sequencer fairness${endpoints ? "" : " (skipped: ETCD_ENDPOINTS is not set)"}`,
  () => {
    it("every sidecar keeps getting STRONG ids while the others hammer the same key", async () => {
      const key = `fair-${process.pid}-${Date.now().toString(36)}`;
      const sequencers = await Promise.all(
        Array.from({ length: SIDECARS }, async () => {
          const store = createSequencer({
            driver: etcdSequencerDriver,
            metadata: { endpoints },
            appId: "fairness",
          });
          await store.init();
          return store;
        }),
      );
      try {
        const deadline = Date.now() + RUN_MS;
        const counts = await Promise.all(
          sequencers.map(async (store) => {
            let taken = 0;
            await Promise.all(
              Array.from({ length: CALLERS }, async () => {
                while (Date.now() < deadline) {
                  await store.getNextId({ key, increment: "strong" });
                  taken++;
                }
              }),
            );
            return taken;
          }),
        );
        console.log(`ids per sidecar in ${RUN_MS} ms: ${counts}`);
        const total = counts.reduce((a, b) => a + b, 0);
        // A fair share is a third; a starved sidecar gets almost nothing (or an ABORTED error).
        for (const count of counts)
          expect(count, `ids per sidecar: ${counts}`).toBeGreaterThan(total / (SIDECARS * 4));
      } finally {
        await Promise.all(sequencers.map((store) => store.close()));
      }
    }, 30_000);
  },
);
