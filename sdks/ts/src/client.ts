import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { Code, Layer8Error } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { DEFAULT_ADDRESS, toBaseUrl } from "./address.js";
import { createLayer8Transport } from "./layer8-transport.js";
import { createStateClient } from "./state-client.js";
import type { StateClient } from "./state-types.js";

export interface Layer8ClientOptions {
  /**
   * The sidecar's gRPC address: `host:port`, or an `http://` / `https://` URL.
   * Default `"127.0.0.1:34904"`. Ignored when `transport` is given.
   */
  address?: string;
  /**
   * A Connect transport to use instead of the default (gRPC over cleartext HTTP/2 to `address`),
   * e.g. one with TLS or interceptors. The caller owns it: `close()` leaves it open.
   */
  transport?: Transport;
  /** Deadline of each call in milliseconds; a call over it fails with `DEADLINE_EXCEEDED`. Default: none. */
  timeoutMs?: number;
}

export interface SayHelloRequest {
  /** Who is saying hello. Default `""`. */
  name?: string;
  /** The hello component to answer. Default `""`, the sidecar's default. */
  serviceName?: string;
}

export interface SayHelloResponse {
  hello: string;
}

/** A connection to one Layer8 sidecar. Every failed call throws a `Layer8Error`. */
export interface Layer8Client {
  /** Checks that the sidecar answers; useful as a readiness probe. */
  sayHello(request?: SayHelloRequest): Promise<SayHelloResponse>;
  /** The State API of the store named `storeName` in the sidecar's configuration. */
  state(storeName: string): StateClient;
  /**
   * The generated client of the whole Runtime service, for the APIs this SDK does not wrap.
   * It shares the connection, the deadline and the error mapping: it throws `Layer8Error` too.
   */
  readonly runtime: Client<typeof Runtime>;
  /** Closes the connection; calls made afterwards fail with `FAILED_PRECONDITION`. */
  close(): Promise<void>;
}

/**
 * Creates a client of the sidecar. No connection is made until the first call, so this never
 * fails because the sidecar is not up yet.
 */
export function createLayer8Client(options: Layer8ClientOptions = {}): Layer8Client {
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `timeoutMs must be a positive number, got ${timeoutMs}`,
    );
  }
  // The session manager is created here, not left to the transport, because it is what
  // close() must abort; a transport the caller brought is the caller's to close.
  let session: Http2SessionManager | undefined;
  let inner = options.transport;
  if (inner === undefined) {
    const baseUrl = toBaseUrl(options.address ?? DEFAULT_ADDRESS);
    session = new Http2SessionManager(baseUrl);
    inner = createGrpcTransport({ baseUrl, sessionManager: session });
  }
  let closed = false;
  const runtime = createClient(
    Runtime,
    createLayer8Transport(inner, { timeoutMs, isClosed: () => closed }),
  );

  return {
    runtime,
    async sayHello(request = {}) {
      const response = await runtime.sayHello({
        name: request.name ?? "",
        serviceName: request.serviceName ?? "",
      });
      return { hello: response.hello };
    },
    state: (storeName) => createStateClient(runtime, storeName),
    async close() {
      closed = true;
      session?.abort();
    },
  };
}
