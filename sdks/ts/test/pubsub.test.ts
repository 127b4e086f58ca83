import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppCallbackServer,
  createLayer8Client,
  type Layer8Client,
  proto,
  serveAppCallback,
  type TopicEvent,
} from "../src/index.js";
import { pushable } from "./pushable.js";

// Pub/sub end to end: publish with client.pubsub, receive through the app's AppCallback server
// (serveAppCallback), and through a streaming subscription (client.pubsub.subscribe).

const text = (value: string) => new TextEncoder().encode(value);
const read = (data: Uint8Array) => new TextDecoder().decode(data);

/** Resolves once `condition()` holds; generous, since delivery is asynchronous. */
async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let app: AppCallbackServer;
let sidecar: StartedSidecar;
let client: Layer8Client;
const orders: TopicEvent[] = [];
let retriesLeft = 1;
const flaky: TopicEvent[] = [];

beforeAll(async () => {
  app = await serveAppCallback({
    topics: [
      {
        pubsubName: "events",
        topic: "orders",
        handle: (event) => {
          orders.push(event);
        },
      },
      {
        pubsubName: "events",
        topic: "flaky",
        handle: (event) => {
          flaky.push(event);
          if (retriesLeft === 0) return "success";
          retriesLeft -= 1;
          return "retry";
        },
      },
    ],
  });
  sidecar = await startSidecar({
    config: {
      appId: "sdk-pubsub",
      app: { grpcCallback: app.address },
      components: {
        pubsub: {
          events: { type: "memory", metadata: { retryInitialDelayMs: 50, retryMaxDelayMs: 200 } },
        },
      },
    },
  });
  client = createLayer8Client({ address: sidecar.address, timeoutMs: 10_000 });
  // The sidecar asks the app for its topics in the background; an event published before it
  // has subscribed would reach no subscriber.
  await until(() =>
    /app callback at \S+ reached: it lists 2 subscription\(s\); 2 opened/.test(sidecar.output()),
  );
});
afterAll(async () => {
  await client?.close();
  await sidecar?.stop();
  await app?.close();
});

describe("client.pubsub with serveAppCallback", () => {
  it("delivers a published event to the app's handler as a CloudEvent", async () => {
    await client.pubsub.publish({
      pubsubName: "events",
      topic: "orders",
      data: text('{"order":1}'),
      dataContentType: "application/json",
    });
    await until(() => orders.length === 1);
    const [event] = orders;
    expect(event).toMatchObject({
      pubsubName: "events",
      topic: "orders",
      dataContentType: "application/json",
      specVersion: "1.0",
    });
    expect(event?.id).not.toBe("");
    expect(JSON.parse(read(event!.data))).toEqual({ order: 1 });
  });

  it("redelivers an event the handler answered with retry", async () => {
    await client.pubsub.publish({ pubsubName: "events", topic: "flaky", data: text("again") });
    await until(() => flaky.length === 2);
    expect(flaky[1]?.id).toBe(flaky[0]?.id);
  });
});

describe("client.pubsub.subscribe", () => {
  it("streams events to the client, which acknowledges each one", async () => {
    type Request =
      Parameters<Layer8Client["pubsub"]["subscribe"]>[0] extends AsyncIterable<infer R> ? R : never;
    const requests = pushable<Request>();
    const responses = client.pubsub.subscribe(requests)[Symbol.asyncIterator]();
    requests.push({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: { pubsubName: "events", topic: "streamed" },
      },
    });
    const initial = await responses.next();
    expect(initial.value?.subscribeTopicEventsResponseType.case).toBe("initialResponse");

    await client.pubsub.publish({ pubsubName: "events", topic: "streamed", data: text("hi") });
    const delivered = (await responses.next()).value?.subscribeTopicEventsResponseType;
    expect(delivered?.case).toBe("eventMessage");
    const event = delivered?.value as TopicEvent;
    expect(read(event.data)).toBe("hi");
    requests.push({
      subscribeTopicEventsRequestType: {
        case: "eventProcessed",
        value: {
          id: event.id,
          status: { status: proto.TopicEventResponse_TopicEventResponseStatus.SUCCESS },
        },
      },
    });
    requests.end();
    await expect(responses.next()).resolves.toMatchObject({ done: true });
  });
});
