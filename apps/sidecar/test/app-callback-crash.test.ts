import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { startTestApp, until } from "./app-callback-app.js";
import { runtimeClient } from "./runtime-client.js";

// SEMANTICS: a message acknowledged by nobody survives a sidecar restart (persistent drivers).
// The sidecar is SIGKILLed while the app holds events unanswered, with no chance to hand them
// back; a new sidecar on the same backend must deliver every published event at least once.

const EVENTS = 30;
/** Answered SUCCESS before the kill. */
const ACKED = 10;
/** Events the app holds unanswered at once (the subscription's concurrency). */
const HELD = 4;

const backends = [
  {
    type: "redis",
    variable: "REDIS_URL",
    // Entries a dead consumer holds are taken over once pending this long.
    metadata: () => ({ url: process.env.REDIS_URL, processingTimeoutMs: 2000 }),
  },
  {
    type: "kafka",
    variable: "KAFKA_BROKERS",
    // The broker drops a dead member after its session times out (6 s is the broker's minimum).
    metadata: () => ({
      brokers: process.env.KAFKA_BROKERS,
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 1000,
    }),
  },
];

describe.each(backends)(
  "the sidecar SIGKILLed while events are unacknowledged ($type)",
  (backend) => {
    const available = Boolean(process.env[backend.variable]);
    const reason = available ? "" : ` (skipped: ${backend.variable} is not set; npm test sets it)`;
    it.skipIf(!available)(
      `delivers every published event at least once after a restart${reason}`,
      async () => {
        const run = randomUUID().slice(0, 8);
        const topic = `crash-${backend.type}-${run}`;
        const decoder = new TextDecoder();
        let seen = 0;
        let hold = true;
        const answered = new Map<string, number>();
        const app = await startTestApp({
          subscriptions: [{ pubsubName: "events", topic, metadata: { concurrency: String(HELD) } }],
          answer: async (event) => {
            seen += 1;
            if (hold && seen > ACKED) await new Promise(() => undefined); // never answered
            const id = decoder.decode(event.data);
            answered.set(id, (answered.get(id) ?? 0) + 1);
            return "SUCCESS";
          },
        });
        const config = {
          appId: `crash-${run}`,
          app: { grpcCallback: app.address },
          components: { pubsub: { events: { type: backend.type, metadata: backend.metadata() } } },
        };
        let first: StartedSidecar | undefined;
        let second: StartedSidecar | undefined;
        try {
          first = await startSidecar({ config });
          await until(() => first!.output().includes("1 opened"), "the subscription", 30_000);
          const client = runtimeClient(first.address);
          const published = Array.from({ length: EVENTS }, (_, i) => `${run}-${i}`);
          for (const id of published) {
            await client.publishEvent({
              pubsubName: "events",
              topic,
              data: new TextEncoder().encode(id),
            });
          }
          await until(() => seen === ACKED + HELD, `${ACKED} answered and ${HELD} held`, 30_000);
          const ackedBeforeKill = answered.size;

          process.kill(first.pid, "SIGKILL");
          await first.stop();
          hold = false;

          const restarted = Date.now();
          second = await startSidecar({ config });
          await until(
            () => published.every((id) => answered.has(id)),
            "every published event answered",
            60_000,
          );
          const duplicates = [...answered.values()].filter((count) => count > 1).length;
          console.log(
            `${backend.type}: ${ackedBeforeKill} acknowledged before SIGKILL, all ${EVENTS} delivered ${Date.now() - restarted} ms after the restart, ${duplicates} delivered twice`,
          );
          expect(ackedBeforeKill).toBe(ACKED);
        } finally {
          await first?.stop();
          if (second) expect(await second.stop()).toBe(0);
          await app.stop();
        }
      },
      90_000,
    );
  },
);
