import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@layer8/core";
import {
  TopicEventResponse_TopicEventResponseStatus as Status,
  type SubscribeTopicEventsRequestInitial,
  type SubscribeTopicEventsRequestSchema,
  type SubscribeTopicEventsResponse,
  type TopicEventRequest,
} from "@layer8/proto";
import parsePrometheus from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox } from "../src/server/outbox.js";
import { CONSUMER_GROUP_HEADER } from "../src/server/topic-event-stream.js";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { runtimeClient } from "./runtime-client.js";

type Client = ReturnType<typeof runtimeClient>;
type StreamMessage = MessageInitShape<typeof SubscribeTopicEventsRequestSchema>;
type Initial = Partial<Omit<SubscribeTopicEventsRequestInitial, "$typeName">>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value: string) => new TextEncoder().encode(value);
const decode = (data: Uint8Array) => new TextDecoder().decode(data);

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let topics = 0;
const topicName = (label: string) => `rpc-${label}-${process.pid}-${Date.now()}-${++topics}`;

/** A raw SubscribeTopicEvents stream: what is sent, what arrives, how it ended. */
function openStream(client: Client) {
  const requests = new Outbox<StreamMessage>();
  const abort = new AbortController();
  const received: SubscribeTopicEventsResponse[] = [];
  let consumerGroup: string | null = null;
  const responses = client.subscribeTopicEvents(requests, {
    signal: abort.signal,
    onHeader: (headers) => {
      consumerGroup = headers.get(CONSUMER_GROUP_HEADER);
    },
  });
  const ended = (async () => {
    try {
      for await (const response of responses) received.push(response);
      return "ended";
    } catch (error) {
      return error as Error;
    } finally {
      requests.end();
    }
  })();
  const events = (): TopicEventRequest[] =>
    received.flatMap((response) =>
      response.subscribeTopicEventsResponseType.case === "eventMessage"
        ? [response.subscribeTopicEventsResponseType.value]
        : [],
    );
  return {
    received,
    events,
    ended,
    consumerGroup: () => consumerGroup,
    send: (message: StreamMessage) => requests.push(message),
    /** Opens the subscription and waits for the initial response. */
    subscribe: async (initial: Initial) => {
      requests.push({
        subscribeTopicEventsRequestType: { case: "initialRequest", value: initial },
      });
      await until(() => received.length > 0, "the initial response");
      expect(received[0]!.subscribeTopicEventsResponseType.case).toBe("initialResponse");
    },
    answer: (id: string, status: Status) =>
      requests.push({
        subscribeTopicEventsRequestType: {
          case: "eventProcessed",
          value: { id, status: { status } },
        },
      }),
    waitForEvents: (count: number) => until(() => events().length >= count, `${count} events`),
    end: () => requests.end(),
    abort: () => abort.abort(),
  };
}

/** `layer8_pubsub_events_total` of one component and topic, by outcome, from `/metrics`. */
async function deliveryCounts(
  sidecar: StartedSidecar,
  component: string,
  topic: string,
): Promise<Record<string, string>> {
  const families = parsePrometheus(await (await fetch(`${sidecar.actuatorUrl}/metrics`)).text());
  const events = families.find((f) => f.name === "layer8_pubsub_events_total");
  const counts: Record<string, string> = {};
  for (const sample of events?.metrics ?? []) {
    if (sample.labels?.component === component && sample.labels?.topic === topic) {
      counts[sample.labels.outcome!] = sample.value!;
    }
  }
  return counts;
}

// Generous: the machines running these are small and shared.
describe("the sidecar's pub/sub rpcs", { timeout: 20_000 }, () => {
  let sidecar: StartedSidecar;
  let client: Client;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "shop",
        components: {
          pubsub: { events: { type: "memory" }, audit: { type: "memory" } },
          state: { cache: { type: "memory" } },
        },
      },
    });
    client = runtimeClient(sidecar.address);
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("PublishEvent answers INVALID_ARGUMENT naming an unknown or missing component and the configured ones, or a bad field", async () => {
    await expect(
      client.publishEvent({ pubsubName: "evnts", topic: "orders", data: text("x") }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "pubsub 'evnts' is not configured; configured: events, audit",
    });
    await expect(client.publishEvent({ topic: "orders", data: text("x") })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "pubsub name is required; configured: events, audit",
    });
    await expect(
      client.publishEvent({ pubsubName: "events", topic: "has space", data: text("x") }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/^pubsub 'events'.*topic 'has space' must be/),
    });
    await expect(
      client.publishEvent({
        pubsubName: "events",
        topic: "orders",
        metadata: { ttlInSeconds: "soon" },
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/^pubsub 'events'.*metadata\.ttlInSeconds/),
    });
  });

  it("SubscribeTopicEvents refuses a stream whose first message is not initial_request, or names an unknown component or a bad topic", async () => {
    const answerFirst = openStream(client);
    answerFirst.answer("e-1", Status.SUCCESS);
    expect(await answerFirst.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        "SubscribeTopicEvents: the first message must be initial_request, got event_processed",
    });
    const empty = openStream(client);
    empty.end();
    expect(await empty.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringContaining("the stream ended before its first message"),
    });
    const unknown = openStream(client);
    unknown.send({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: { pubsubName: "evnts", topic: "orders" },
      },
    });
    expect(await unknown.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "pubsub 'evnts' is not configured; configured: events, audit",
    });
    const badTopic = openStream(client);
    badTopic.send({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: { pubsubName: "events", topic: "a/b" },
      },
    });
    expect(await badTopic.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/^pubsub 'events'.*topic 'a\/b' must be/),
    });
    const badOption = openStream(client);
    badOption.send({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: { pubsubName: "events", topic: "orders", metadata: { concurrency: "many" } },
      },
    });
    expect(await badOption.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringMatching(/^pubsub 'events'.*metadata\.concurrency/),
    });
  });

  it("ends a stream with INVALID_ARGUMENT on a second initial_request or an answer for no event sent", async () => {
    const twice = openStream(client);
    await twice.subscribe({ pubsubName: "events", topic: topicName("twice") });
    twice.send({
      subscribeTopicEventsRequestType: {
        case: "initialRequest",
        value: { pubsubName: "events", topic: topicName("other") },
      },
    });
    expect(await twice.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringContaining("only the first message may be initial_request"),
    });
    const stray = openStream(client);
    await stray.subscribe({ pubsubName: "events", topic: topicName("stray") });
    stray.answer("never-sent", Status.SUCCESS);
    expect(await stray.ended).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        "SubscribeTopicEvents: event_processed.id 'never-sent' names no event awaiting an answer on this stream",
    });
  });

  it("sends the initial response with the consumer group, then each event, settled by the client's answer: RETRY redelivers, DROP dead-letters", async () => {
    const topic = topicName("answers");
    const deadLetterTopic = topicName("answers-dead");
    const letters = openStream(client);
    await letters.subscribe({ pubsubName: "events", topic: deadLetterTopic });
    const stream = openStream(client);
    await stream.subscribe({
      pubsubName: "events",
      topic,
      deadLetterTopic,
      metadata: { retryInitialDelayMs: "50" },
    });
    expect(stream.consumerGroup()).toBe("shop");

    await client.publishEvent({
      pubsubName: "events",
      topic,
      data: text('{"n":1}'),
      dataContentType: "application/json",
      metadata: { "cloudevent.id": "first" },
    });
    await stream.waitForEvents(1);
    expect(stream.events()[0]).toMatchObject({
      id: "first",
      source: "shop",
      type: "com.dapr.event.sent",
      specVersion: "1.0",
      dataContentType: "application/json",
      topic,
      pubsubName: "events",
    });
    expect(decode(stream.events()[0]!.data)).toBe('{"n":1}');
    stream.answer("first", Status.RETRY);
    await stream.waitForEvents(2);
    expect(stream.events()[1]!.id).toBe("first");
    stream.answer("first", Status.DROP);
    await letters.waitForEvents(1);
    expect(letters.events()[0]).toMatchObject({ id: "first", topic: deadLetterTopic });
    expect(letters.events()[0]!.metadata).toMatchObject({
      deadLetterFrom: topic,
      deadLetterReason: "DROP",
    });
    letters.answer("first", Status.SUCCESS);

    // Acknowledged: the next event comes, and nothing else.
    await client.publishEvent({ pubsubName: "events", topic, data: text("second") });
    await stream.waitForEvents(3);
    expect(decode(stream.events()[2]!.data)).toBe("second");
    stream.answer(stream.events()[2]!.id, Status.SUCCESS);
    await sleep(200);
    expect(stream.events()).toHaveLength(3);
    stream.end();
    letters.end();
    expect(await stream.ended).toBe("ended");
    expect(await letters.ended).toBe("ended");
  });

  it("hands an event a cancelled stream never answered to the group's next stream", async () => {
    const topic = topicName("cancelled");
    const first = openStream(client);
    await first.subscribe({ pubsubName: "events", topic });
    await client.publishEvent({
      pubsubName: "events",
      topic,
      data: text("unanswered"),
      metadata: { "cloudevent.id": "kept" },
    });
    await first.waitForEvents(1);
    first.abort();
    expect(await first.ended).toMatchObject({ code: Code.Canceled });
    const next = openStream(client);
    await next.subscribe({ pubsubName: "events", topic });
    await next.waitForEvents(1);
    expect(next.events()[0]).toMatchObject({ id: "kept" });
    next.answer("kept", Status.SUCCESS);
    next.end();
    await next.ended;
    // Handed back unanswered is no outcome: one delivery, no retry.
    expect(await deliveryCounts(sidecar, "events", topic)).toEqual({ delivered: "1" });
  });

  it("puts the caller's traceparent and tracestate, unchanged with tracing off, into the published CloudEvent", async () => {
    const topic = topicName("trace");
    const stream = openStream(client);
    await stream.subscribe({ pubsubName: "events", topic });
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const traced = runtimeClient(sidecar.address, { traceparent, tracestate: "shop=1" });
    await traced.publishEvent({ pubsubName: "events", topic, data: text("traced") });
    // A trace the app sets itself wins over the call's.
    const own = "00-11111111111111111111111111111111-2222222222222222-01";
    await traced.publishEvent({
      pubsubName: "events",
      topic,
      data: text("own trace"),
      metadata: { "cloudevent.traceparent": own },
    });
    await stream.waitForEvents(1);
    stream.answer(stream.events()[0]!.id, Status.SUCCESS);
    await stream.waitForEvents(2);
    stream.answer(stream.events()[1]!.id, Status.SUCCESS);
    expect(stream.events()[0]!.metadata).toMatchObject({
      traceparent,
      traceid: traceparent,
      tracestate: "shop=1",
    });
    expect(stream.events()[1]!.metadata).toMatchObject({ traceparent: own });
    stream.end();
    await stream.ended;
  });

  it("counts deliveries in /metrics: delivered, retried, dead-lettered and dropped, by component and topic", async () => {
    const topic = topicName("counted");
    const deadLetterTopic = topicName("counted-dead");
    const letters = openStream(client);
    await letters.subscribe({ pubsubName: "audit", topic: deadLetterTopic });
    const withLetters = openStream(client);
    await withLetters.subscribe({
      pubsubName: "audit",
      topic,
      deadLetterTopic,
      metadata: { retryInitialDelayMs: "20" },
    });
    // The same topic, another consumer group, no dead-letter topic: DROP drops.
    const withoutLetters = openStream(client);
    await withoutLetters.subscribe({
      pubsubName: "audit",
      topic,
      metadata: { consumerID: "no-letters" },
    });
    expect(withoutLetters.consumerGroup()).toBe("no-letters");

    // Per event, the answers of the stream with a dead-letter topic, then of the one without.
    const script: Record<string, [Status[], Status[]]> = {
      a: [[Status.SUCCESS], [Status.SUCCESS]],
      b: [[Status.RETRY, Status.RETRY, Status.SUCCESS], [Status.DROP]],
      c: [[Status.DROP], [Status.RETRY, Status.SUCCESS]],
    };
    const answerBy = (stream: ReturnType<typeof openStream>, side: 0 | 1) => {
      let answered = 0;
      return async (expected: number) => {
        while (answered < expected) {
          await stream.waitForEvents(answered + 1);
          const event = stream.events()[answered]!;
          const earlier = stream
            .events()
            .slice(0, answered)
            .filter((e) => e.id === event.id);
          stream.answer(event.id, script[event.id]![side][earlier.length]!);
          answered += 1;
        }
      };
    };
    for (const id of Object.keys(script)) {
      await client.publishEvent({
        pubsubName: "audit",
        topic,
        data: text(id),
        metadata: { "cloudevent.id": id },
      });
    }
    await Promise.all([answerBy(withLetters, 0)(5), answerBy(withoutLetters, 1)(4)]);
    await letters.waitForEvents(1);
    letters.answer("c", Status.SUCCESS);

    const counts = async () => ({
      topic: await deliveryCounts(sidecar, "audit", topic),
      letters: await deliveryCounts(sidecar, "audit", deadLetterTopic),
    });
    const expected = {
      topic: {
        delivered: "4", // a twice, b with letters, c without
        retried: "3", // b twice with letters, c once without
        dead_lettered: "1", // c with letters
        dropped: "1", // b without letters
      },
      letters: { delivered: "1" },
    };
    // The last answers are counted once the sidecar has read them.
    let seen = await counts();
    for (let i = 0; i < 100 && !isDeepStrictEqual(seen, expected); i++) {
      await sleep(50);
      seen = await counts();
    }
    expect(seen).toEqual(expected);
    for (const stream of [letters, withLetters, withoutLetters]) stream.end();
    await Promise.all([letters.ended, withLetters.ended, withoutLetters.ended]);
  });
});

/** A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON exports and keeps their spans. */
function startCollector(): Promise<{
  server: Server;
  url: string;
  spans: { traceId: string; spanId: string; name: string }[];
}> {
  const spans: { traceId: string; spanId: string; name: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        resourceSpans: { scopeSpans: { spans: (typeof spans)[number][] }[] }[];
      };
      for (const resource of body.resourceSpans) {
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        spans,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
      }),
    ),
  );
}

describe("a sidecar with tracing on", () => {
  it("publishes events whose traceparent continues the caller's trace from the PublishEvent span", async () => {
    const collector = await startCollector();
    const sidecar = await startSidecar({
      config: {
        appId: "shop",
        tracing: { enabled: true, endpoint: collector.url },
        components: { pubsub: { events: { type: "memory" } } },
      },
    });
    try {
      const topic = topicName("traced");
      const stream = openStream(runtimeClient(sidecar.address));
      await stream.subscribe({ pubsubName: "events", topic });
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const callerSpan = "00f067aa0ba902b7";
      const caller = runtimeClient(sidecar.address, {
        traceparent: `00-${traceId}-${callerSpan}-01`,
      });
      await caller.publishEvent({ pubsubName: "events", topic, data: text("traced") });
      await stream.waitForEvents(1);
      const event = stream.events()[0]!;
      stream.answer(event.id, Status.SUCCESS);
      const [version, eventTrace, eventSpan, flags] = event.metadata.traceparent!.split("-");
      expect([version, eventTrace, flags]).toEqual(["00", traceId, "01"]);
      expect(eventSpan).not.toBe(callerSpan);
      await until(
        () => collector.spans.some((s) => s.name.endsWith("/PublishEvent")),
        "the PublishEvent span",
      );
      const publish = collector.spans.find((s) => s.name.endsWith("/PublishEvent"))!;
      expect(publish).toMatchObject({ traceId, spanId: eventSpan });
      stream.end();
      await stream.ended;
    } finally {
      await sidecar.stop();
      collector.server.close();
    }
  }, 30_000);
});

describe("a sidecar stopping", () => {
  it("ends open SubscribeTopicEvents streams at once with UNAVAILABLE on SIGTERM", async () => {
    const own = await startSidecar({
      config: { components: { pubsub: { events: { type: "memory" } } } },
    });
    const client = runtimeClient(own.address);
    const stream = openStream(client);
    await stream.subscribe({ pubsubName: "events", topic: topicName("shutdown") });
    const started = performance.now();
    expect(await own.stop()).toBe(0);
    // The drain would wait 10 s (drainTimeoutMs) for a stream that never ends by itself.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await stream.ended).toMatchObject({
      code: Code.Unavailable,
      rawMessage: "the sidecar is shutting down; subscribe again once it is back",
    });
  }, 30_000);
});
