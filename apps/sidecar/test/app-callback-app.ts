import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { ServiceImpl } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import {
  AppCallback,
  TopicEventResponse_TopicEventResponseStatus as Status,
  type TopicEventRequest,
} from "@layer8/proto";

/** A subscription the test app lists. */
export interface ListedSubscription {
  pubsubName: string;
  topic: string;
  metadata?: Record<string, string>;
}

/** What the test app answers an event with: a status, or a thrown error (a ConnectError). */
export type AppAnswer = (event: TopicEventRequest) => Promise<"SUCCESS" | "RETRY" | "DROP">;

export interface TestAppOptions {
  subscriptions: ListedSubscription[];
  /** Default: SUCCESS for every event. */
  answer?: AppAnswer;
  /** Default 0: a free port. */
  port?: number;
}

/** A real app serving AppCallback over gRPC (connect-node, HTTP/2) in the test process. */
export interface TestApp {
  /** `127.0.0.1:port`, as `app.grpcCallback` takes it. */
  address: string;
  port: number;
  /** Every event received, in order, with its answer or error. */
  received: { event: TopicEventRequest; answer: string }[];
  /** What the app lists; change it, then `reconnect()`, for the sidecar to read it again. */
  subscriptions: ListedSubscription[];
  /** How many times the sidecar asked for the subscriptions. */
  listCalls: number;
  /** Changes what the app answers from now on. */
  answer: AppAnswer;
  /** Events received on `topic`, in order. */
  eventsOf(topic: string): TopicEventRequest[];
  /**
   * Stops listening and ends every connection: at once (an app process dying), or with
   * `graceful` by a GOAWAY (an app shutting down).
   */
  stop(options?: { graceful?: boolean }): Promise<void>;
  /**
   * Ends every connection by a GOAWAY (calls in flight finish) and keeps listening: to the
   * sidecar this is an app that restarted, so it dials again and reads the list again.
   */
  reconnect(): void;
}

const STATUS = { SUCCESS: Status.SUCCESS, RETRY: Status.RETRY, DROP: Status.DROP } as const;

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const sessions = new Set<http2.ServerHttp2Session>();
  const app: TestApp = {
    address: "",
    port: 0,
    received: [],
    subscriptions: options.subscriptions,
    listCalls: 0,
    answer: options.answer ?? (async () => "SUCCESS"),
    eventsOf: (topic) => app.received.filter((r) => r.event.topic === topic).map((r) => r.event),
    stop: async ({ graceful = false } = {}) => {
      for (const session of sessions) {
        if (graceful) session.close();
        else session.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    reconnect: () => {
      for (const session of sessions) session.close();
    },
  };
  const service: ServiceImpl<typeof AppCallback> = {
    listTopicSubscriptions: async () => {
      app.listCalls += 1;
      return {
        subscriptions: app.subscriptions.map((s) => ({ ...s, metadata: s.metadata ?? {} })),
      };
    },
    onTopicEvent: async (event) => {
      try {
        const answer = await app.answer(event);
        app.received.push({ event, answer });
        return { status: STATUS[answer] };
      } catch (error) {
        app.received.push({ event, answer: `error: ${(error as Error).message}` });
        throw error;
      }
    },
  };
  const server = http2.createServer(
    connectNodeAdapter({ routes: (router) => router.service(AppCallback, service) }),
  );
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  app.port = (server.address() as AddressInfo).port;
  app.address = `127.0.0.1:${app.port}`;
  return app;
}

/** Resolves once `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
