import { lstatSync, unlinkSync } from "node:fs";
import {
  createSecureServer,
  createServer,
  type Http2SecureServer,
  type Http2Server,
  Http2ServerRequest,
  Http2ServerResponse,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from "node:http2";
import type { AddressInfo } from "node:net";
import { type ConnectRouter, createContextValues, type Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { Code } from "@layer8/core";
import { type CallInfo, type CallPolicy, PolicyChain } from "./call-policy.js";
import { CLIENT_RESET, clientResetOf } from "./client-reset.js";
import { specEncodeGrpcMessage } from "./grpc-message-encoding.js";
import { GrpcUnaryPath, type ServedService } from "./grpc-unary-path.js";
import { SERVER_CLOSING } from "./server-closing.js";
import { toConnectError } from "./to-connect-error.js";

export interface GrpcServer {
  /** The TCP address, or "" and 0 on a Unix domain socket. */
  readonly host: string;
  readonly port: number;
  /** Where it listens, for logs: `grpc://host:port`, `grpcs://host:port` or `unix:/path`. */
  readonly url: string;
  /**
   * Stops accepting connections and calls, lets in-flight calls finish for up to `drainMs`,
   * then cuts what is left.
   */
  close(drainMs: number): Promise<void>;
}

export { SERVER_CLOSING } from "./server-closing.js";

/**
 * Applies the call policies around every call connect serves and maps every error a handler
 * throws, unary or mid-stream, to a gRPC status, in one place.
 */
function applyPolicies(policies: PolicyChain): Interceptor {
  return (next) => async (request) => {
    const call: CallInfo = {
      service: request.service.typeName,
      method: request.method.name,
      headers: request.header,
    };
    const finish = policies.start(call);
    try {
      policies.admit(call);
      const response = await policies.run(call, () => next(request));
      if (!response.stream) {
        finish(0);
        return response;
      }
      return { ...response, message: mapStreamErrors(response.message, finish) };
    } catch (error) {
      const mapped = toConnectError(error);
      finish(mapped.code as number as Code);
      throw mapped;
    }
  };
}

async function* mapStreamErrors<T>(
  messages: AsyncIterable<T>,
  finish: (code: Code | 0) => void,
): AsyncIterable<T> {
  // A stream the client cancels ends here without an error: it counts as CANCELLED.
  let code: Code | 0 = 1;
  try {
    yield* messages;
    code = 0;
  } catch (error) {
    const mapped = toConnectError(error);
    code = mapped.code as number as Code;
    throw mapped;
  } finally {
    finish(code);
  }
}

export interface GrpcServerOptions {
  host: string;
  port: number;
  /** Listen on this Unix domain socket instead of host:port. */
  unixSocket?: string | undefined;
  /** PEM certificate and key: serve over TLS. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** Larger messages get RESOURCE_EXHAUSTED naming the limit. Default 16 MiB. */
  maxMessageBytes?: number;
  /** The services served, on every path (unary gRPC calls on the fast one). */
  services?: readonly ServedService[];
  /** More routes, served by connect only. */
  routes?: (router: ConnectRouter) => void;
  /** Applied to every call, in order. */
  policies?: readonly CallPolicy[];
}

/**
 * Serves gRPC (and the Connect and gRPC-Web protocols) over HTTP/2, cleartext or TLS. Unary gRPC
 * calls of `services` take the fast path (GrpcUnaryPath); everything else goes to connect.
 */
export function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const closing = new AbortController();
  const maxBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const services = options.services ?? [];
  const policies = new PolicyChain(options.policies ?? []);
  const adapter = connectNodeAdapter({
    routes: (router) => {
      for (const { service, impl } of services) router.service(service, impl);
      options.routes?.(router);
    },
    interceptors: [applyPolicies(policies)],
    contextValues: (request) =>
      createContextValues()
        .set(SERVER_CLOSING, closing.signal)
        .set(CLIENT_RESET, clientResetOf(request)),
    readMaxBytes: maxBytes,
    writeMaxBytes: maxBytes,
    // Responses go uncompressed, whatever the client accepts: the app is on the same host, so
    // gzip only costs CPU (GetFile of incompressible content ran 5x slower with it). Compressed
    // requests are still read.
    compressMinBytes: Number.MAX_SAFE_INTEGER,
  });
  const unary = new GrpcUnaryPath(services, policies, maxBytes, closing.signal);
  // No request listener: node's compatibility objects (Http2ServerRequest/Response) are made
  // only for the calls connect serves.
  const onStream = (
    stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    _flags: number,
    rawHeaders: string[],
  ) => {
    if (unary.tryServe(stream, headers)) return;
    const request = new Http2ServerRequest(stream, headers, {}, rawHeaders);
    const response = new Http2ServerResponse(stream);
    specEncodeGrpcMessage(response);
    adapter(request, response);
  };
  const server: Http2Server | Http2SecureServer = options.tls
    ? createSecureServer({ cert: options.tls.cert, key: options.tls.key })
    : createServer();
  server.on("stream", onStream);
  const sessions = new Set<ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  if (options.unixSocket) removeStaleSocket(options.unixSocket);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const listening = () => {
      server.off("error", reject);
      const address = server.address();
      const tcp =
        typeof address === "object" && address !== null ? (address as AddressInfo) : undefined;
      const scheme = options.tls ? "grpcs" : "grpc";
      resolve({
        host: tcp?.address ?? "",
        port: tcp?.port ?? 0,
        url: tcp ? `${scheme}://${tcp.address}:${tcp.port}` : `unix:${options.unixSocket}`,
        close: (drainMs) => {
          closing.abort();
          return closeGracefully(server, sessions, drainMs);
        },
      });
    };
    if (options.unixSocket) server.listen(options.unixSocket, listening);
    else server.listen(options.port, options.host, listening);
  });
}

/**
 * A socket file left by a process that died keeps `listen` from binding (EADDRINUSE); a socket
 * nobody listens on is removed. Anything that is not a socket is left for `listen` to refuse.
 */
function removeStaleSocket(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // Nothing there: nothing to remove.
  }
}

async function closeGracefully(
  server: Http2Server | Http2SecureServer,
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
