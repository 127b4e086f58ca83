import { Code, ConnectError } from "@connectrpc/connect";
import { freePort, startRedisServer } from "@layer8/connections/testing";
import { createPubSub, memoryPubSubDriver, type PubSub, redisPubSubDriver } from "@layer8/pubsub";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AppCallbackDelivery,
  startAppCallbackDelivery,
} from "../src/app-callback/app-callback-delivery.js";
import { Logging } from "../src/logging/logger.js";
import { type ListedSubscription, startTestApp, type TestApp, until } from "./app-callback-app.js";

// Delivery over AppCallback in-process, against the memory driver and a real gRPC test app:
// the status handling of SEMANTICS and an app that comes, goes and changes its mind.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const fastRetry = { retryInitialDelayMs: 50, retryMaxDelayMs: 200 };

interface Rig {
  pubsub: PubSub;
  delivery: AppCallbackDelivery;
  logs: string[];
  /** Resolves once a log line matches. */
  logged(pattern: RegExp, timeoutMs?: number): Promise<void>;
  publish(topic: string, text: string): Promise<void>;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Delivery to the app at `address` from `given` (default: a new memory component `events`),
 * which is closed after the test.
 */
async function rig(address: string, given?: PubSub): Promise<Rig> {
  const pubsub =
    given ??
    createPubSub({ driver: memoryPubSubDriver, metadata: fastRetry, name: "events", appId: "app" });
  if (!given) await pubsub.init();
  const logs: string[] = [];
  const logging = new Logging({
    level: "debug",
    destination: { write: (line: string) => void logs.push(line) },
  });
  const delivery = startAppCallbackDelivery({
    address,
    pubsubs: new Map([["events", pubsub]]),
    logger: logging.logger("app-callback"),
    reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
    resubscribe: { initialDelayMs: 200, maxDelayMs: 1000 },
  });
  cleanups.push(async () => {
    await delivery.close();
    await pubsub.close();
  });
  return {
    pubsub,
    delivery,
    logs,
    logged: (pattern, timeoutMs) =>
      until(() => logs.some((line) => pattern.test(line)), `a log line ${pattern}`, timeoutMs),
    publish: (topic, text) => pubsub.publish({ topic, data: encoder.encode(text) }),
  };
}

async function app(
  subscriptions: ListedSubscription[],
  options: { port?: number; answer?: TestApp["answer"] } = {},
) {
  const started = await startTestApp({ subscriptions, ...options });
  cleanups.push(() => started.stop());
  return started;
}

/** Starts delivery to an app already listening, and waits until its subscriptions are live. */
async function connected(testApp: TestApp): Promise<Rig> {
  const r = await rig(testApp.address);
  await r.logged(/reached: it lists/);
  return r;
}

const texts = (events: { data: Uint8Array }[]) => events.map((e) => decoder.decode(e.data));

describe("delivery over AppCallback", () => {
  it("calls OnTopicEvent with the CloudEvent fields, and SUCCESS acknowledges", async () => {
    const testApp = await app([{ pubsubName: "events", topic: "orders" }]);
    const r = await connected(testApp);
    await r.pubsub.publish({
      topic: "orders",
      data: encoder.encode('{"id":42}'),
      dataContentType: "application/json",
      metadata: { "cloudevent.id": "order-42", "cloudevent.traceparent": traceparent },
    });
    await until(() => testApp.received.length === 1, "the event");
    const event = testApp.received[0]!.event;
    expect(event).toMatchObject({
      id: "order-42",
      source: "app",
      type: "com.dapr.event.sent",
      specVersion: "1.0",
      dataContentType: "application/json",
      topic: "orders",
      pubsubName: "events",
    });
    expect(decoder.decode(event.data)).toBe('{"id":42}');
    expect(event.metadata.traceparent).toBe(traceparent);
    expect(event.metadata.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Acknowledged: the next event comes, and this one never again.
    await r.publish("orders", "second");
    await until(() => testApp.received.length === 2, "the second event");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(testApp.eventsOf("orders"))).toEqual(['{"id":42}', "second"]);
  });

  it("redelivers after RETRY until SUCCESS, the same event, holding back the next one", async () => {
    let retries = 2;
    const testApp = await app([{ pubsubName: "events", topic: "orders" }], {
      answer: async (event) =>
        decoder.decode(event.data) === "first" && retries-- > 0 ? "RETRY" : "SUCCESS",
    });
    const r = await connected(testApp);
    await r.publish("orders", "first");
    await r.publish("orders", "second");
    await until(
      () => testApp.received.length === 4,
      "three attempts of the first, then the second",
    );
    expect(testApp.received.map((x) => [decoder.decode(x.event.data), x.answer])).toEqual([
      ["first", "RETRY"],
      ["first", "RETRY"],
      ["first", "SUCCESS"],
      ["second", "SUCCESS"],
    ]);
    const ids = new Set(
      testApp
        .eventsOf("orders")
        .slice(0, 3)
        .map((e) => e.id),
    );
    expect(ids.size).toBe(1);
  });

  it("redelivers when the app fails the call with an error", async () => {
    let failures = 2;
    const testApp = await app([{ pubsubName: "events", topic: "orders" }], {
      answer: async () => {
        if (failures-- > 0) throw new ConnectError("database is down", Code.Internal);
        return "SUCCESS";
      },
    });
    const r = await connected(testApp);
    await r.publish("orders", "payment");
    await until(() => testApp.received.length === 3, "two failures, then success");
    expect(testApp.received.map((x) => x.answer)).toEqual([
      "error: [internal] database is down",
      "error: [internal] database is down",
      "SUCCESS",
    ]);
    await r.logged(/handling event .* retrying/);
  });

  it("drops an event the app answers UNIMPLEMENTED, and one it answers DROP", async () => {
    const testApp = await app([{ pubsubName: "events", topic: "orders" }], {
      answer: async (event) => {
        const text = decoder.decode(event.data);
        if (text === "unimplemented") throw new ConnectError("no handler", Code.Unimplemented);
        return text === "drop" ? "DROP" : "SUCCESS";
      },
    });
    const r = await connected(testApp);
    await r.publish("orders", "unimplemented");
    await r.publish("orders", "drop");
    await r.publish("orders", "after");
    // With concurrency 1 a retried event would hold "after" back: it arriving proves the drops.
    await until(() => texts(testApp.eventsOf("orders")).includes("after"), "the event after");
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Each called once: neither was retried.
    expect(testApp.received.map((x) => [decoder.decode(x.event.data), x.answer])).toEqual([
      ["unimplemented", "error: [unimplemented] no handler"],
      ["drop", "DROP"],
      ["after", "SUCCESS"],
    ]);
  });

  it("moves a dropped event to the dead-letter topic, where the app receives it", async () => {
    const testApp = await app(
      [
        { pubsubName: "events", topic: "orders", metadata: { deadLetterTopic: "orders-dead" } },
        { pubsubName: "events", topic: "orders-dead" },
      ],
      { answer: async (event) => (event.topic === "orders" ? "DROP" : "SUCCESS") },
    );
    const r = await connected(testApp);
    await r.pubsub.publish({
      topic: "orders",
      data: encoder.encode("poison"),
      metadata: { "cloudevent.id": "poison-1" },
    });
    await until(() => testApp.eventsOf("orders-dead").length === 1, "the dead letter");
    const dead = testApp.eventsOf("orders-dead")[0]!;
    expect(dead.id).toBe("poison-1");
    expect(decoder.decode(dead.data)).toBe("poison");
    expect(dead.metadata).toMatchObject({ deadLetterFrom: "orders", deadLetterReason: "DROP" });
    expect(testApp.eventsOf("orders").length).toBe(1);
  });

  it("keeps dialling an app that starts later, logging the address and the next attempt", async () => {
    const port = await freePort();
    const r = await rig(`127.0.0.1:${port}`);
    await r.logged(
      new RegExp(
        `app callback at 127\\.0\\.0\\.1:${port} is not reachable .*next attempt in \\d+ ms`,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const testApp = await app([{ pubsubName: "events", topic: "orders" }], { port });
    await r.logged(/reached: it lists 1 subscription\(s\); 1 opened/);
    await r.publish("orders", "hello");
    await until(() => testApp.received.length === 1, "the event");
    expect(testApp.listCalls).toBe(1);
    // Each failed attempt waits twice as long as the one before, up to the longest delay.
    const delays = r.logs
      .map((line) => JSON.parse(line))
      .filter((record) => record.nextAttemptMs !== undefined)
      .map((record) => record.nextAttemptMs);
    expect(delays.slice(0, 5)).toEqual([50, 100, 200, 400, 400].slice(0, delays.length));
    expect(delays.length).toBeGreaterThanOrEqual(3);
  });

  it("notices an app that shuts down gracefully (GOAWAY), and serves it when it is back", async () => {
    const first = await app([{ pubsubName: "events", topic: "orders" }]);
    const r = await connected(first);
    await r.publish("orders", "before");
    await until(() => first.received.length === 1, "the event before");
    await first.stop({ graceful: true });
    await r.logged(/went away \(the app is shutting down\)/);
    const second = await app([{ pubsubName: "events", topic: "orders" }], { port: first.port });
    await r.logged(/reached: it lists 1 subscription\(s\); 0 opened, 1 kept/);
    await r.publish("orders", "after");
    await until(() => second.received.length === 1, "the event after");
  });

  it("reads the subscriptions again when the app restarts, and follows the new list", async () => {
    const first = await app([{ pubsubName: "events", topic: "orders" }]);
    const r = await connected(first);
    await r.publish("orders", "before");
    await until(() => first.received.length === 1, "the event before the restart");
    await first.stop();

    const second = await app([{ pubsubName: "events", topic: "invoices" }], { port: first.port });
    await r.logged(/reached: it lists 1 subscription\(s\); 1 opened, 0 kept, 1 closed/);
    await r.logged(/closed the subscription to topic 'orders' of pubsub 'events'/);
    await r.publish("orders", "not wanted any more");
    await r.publish("invoices", "wanted");
    await until(() => second.received.length === 1, "the invoice");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(second.received.map((x) => x.event))).toEqual(["wanted"]);
    expect(second.listCalls).toBe(1);
  });

  it("holds events while the app is down and delivers every one, in order, when it returns", async () => {
    const first = await app([{ pubsubName: "events", topic: "orders" }]);
    const r = await connected(first);
    await first.stop();
    await r.logged(/went away/);
    const published = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    for (const text of published) await r.publish("orders", text);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const second = await app([{ pubsubName: "events", topic: "orders" }], { port: first.port });
    await until(() => second.received.length >= published.length, "every held event");
    expect(texts(second.eventsOf("orders"))).toEqual(published);
  });

  it("logs a subscription to an unknown component and skips it, keeping the others", async () => {
    const testApp = await app([
      { pubsubName: "nope", topic: "orders" },
      { pubsubName: "events", topic: "bad topic!" },
      { pubsubName: "events", topic: "orders" },
    ]);
    const r = await connected(testApp);
    await r.logged(/reached: it lists 3 subscription\(s\); 1 opened, 0 kept, 0 closed, 2 skipped/);
    const skipped = r.logs.filter((line) => line.includes("skipped the app's subscription"));
    expect(skipped.length).toBe(2);
    const unknown = JSON.parse(skipped.find((line) => line.includes("'nope'"))!);
    expect(unknown).toMatchObject({ level: "warn", component: "nope", topic: "orders" });
    expect(unknown.reason).toMatch(/pubsub 'nope' is not configured; configured: events/);
    await r.publish("orders", "still delivered");
    await until(() => testApp.received.length === 1, "the event");
  });

  const redisBinary = process.env.LAYER8_REDIS_SERVER;
  it.skipIf(!redisBinary)(
    `subscribes later when the backend refused at first, with no help from the app${redisBinary ? "" : " (skipped: LAYER8_REDIS_SERVER is not set; npm test sets it)"}`,
    async () => {
      const server = await startRedisServer({ binary: redisBinary! });
      cleanups.push(() => server.dispose());
      const testApp = await app([{ pubsubName: "events", topic: "orders" }]);
      const pubsub = createPubSub({
        driver: redisPubSubDriver,
        metadata: { url: server.url, connectTimeoutMs: 500, timeoutMs: 500, ...fastRetry },
        name: "events",
        appId: "app",
      });
      // Started while Redis is up (a sidecar refuses to start otherwise); then Redis dies.
      await pubsub.init();
      await server.kill();
      const r = await rig(testApp.address, pubsub);
      await r.logged(/could not subscribe to topic 'orders' of pubsub 'events' for the app/);
      await r.logged(/reached: it lists 1 subscription\(s\); 0 opened.* 1 to retry/);
      await server.restart();
      await r.logged(/subscribed to topic 'orders' of pubsub 'events' for the app/, 20_000);
      await r.publish("orders", "after the outage");
      await until(() => testApp.received.length === 1, "the event");
      expect(testApp.listCalls).toBe(1);
    },
    40_000,
  );

  it("closes promptly with an event waiting for an app that is down, handing it back", async () => {
    const first = await app([{ pubsubName: "events", topic: "orders" }]);
    const r = await connected(first);
    await first.stop();
    await r.logged(/went away/);
    await r.publish("orders", "held");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await r.delivery.close();
    expect(Date.now() - started).toBeLessThan(1000);
    // Handed back to the group (memory keeps it): a new subscriber of the group gets it.
    const got: string[] = [];
    const again = await r.pubsub.subscribe({
      topic: "orders",
      handler: async (event) => void got.push(decoder.decode(event.data)),
    });
    await until(() => got.length === 1, "the handed-back event");
    await again.close();
    expect(got).toEqual(["held"]);
  });
});

const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
