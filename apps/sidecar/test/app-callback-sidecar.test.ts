import { randomUUID } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { type ListedSubscription, startTestApp, type TestApp, until } from "./app-callback-app.js";
import { runtimeClient } from "./runtime-client.js";

// Delivery over AppCallback through the sidecar process: `app.grpcCallback` in its config, a
// real gRPC test app in this process, events published with PublishEvent.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const redisUrl = process.env.REDIS_URL;
const noRedis = redisUrl ? "" : " (skipped: REDIS_URL is not set; npm test sets it)";
const fastRetry = { retryInitialDelayMs: 100, retryMaxDelayMs: 400 };

function sidecarFor(address: string, pubsub: Record<string, unknown>): Promise<StartedSidecar> {
  return startSidecar({
    config: { appId: "orders-app", app: { grpcCallback: address }, components: { pubsub } },
  });
}

const texts = (events: { data: Uint8Array }[]) => events.map((e) => decoder.decode(e.data));

describe("delivery over AppCallback through the sidecar (memory)", () => {
  let app: TestApp;
  let sidecar: StartedSidecar;
  let client: ReturnType<typeof runtimeClient>;
  const retries = new Map<string, number>();

  const publish = (topic: string, text: string, metadata: Record<string, string> = {}) =>
    client.publishEvent({ pubsubName: "events", topic, data: encoder.encode(text), metadata });

  beforeAll(async () => {
    const subscriptions: ListedSubscription[] = [
      { pubsubName: "events", topic: "ok" },
      { pubsubName: "events", topic: "retry" },
      { pubsubName: "events", topic: "error" },
      { pubsubName: "events", topic: "unimplemented" },
      { pubsubName: "events", topic: "drop", metadata: { deadLetterTopic: "dead" } },
      { pubsubName: "events", topic: "dead" },
      { pubsubName: "missing", topic: "ok" },
    ];
    app = await startTestApp({
      subscriptions,
      answer: async (event) => {
        const text = decoder.decode(event.data);
        const failuresLeft = retries.get(text) ?? 0;
        if (failuresLeft > 0) retries.set(text, failuresLeft - 1);
        switch (event.topic) {
          case "retry":
            return failuresLeft > 0 ? "RETRY" : "SUCCESS";
          case "error":
            if (failuresLeft > 0) throw new ConnectError("database is down", Code.Internal);
            return "SUCCESS";
          case "unimplemented":
            throw new ConnectError("no handler for this topic", Code.Unimplemented);
          case "drop":
            return "DROP";
          default:
            return "SUCCESS";
        }
      },
    });
    sidecar = await sidecarFor(app.address, { events: { type: "memory", metadata: fastRetry } });
    client = runtimeClient(sidecar.address);
    await until(() => sidecar.output().includes("reached: it lists"), "the subscriptions");
  }, 30_000);

  afterAll(async () => {
    expect(await sidecar?.stop()).toBe(0);
    await app?.stop();
  });

  it("delivers a published event with its CloudEvent fields; SUCCESS acknowledges it", async () => {
    await publish("ok", '{"total":12.5}', { "cloudevent.id": "evt-ok" });
    await until(() => app.eventsOf("ok").length === 1, "the event");
    expect(app.eventsOf("ok")[0]).toMatchObject({
      id: "evt-ok",
      source: "orders-app",
      type: "com.dapr.event.sent",
      specVersion: "1.0",
      topic: "ok",
      pubsubName: "events",
    });
    expect(texts(app.eventsOf("ok"))).toEqual(['{"total":12.5}']);
  });

  it("redelivers after RETRY, then SUCCESS; and after an app error, then SUCCESS", async () => {
    retries.set("r1", 2);
    retries.set("e1", 2);
    await publish("retry", "r1");
    await publish("error", "e1");
    await until(
      () => app.eventsOf("retry").length === 3 && app.eventsOf("error").length === 3,
      "three attempts of each",
    );
    const answers = (topic: string) =>
      app.received.filter((r) => r.event.topic === topic).map((r) => r.answer);
    expect(answers("retry")).toEqual(["RETRY", "RETRY", "SUCCESS"]);
    expect(answers("error")).toEqual([
      "error: [internal] database is down",
      "error: [internal] database is down",
      "SUCCESS",
    ]);
  });

  it("drops an event the app answers UNIMPLEMENTED: the next one comes after it", async () => {
    await publish("unimplemented", "u1");
    await publish("unimplemented", "u2");
    await until(() => app.eventsOf("unimplemented").length >= 2, "both events");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(texts(app.eventsOf("unimplemented"))).toEqual(["u1", "u2"]);
  });

  it("moves an event the app answers DROP to the dead-letter topic, delivered from there", async () => {
    await publish("drop", "poison", { "cloudevent.id": "evt-poison" });
    await until(() => app.eventsOf("dead").length === 1, "the dead letter");
    expect(app.eventsOf("dead")[0]).toMatchObject({
      id: "evt-poison",
      topic: "dead",
      metadata: { deadLetterFrom: "drop", deadLetterReason: "DROP" },
    });
    expect(texts(app.eventsOf("drop"))).toEqual(["poison"]);
  });

  it("logs a subscription to an unknown component and skips it", () => {
    const line = sidecar
      .output()
      .split("\n")
      .find((l) => l.includes("skipped the app's subscription"));
    expect(JSON.parse(line!)).toMatchObject({
      level: "warn",
      logger: "app-callback",
      component: "missing",
      topic: "ok",
    });
    expect(line).toMatch(/pubsub 'missing' is not configured; configured: events/);
  });

  it("counts the app's answers in layer8_pubsub_events_total", async () => {
    await until(() => app.eventsOf("dead").length === 1, "the dead letter");
    const metrics = await (await fetch(`${sidecar.actuatorUrl}/metrics`)).text();
    const count = (topic: string, outcome: string) =>
      Number(
        metrics.match(
          new RegExp(
            `layer8_pubsub_events_total\\{component="events",topic="${topic}",outcome="${outcome}"\\} (\\d+)`,
          ),
        )?.[1] ?? 0,
      );
    expect(count("retry", "retried")).toBe(2);
    expect(count("retry", "delivered")).toBe(1);
    expect(count("drop", "dead_lettered")).toBe(1);
    expect(count("unimplemented", "dropped")).toBe(2);
  });
});

describe("the sidecar and an app that comes and goes", () => {
  it("is ready without the app, keeps dialling it with backoff, and serves it once it starts", async () => {
    const app = await startTestApp({ subscriptions: [] });
    const address = app.address;
    await app.stop();
    const sidecar = await sidecarFor(address, { events: { type: "memory", metadata: {} } });
    try {
      const ready = await fetch(`${sidecar.actuatorUrl}/actuator/health/readiness`);
      expect(ready.status).toBe(200);
      await until(
        () =>
          new RegExp(
            `app callback at ${address.replace(/\./g, "\\.")} is not reachable .*next attempt in \\d+ ms`,
          ).test(sidecar.output()),
        "the log of a failed attempt",
      );
      const later = await startTestApp({
        subscriptions: [{ pubsubName: "events", topic: "ok" }],
        port: Number(address.split(":")[1]),
      });
      try {
        await until(() => sidecar.output().includes("1 opened"), "the subscription", 20_000);
        await runtimeClient(sidecar.address).publishEvent({
          pubsubName: "events",
          topic: "ok",
          data: encoder.encode("hello"),
        });
        await until(() => later.received.length === 1, "the event");
      } finally {
        await later.stop();
      }
    } finally {
      expect(await sidecar.stop()).toBe(0);
    }
  }, 40_000);

  it.skipIf(!redisUrl)(
    `delivers what was published before the app started, follows a restart with a new list, loses nothing while the app is down, and stops cleanly${noRedis}`,
    async () => {
      const run = randomUUID().slice(0, 8);
      const early = `early-${run}`;
      const orders = `orders-${run}`;
      const invoices = `invoices-${run}`;
      const port = await (async () => {
        const probe = await startTestApp({ subscriptions: [] });
        await probe.stop();
        return probe.port;
      })();
      const sidecar = await sidecarFor(`127.0.0.1:${port}`, {
        events: {
          type: "redis",
          metadata: { url: redisUrl, ...fastRetry, processingTimeoutMs: 2000 },
        },
      });
      const client = runtimeClient(sidecar.address);
      const publish = (topic: string, text: string) =>
        client.publishEvent({ pubsubName: "events", topic, data: encoder.encode(text) });
      let app: TestApp | undefined;
      try {
        // Published before any app subscribed: Redis keeps the stream, and a new group starts
        // at its beginning.
        for (const text of ["e1", "e2", "e3"]) await publish(early, text);
        app = await startTestApp({
          port,
          subscriptions: [
            { pubsubName: "events", topic: early },
            { pubsubName: "events", topic: orders },
          ],
        });
        await until(() => app!.eventsOf(early).length === 3, "the early events", 20_000);
        expect(texts(app.eventsOf(early))).toEqual(["e1", "e2", "e3"]);

        // The app goes away: events wait for it, unacknowledged.
        await app.stop();
        await until(() => /went away/.test(sidecar.output()), "the sidecar to notice");
        const held = Array.from({ length: 10 }, (_, i) => `order-${i}`);
        for (const text of held) await publish(orders, text);
        await new Promise((resolve) => setTimeout(resolve, 1500));

        // It comes back listing one more topic: the list is read again; nothing was lost.
        app = await startTestApp({
          port,
          subscriptions: [
            { pubsubName: "events", topic: orders },
            { pubsubName: "events", topic: invoices },
          ],
        });
        await until(() => app!.eventsOf(orders).length >= held.length, "the held events", 20_000);
        expect(texts(app.eventsOf(orders))).toEqual(held);
        expect(sidecar.output()).toMatch(
          /reached: it lists 2 subscription\(s\); 1 opened, 1 kept, 1 closed/,
        );
        expect(sidecar.output()).toContain(`closed the subscription to topic '${early}'`);
        await publish(invoices, "inv-1");
        await publish(early, "e4");
        await until(() => app!.eventsOf(invoices).length === 1, "the invoice");
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(app.eventsOf(early)).toEqual([]);

        // SIGTERM with an event waiting for the app, which is down again: a prompt, clean exit.
        await app.stop();
        await until(() => (sidecar.output().match(/went away/g) ?? []).length >= 2, "down again");
        await publish(orders, "held at shutdown");
        await new Promise((resolve) => setTimeout(resolve, 300));
        const stopping = Date.now();
        expect(await sidecar.stop()).toBe(0);
        expect(Date.now() - stopping).toBeLessThan(5000);
      } finally {
        await sidecar.stop();
        await app?.stop();
      }
    },
    60_000,
  );
});
