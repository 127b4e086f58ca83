import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { AppCallback, TopicEventResponse_TopicEventResponseStatus } from "@layer8/proto";

/** An app serving AppCallback over gRPC in the bench process, as a real app beside the sidecar. */
export interface AppCallbackServer {
  /** `127.0.0.1:port`, for the sidecar's `app.grpcCallback`. */
  address: string;
  close(): Promise<void>;
}

/** Lists one subscription and answers SUCCESS to every event, after telling `received` its id. */
export async function startAppCallbackServer(
  subscription: { pubsubName: string; topic: string },
  received: (id: string) => void,
): Promise<AppCallbackServer> {
  const server = http2.createServer(
    connectNodeAdapter({
      routes: (router) =>
        router.service(AppCallback, {
          listTopicSubscriptions: async () => ({ subscriptions: [subscription] }),
          onTopicEvent: async (event) => {
            received(event.id);
            return { status: TopicEventResponse_TopicEventResponseStatus.SUCCESS };
          },
        }),
    }),
  );
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const session of sessions) session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
