import { startRedisServer, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPubSub, redisPubSubDriver } from "../index.js";
import { Inbox } from "../testing/harness.js";

const redisServer = process.env.LAYER8_REDIS_SERVER;
const text = (value: string) => new TextEncoder().encode(value);

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!redisServer)(
  `redis pubsub while the server is down${redisServer ? "" : " (skipped: LAYER8_REDIS_SERVER is not set)"}`,
  () => {
    let server: TestServer;

    beforeAll(async () => {
      // Durable: every acknowledged write is fsynced, so a crash loses no accepted event.
      server = await startRedisServer({ binary: redisServer!, durable: true });
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it("refuses publishes with UNAVAILABLE naming the component, reports it, and delivers again once the server is back, losing nothing accepted", async () => {
      const pubsub = createPubSub({
        driver: redisPubSubDriver,
        name: "events",
        appId: "outage",
        metadata: { url: server.url, timeoutMs: 500, blockMs: 300, redeliverIntervalMs: 200 },
      });
      await pubsub.init();
      try {
        const errors: Error[] = [];
        const inbox = new Inbox();
        await pubsub.subscribe({
          topic: "t",
          handler: inbox.handler,
          onError: (e) => errors.push(e),
        });
        await pubsub.publish({ topic: "t", data: text("before") });
        await inbox.waitFor(1);
        // Accepted while nobody reads it: it must survive the crash.
        const sub = await pubsub.subscribe({
          topic: "t",
          consumerGroup: "late",
          handler: async () => "SUCCESS",
        });
        await sub.close();
        await pubsub.publish({ topic: "t", data: text("accepted before the crash") });

        await server.kill();
        await expect(pubsub.publish({ topic: "t", data: text("refused") })).rejects.toMatchObject({
          code: Code.Unavailable,
          message: expect.stringContaining("pubsub 'events': publish to topic 't' failed"),
        });
        expect((await pubsub.health()).status).toBe("DOWN");
        await until(() => errors.length > 0, "the consumer reports the outage");
        expect(errors[0]!.message).toMatch(
          /pubsub 'events': consuming topic 't' as group 'outage'/,
        );

        await server.restart();
        await until(async () => (await pubsub.health()).status === "UP", "healthy again");
        await pubsub.publish({ topic: "t", data: text("after") });
        await until(() => inbox.texts.includes("after"), "the consumer delivers again");
        expect(inbox.texts).toEqual(["before", "accepted before the crash", "after"]);

        const late = new Inbox();
        await pubsub.subscribe({ topic: "t", consumerGroup: "late", handler: late.handler });
        await late.waitFor(3);
        // A new group starts at the oldest entry, so "late" also gets the one before it existed.
        expect(late.texts).toEqual(["before", "accepted before the crash", "after"]);
      } finally {
        await pubsub.close();
      }
    }, 30_000);
  },
);
