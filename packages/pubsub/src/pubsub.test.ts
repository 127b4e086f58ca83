import { Code } from "@layer8/core";
import { afterEach, describe, expect, it } from "vitest";
import { createPubSub, memoryPubSubDriver, type PubSub, type TopicEvent } from "./index.js";

const text = (value: string) => new TextEncoder().encode(value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

const opened: PubSub[] = [];
async function open(options: { metadata?: Record<string, unknown>; appId?: string } = {}) {
  const pubsub = createPubSub({ driver: memoryPubSubDriver, name: "events", ...options });
  await pubsub.init();
  opened.push(pubsub);
  return pubsub;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
});

describe("createPubSub", () => {
  it("refuses unknown and malformed metadata, naming the component and the field", () => {
    expect(() =>
      createPubSub({ driver: memoryPubSubDriver, name: "events", metadata: { colour: "red" } }),
    ).toThrow(/pubsub component 'events' \(type memory\): metadata.colour: unknown field/);
    expect(() =>
      createPubSub({ driver: memoryPubSubDriver, name: "events", metadata: { concurrency: 0 } }),
    ).toThrow(
      expect.objectContaining({ code: Code.InvalidArgument, field: "metadata.concurrency" }),
    );
  });

  it("makes the app id the default consumer group and event source, else the component name", async () => {
    const withApp = await open({ appId: "shop" });
    const withoutApp = await open();
    const seen: TopicEvent[] = [];
    const a = await withApp.subscribe({
      topic: "t",
      handler: async (event) => void seen.push(event),
    });
    const b = await withoutApp.subscribe({
      topic: "t",
      handler: async (event) => void seen.push(event),
    });
    expect(a.consumerGroup).toBe("shop");
    expect(b.consumerGroup).toBe("events");
    await withApp.publish({ topic: "t", data: text("x") });
    await withoutApp.publish({ topic: "t", data: text("y") });
    await until(() => seen.length === 2, "two events");
    expect(seen.map((event) => event.source).sort()).toEqual(["events", "shop"]);
  });

  it("takes subscription defaults from component metadata, then subscription metadata, then typed fields", async () => {
    const pubsub = await open({ metadata: { consumerID: "workers", concurrency: "3" } });
    const byComponent = await pubsub.subscribe({ topic: "t", handler: async () => "SUCCESS" });
    expect(byComponent.consumerGroup).toBe("workers");
    const byMetadata = await pubsub.subscribe({
      topic: "t",
      handler: async () => "SUCCESS",
      metadata: { consumerID: "auditors" },
    });
    expect(byMetadata.consumerGroup).toBe("auditors");
    const typed = await pubsub.subscribe({
      topic: "t",
      handler: async () => "SUCCESS",
      consumerGroup: "typed",
      metadata: { consumerID: "ignored" },
    });
    expect(typed.consumerGroup).toBe("typed");

    // concurrency 3 from the component: three handlers run at once.
    let running = 0;
    let most = 0;
    await pubsub.subscribe({
      topic: "busy",
      handler: async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(30);
        running -= 1;
        return "SUCCESS";
      },
    });
    for (let i = 0; i < 9; i++) await pubsub.publish({ topic: "busy", data: text(`${i}`) });
    await until(() => most === 3, "three at once");
    await sleep(100);
    expect(most).toBe(3);
  });
});

describe("subscriptions", () => {
  it("close waits drainTimeoutMs for a handler that ignores its signal, then hands the event back", async () => {
    const pubsub = await open();
    let stuck = 0;
    const stubborn = await pubsub.subscribe({
      topic: "t",
      drainTimeoutMs: 300,
      handler: async () => {
        stuck += 1;
        return new Promise<undefined>(() => undefined); // never settles
      },
    });
    await pubsub.publish({ topic: "t", data: text("held") });
    await until(() => stuck === 1, "the stubborn handler has the event");
    const started = performance.now();
    await stubborn.close();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(2000);
    const next: string[] = [];
    await pubsub.subscribe({
      topic: "t",
      handler: async (event) => void next.push(new TextDecoder().decode(event.data)),
    });
    await until(() => next.length === 1, "the event handed back");
    expect(next).toEqual(["held"]);
  });

  it("a verdict given within the drain time still counts: SUCCESS during close acknowledges", async () => {
    const pubsub = await open();
    let release: () => void = () => undefined;
    const calls: string[] = [];
    const subscription = await pubsub.subscribe({
      topic: "t",
      handler: async (event) => {
        calls.push(event.id);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return "SUCCESS";
      },
    });
    await pubsub.publish({ topic: "t", data: text("x") });
    await until(() => calls.length === 1, "delivered");
    const closing = subscription.close();
    release();
    await closing;
    const next: string[] = [];
    await pubsub.subscribe({ topic: "t", handler: async (event) => void next.push(event.id) });
    await pubsub.publish({ topic: "t", data: text("marker"), metadata: { "cloudevent.id": "m" } });
    await until(() => next.length > 0, "the marker");
    expect(next).toEqual(["m"]);
  });

  it("reports handler failures, odd answers and exhausted events to onError, naming the component", async () => {
    const pubsub = await open();
    const errors: Error[] = [];
    let calls = 0;
    await pubsub.subscribe({
      topic: "t",
      retry: { initialDelayMs: 10, maxAttempts: 3 },
      onError: (error) => errors.push(error),
      handler: () => {
        calls += 1;
        if (calls === 1) throw new Error("boom");
        return "MAYBE" as never;
      },
    });
    await pubsub.publish({ topic: "t", data: text("x"), metadata: { "cloudevent.id": "e-7" } });
    await until(() => errors.length >= 4, "four reports");
    await sleep(50);
    expect(calls).toBe(3);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/pubsub 'events'.*handling event 'e-7'.*boom/),
      expect.stringMatching(/answered 'MAYBE'/),
      expect.stringMatching(/answered 'MAYBE'/),
      expect.stringMatching(/event 'e-7' of topic 't' was dropped after 3 attempts/),
    ]);
  });

  it("counts a gRPC UNIMPLEMENTED error (numeric code 12, as connect-es and grpc-js throw) as DROP", async () => {
    const pubsub = await open();
    const letters: string[] = [];
    await pubsub.subscribe({ topic: "dlq", handler: async (event) => void letters.push(event.id) });
    let calls = 0;
    await pubsub.subscribe({
      topic: "t",
      deadLetterTopic: "dlq",
      retry: { initialDelayMs: 10 },
      handler: async () => {
        calls += 1;
        throw Object.assign(new Error("[unimplemented] no such method"), { code: 12 });
      },
    });
    await pubsub.publish({ topic: "t", data: text("x"), metadata: { "cloudevent.id": "u" } });
    await until(() => letters.length === 1, "the dead letter");
    expect(letters).toEqual(["u"]);
    expect(calls).toBe(1);
  });

  it("closing the component closes its subscriptions: running handlers see their signal aborted", async () => {
    const pubsub = createPubSub({ driver: memoryPubSubDriver });
    await pubsub.init();
    let aborted = false;
    let started = false;
    await pubsub.subscribe({
      topic: "t",
      handler: (_event, delivery) =>
        new Promise((resolve) => {
          started = true;
          delivery.signal.addEventListener("abort", () => {
            aborted = true;
            resolve("RETRY");
          });
        }),
    });
    await pubsub.publish({ topic: "t", data: text("x") });
    await until(() => started, "the handler started");
    await pubsub.close();
    expect(aborted).toBe(true);
    await expect(pubsub.publish({ topic: "t", data: text("late") })).rejects.toMatchObject({
      code: Code.Unavailable,
      message: expect.stringContaining("pubsub 'default'"),
    });
  });
});
