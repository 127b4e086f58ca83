import { Code as ConnectCode, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AppCallback, TopicEventResponse_TopicEventResponseStatus as Status } from "@layer8/proto";
import { afterEach, describe, expect, it } from "vitest";
import {
  Code,
  Layer8Error,
  serveAppCallback,
  type TopicEvent,
  type TopicHandler,
} from "../src/index.js";

// The AppCallback server alone, called over real gRPC as the sidecar calls it.

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handle: TopicHandler["handle"]) {
  const server = await serveAppCallback({
    topics: [
      { pubsubName: "events", topic: "orders", metadata: { rawPayload: "true" }, handle },
      { pubsubName: "events", topic: "audit", handle: () => undefined },
    ],
  });
  servers.push(server);
  const sidecarSide = createClient(
    AppCallback,
    createGrpcTransport({ baseUrl: `http://${server.address}` }),
  );
  return { server, sidecarSide };
}

const event = (topic: string) => ({
  id: "e-1",
  pubsubName: "events",
  topic,
  data: new Uint8Array([1]),
});

describe("serveAppCallback", () => {
  it("lists the topics it was given, with their metadata", async () => {
    const { server, sidecarSide } = await serve(async () => "success" as const);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    const { subscriptions } = await sidecarSide.listTopicSubscriptions({});
    expect(subscriptions.map((s) => [s.pubsubName, s.topic, s.metadata])).toEqual([
      ["events", "orders", { rawPayload: "true" }],
      ["events", "audit", {}],
    ]);
  });

  it("answers with the handler's status, and SUCCESS when it returns nothing", async () => {
    let answer: "success" | "retry" | "drop" = "retry";
    const seen: TopicEvent[] = [];
    const { sidecarSide } = await serve(async (received) => {
      seen.push(received);
      return answer;
    });
    expect((await sidecarSide.onTopicEvent(event("orders"))).status).toBe(Status.RETRY);
    answer = "drop";
    expect((await sidecarSide.onTopicEvent(event("orders"))).status).toBe(Status.DROP);
    expect((await sidecarSide.onTopicEvent(event("audit"))).status).toBe(Status.SUCCESS);
    expect(seen.map((e) => [e.id, e.topic, [...e.data]])).toEqual([
      ["e-1", "orders", [1]],
      ["e-1", "orders", [1]],
    ]);
  });

  it("answers INTERNAL, which the sidecar retries, when the handler throws", async () => {
    const { sidecarSide } = await serve(async () => {
      throw new Error("database down");
    });
    const error = await sidecarSide.onTopicEvent(event("orders")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ code: ConnectCode.Internal });
    expect((error as ConnectError).rawMessage).toContain("database down");
  });

  it("answers UNIMPLEMENTED, which the sidecar drops, for a topic it has no handler for", async () => {
    const { sidecarSide } = await serve(async () => "success" as const);
    const error = await sidecarSide.onTopicEvent(event("unknown")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ConnectCode.Unimplemented });
    expect((error as ConnectError).rawMessage).toContain("'unknown'");
  });

  it("refuses two handlers for one topic of one component", async () => {
    const topic = { pubsubName: "events", topic: "orders", handle: () => undefined };
    const error = await serveAppCallback({ topics: [topic, topic] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Layer8Error);
    expect(error).toMatchObject({ code: Code.InvalidArgument });
  });
});
