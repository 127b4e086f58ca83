import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { Code, Layer8Error } from "@layer8/core";
import { DEFAULT_ADDRESS, toBaseUrl } from "./address.js";
import {
  createLayer8Sections,
  type Layer8Sections,
  type StateSection,
} from "./gen/layer8_sections.js";
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

/**
 * The `state` section: the generated methods, one per rpc (`client.state.get({ storeName, key })`),
 * and, called with a store name, the State API of that store with `@layer8/state`'s types
 * (`client.state("orders").get({ key })`).
 */
export type StateAccess = StateSection & ((storeName: string) => StateClient);

/**
 * A connection to one Layer8 sidecar: a section per building block (generated from the proto,
 * one method per rpc, taking the request message as an object) plus a few hand-written helpers.
 * Every failed call throws a `Layer8Error`.
 */
export interface Layer8Client extends Omit<Layer8Sections, "state"> {
  readonly state: StateAccess;
  /** Checks that the sidecar answers; useful as a readiness probe. */
  sayHello(request?: SayHelloRequest): Promise<SayHelloResponse>;
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
  const sections = createLayer8Sections(
    createLayer8Transport(inner, { timeoutMs, isClosed: () => closed }),
  );
  const state: StateAccess = Object.assign(
    (storeName: string) => createStateClient(sections.state, storeName),
    sections.state,
  );

  return {
    ...sections,
    state,
    async sayHello(request = {}) {
      const response = await sections.runtime.sayHello({
        name: request.name ?? "",
        serviceName: request.serviceName ?? "",
      });
      return { hello: response.hello };
    },
    async close() {
      closed = true;
      session?.abort();
    },
  };
}
