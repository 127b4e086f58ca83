import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { specEncodeGrpcMessage } from "./grpc-message-encoding.js";
import { toConnectError } from "./to-connect-error.js";

export interface GrpcServer {
  readonly host: string;
  readonly port: number;
  /**
   * Stops accepting connections and calls, lets in-flight calls finish for up to `drainMs`,
   * then cuts what is left.
   */
  close(drainMs: number): Promise<void>;
}

/** Maps every error a handler throws, unary or mid-stream, to a gRPC status in one place. */
const mapErrors: Interceptor = (next) => async (request) => {
  try {
    const response = await next(request);
    if (!response.stream) return response;
    return { ...response, message: mapStreamErrors(response.message) };
  } catch (error) {
    throw toConnectError(error);
  }
};

async function* mapStreamErrors<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    throw toConnectError(error);
  }
}

/** Serves gRPC (and the Connect and gRPC-Web protocols) over cleartext HTTP/2. */
export function startGrpcServer(options: {
  host: string;
  port: number;
  routes: (router: ConnectRouter) => void;
}): Promise<GrpcServer> {
  const adapter = connectNodeAdapter({ routes: options.routes, interceptors: [mapErrors] });
  const server: Http2Server = createServer((request, response) => {
    specEncodeGrpcMessage(response);
    adapter(request, response);
  });
  const sessions = new Set<ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        host: address.address,
        port: address.port,
        close: (drainMs) => closeGracefully(server, sessions, drainMs),
      });
    });
  });
}

async function closeGracefully(
  server: Http2Server,
  sessions: Set<ServerHttp2Session>,
  drainMs: number,
) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A graceful session close sends GOAWAY: no new streams, the open ones run to completion.
  for (const session of sessions) session.close();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, drainMs);
  });
  await Promise.race([closed, deadline]);
  clearTimeout(timer);
  for (const session of sessions) session.destroy();
  await closed;
}
