import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { Code as ConnectCode, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Code, Layer8Error } from "@layer8/core";
import {
  AppCallback,
  TopicEventResponse_TopicEventResponseStatus as Status,
  type TopicEventRequest,
} from "@layer8/proto";

/** One event as the sidecar delivers it: a CloudEvent (`id`, `source`, `type`, `data`, ...). */
export type TopicEvent = TopicEventRequest;

/**
 * What the sidecar does with the event: `success` acknowledges it, `retry` redelivers it later,
 * `drop` discards it (or dead-letters it). A handler that returns nothing means `success`.
 */
export type TopicEventStatus = "success" | "retry" | "drop";

export interface TopicHandler {
  /** The pub/sub component's name in the sidecar's config. */
  pubsubName: string;
  topic: string;
  /** Component-specific subscription options. Default `{}`. */
  metadata?: Readonly<Record<string, string>>;
  /**
   * Handles one event. A thrown error is answered as a gRPC error (`INTERNAL`, with its message),
   * which the sidecar counts as `retry` and logs.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing means success
  handle(event: TopicEvent): Promise<TopicEventStatus | void> | TopicEventStatus | void;
}

export interface AppCallbackServerOptions {
  /** One entry per (component, topic); each pair at most once. */
  topics: readonly TopicHandler[];
  /** Default `"127.0.0.1"`. */
  host?: string;
  /** Default `0`: a free port (read it from `port` or `address`). */
  port?: number;
}

export interface AppCallbackServer {
  /** `host:port`: what the sidecar's `app.grpcCallback` must be. */
  readonly address: string;
  readonly port: number;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

const STATUS: Record<TopicEventStatus, Status> = {
  success: Status.SUCCESS,
  retry: Status.RETRY,
  drop: Status.DROP,
};

const pairKey = (pubsubName: string, topic: string) => JSON.stringify([pubsubName, topic]);

/**
 * Serves the app's side of pub/sub: the `AppCallback` service the sidecar calls to learn the
 * app's subscriptions (`ListTopicSubscriptions`) and to deliver each event (`OnTopicEvent`),
 * over gRPC (HTTP/2, cleartext). Point the sidecar's `app.grpcCallback` at `address`.
 */
export async function serveAppCallback(
  options: AppCallbackServerOptions,
): Promise<AppCallbackServer> {
  const handlers = new Map<string, TopicHandler>();
  for (const topic of options.topics) {
    const key = pairKey(topic.pubsubName, topic.topic);
    if (handlers.has(key)) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `topic '${topic.topic}' of pubsub '${topic.pubsubName}' has two handlers; give each pair one`,
        { block: "pubsub" },
      );
    }
    handlers.set(key, topic);
  }

  const service: ServiceImpl<typeof AppCallback> = {
    listTopicSubscriptions: () => ({
      subscriptions: options.topics.map(({ pubsubName, topic, metadata }) => ({
        pubsubName,
        topic,
        metadata: { ...metadata },
      })),
    }),
    async onTopicEvent(event) {
      const handler = handlers.get(pairKey(event.pubsubName, event.topic));
      if (handler === undefined) {
        // UNIMPLEMENTED is what the sidecar counts as DROP: this app will never handle it.
        throw new ConnectError(
          `this app subscribes to no topic '${event.topic}' of pubsub '${event.pubsubName}'`,
          ConnectCode.Unimplemented,
        );
      }
      try {
        return { status: STATUS[(await handler.handle(event)) ?? "success"] };
      } catch (reason) {
        throw new ConnectError(
          `the handler of topic '${event.topic}' failed: ${reason instanceof Error ? reason.message : String(reason)}`,
          ConnectCode.Internal,
          undefined,
          undefined,
          reason,
        );
      }
    },
  };

  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createServer(
    connectNodeAdapter({
      grpc: true,
      connect: false,
      grpcWeb: false,
      routes: (router) => router.service(AppCallback, service),
    }),
  );
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close();
      await closed;
    },
  };
}
