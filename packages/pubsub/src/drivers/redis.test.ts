import { connectRedis } from "@layer8/connections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPubSub, type PubSub, redisPubSubDriver } from "../index.js";
import { holdUntilClosed, Inbox } from "../testing/harness.js";
import { describePubSubConformance } from "../testing/index.js";

const text = (value: string) => new TextEncoder().encode(value);

const url = process.env.REDIS_URL;

describePubSubConformance({
  name: "redis (in-process)",
  features: ["persistent", "balanced"],
  pubsubName: "events",
  appId: "conformance",
  redeliveryWithinMs: 5000,
  skipReason: url ? undefined : "REDIS_URL is not set",
  setup: async () => ({
    open: async () => {
      const pubsub = createPubSub({
        driver: redisPubSubDriver,
        name: "events",
        appId: "conformance",
        // Quick take-overs, so that a handed-back event comes back within the suite's wait.
        metadata: { url, processingTimeoutMs: 2000, redeliverIntervalMs: 250, blockMs: 500 },
      });
      await pubsub.init();
      return { pubsub, close: () => pubsub.close() };
    },
  }),
});

describe.skipIf(!url)(
  `redis pubsub layout and options${url ? "" : " (skipped: REDIS_URL is not set)"}`,
  () => {
    const opened: PubSub[] = [];
    let redis: Awaited<ReturnType<typeof connectRedis>>;
    const open = async (metadata: Record<string, unknown> = {}) => {
      const pubsub = createPubSub({
        driver: redisPubSubDriver,
        name: "events",
        appId: "layout",
        metadata: { url, processingTimeoutMs: 1000, redeliverIntervalMs: 200, ...metadata },
      });
      await pubsub.init();
      opened.push(pubsub);
      return pubsub;
    };
    const topicName = (label: string) =>
      `layout-${label}-${process.pid}-${Date.now().toString(36)}`;

    beforeAll(async () => {
      redis = await connectRedis({ url, connectTimeoutMs: 5000, timeoutMs: 5000 });
    });
    afterAll(async () => {
      await Promise.all(opened.map((pubsub) => pubsub.close()));
      redis?.disconnect();
    });

    it("publishes to the stream named after the topic: the envelope in field 'data', headers beside it", async () => {
      const pubsub = await open();
      const topic = topicName("stream");
      await pubsub.publish({ topic, data: text('{"a":1}'), dataContentType: "application/json" });
      const entries = await redis.xrange(topic, "-", "+");
      expect(entries).toHaveLength(1);
      const fields = Object.fromEntries(chunk(entries[0]![1]));
      expect(fields["content-type"]).toBe("application/cloudevents+json");
      expect(JSON.parse(fields.data!)).toMatchObject({
        specversion: "1.0",
        topic,
        pubsubname: "events",
        source: "layout",
        data: { a: 1 },
      });
    });

    it("delivers events Dapr's Redis pub/sub wrote to the same stream (a CloudEvent in 'data', no headers)", async () => {
      const pubsub = await open();
      const topic = topicName("dapr");
      const events = new Inbox();
      await pubsub.subscribe({ topic, handler: events.handler });
      const cloudEvent = JSON.stringify({
        data: { orderId: 7 },
        datacontenttype: "application/json",
        id: "dapr-1",
        pubsubname: "orderpubsub",
        source: "checkout",
        specversion: "1.0",
        topic,
        traceid: "00-abc-def-01",
        type: "com.dapr.event.sent",
      });
      await redis.xadd(topic, "*", "data", cloudEvent);
      await redis.xadd(topic, "*", "data", "not a cloud event");
      const [event, raw] = await events.waitFor(2);
      expect(event).toMatchObject({
        id: "dapr-1",
        source: "checkout",
        pubsubName: "events",
        topic,
      });
      expect(new TextDecoder().decode(event!.data)).toBe('{"orderId":7}');
      expect(event!.metadata.traceid).toBe("00-abc-def-01");
      expect(new TextDecoder().decode(raw!.data)).toBe("not a cloud event");
      expect(raw!.metadata.rawPayload).toBe("true");
    });

    it("initialOffset: a new group starts at the oldest entry still in the stream (default) or at the newest", async () => {
      const oldest = await open();
      const newest = await open({ initialOffset: "newest" });
      const topic = topicName("offset");
      await redis.xadd(topic, "*", "data", "published before any group");
      const fromOldest = new Inbox();
      const fromNewest = new Inbox();
      await oldest.subscribe({ topic, consumerGroup: "from-oldest", handler: fromOldest.handler });
      await newest.subscribe({ topic, consumerGroup: "from-newest", handler: fromNewest.handler });
      await oldest.publish({ topic, data: text("after") });
      await fromOldest.waitFor(2);
      await fromNewest.waitFor(1);
      expect(fromOldest.texts).toEqual(["published before any group", "after"]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fromNewest.texts).toEqual(["after"]);
    });

    it("maxLenApprox trims each stream to about that many entries", async () => {
      const pubsub = await open({ maxLenApprox: 100 });
      const topic = topicName("maxlen");
      for (let i = 0; i < 1000; i++) await pubsub.publish({ topic, data: text(`${i}`) });
      const length = await redis.xlen(topic);
      // "About": Redis trims whole nodes of the stream, so it keeps somewhat more than asked.
      expect(length).toBeGreaterThanOrEqual(100);
      expect(length).toBeLessThan(400);
    });

    it("never takes over an event from a live member whose handler is slow (it renews what it holds)", async () => {
      const pubsub = await open({ processingTimeoutMs: 400, redeliverIntervalMs: 100 });
      const topic = topicName("slow");
      const slow = new Inbox(
        () => new Promise((resolve) => setTimeout(() => resolve("SUCCESS"), 1500)),
      );
      const other = new Inbox();
      await pubsub.subscribe({ topic, consumerGroup: "g", handler: slow.handler });
      await pubsub.publish({ topic, data: text("slow one") });
      await slow.waitFor(1);
      await pubsub.subscribe({ topic, consumerGroup: "g", handler: other.handler });
      await new Promise((resolve) => setTimeout(resolve, 1800));
      expect(slow.calls).toHaveLength(1);
      expect(other.calls).toHaveLength(0);
    });

    it("a member that closes holding nothing leaves the group; one holding events hands them back at once", async () => {
      const pubsub = await open({ processingTimeoutMs: 60_000 });
      const topic = topicName("members");
      const consumers = async () => (await redis.xinfo("CONSUMERS", topic, "g")) as unknown[];
      const done = new Inbox();
      const idle = await pubsub.subscribe({ topic, consumerGroup: "g", handler: done.handler });
      await pubsub.publish({ topic, data: text("handled") });
      await done.waitFor(1);
      await until(async () => (await consumers()).length === 1, "the member is listed");
      await idle.close();
      expect(await consumers()).toHaveLength(0);

      const holding = new Inbox(holdUntilClosed);
      const holder = await pubsub.subscribe({
        topic,
        consumerGroup: "g",
        handler: holding.handler,
      });
      await pubsub.publish({ topic, data: text("held") });
      await holding.waitFor(1);
      await holder.close();
      const [entry] = (await redis.xpending(topic, "g", "-", "+", 10)) as [
        string,
        string,
        number,
        number,
      ][];
      // Handed back: it looks abandoned for the whole processing timeout, so the next look takes it.
      expect(entry![2]).toBeGreaterThanOrEqual(60_000);
      const next = new Inbox();
      await pubsub.subscribe({ topic, consumerGroup: "g", handler: next.handler });
      expect(
        (await next.waitFor(1, 3000)).map((event) => new TextDecoder().decode(event.data)),
      ).toEqual(["held"]);
    });
  },
);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function chunk(fields: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) pairs.push([fields[i]!, fields[i + 1]!]);
  return pairs;
}
