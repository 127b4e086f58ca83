import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerHttp2Stream } from "node:http2";
import {
  create,
  type DescMethod,
  type DescService,
  fromBinary,
  toBinary,
} from "@bufbuild/protobuf";
import { Code, Layer8Error } from "@layer8/core";
import type { CallInfo, PolicyChain } from "./call-policy.js";
import { encodeGrpcMessage } from "./grpc-message-encoding.js";
import { LazyHandlerContext, requestHeadersOf } from "./lazy-handler-context.js";
import { toConnectError } from "./to-connect-error.js";

/** A service and its handlers, as given to connect's router. */
export interface ServedService {
  service: DescService;
  // biome-ignore lint/suspicious/noExplicitAny: handlers of any service, checked at the router
  impl: Record<string, any>;
}

type UnaryHandler = (request: unknown, context: LazyHandlerContext) => Promise<unknown> | unknown;

interface UnaryRoute {
  service: DescService;
  method: DescMethod;
  handler: UnaryHandler;
}

/** gRPC timeout units (the `grpc-timeout` header) in milliseconds. */
const TIMEOUT_UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 0.001,
  n: 0.000_001,
};

/**
 * Serves unary gRPC calls straight on their HTTP/2 stream: one frame in, the handler, one frame
 * out, with the status in trailers. It runs the same handlers and call policies as connect's
 * router, without connect's per-call machinery (async iterables, linked AbortSignals, Headers),
 * which cost several times the transport itself. It takes only what it serves in full: binary
 * gRPC, uncompressed, a unary rpc it knows; `tryServe` returns false for the rest (streaming
 * rpcs, compressed requests, the Connect and gRPC-Web protocols), which connect then serves.
 */
export class GrpcUnaryPath {
  readonly #routes = new Map<string, UnaryRoute>();

  constructor(
    services: readonly ServedService[],
    private readonly policies: PolicyChain,
    private readonly maxBytes: number,
    private readonly closing: AbortSignal,
  ) {
    for (const { service, impl } of services) {
      for (const method of service.methods) {
        const handler = impl[method.localName] as UnaryHandler | undefined;
        if (method.methodKind !== "unary" || typeof handler !== "function") continue;
        this.#routes.set(`/${service.typeName}/${method.name}`, {
          service,
          method,
          handler: handler.bind(impl),
        });
      }
    }
  }

  /** Serves the call if it is one this path serves in full; returns whether it did. */
  tryServe(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): boolean {
    const route = this.#routes.get(headers[":path"] ?? "");
    if (!route || headers[":method"] !== "POST") return false;
    const type = headers["content-type"];
    if (type !== "application/grpc" && type !== "application/grpc+proto") return false;
    const encoding = headers["grpc-encoding"];
    if (encoding !== undefined && encoding !== "identity") return false;
    new UnaryCall(stream, headers, route, type, this.policies, this.maxBytes, this.closing);
    return true;
  }
}

/** What a policy sees of a call on this path; the headers are made only if a policy reads them. */
class FastCallInfo implements CallInfo {
  #headers: Headers | undefined;
  constructor(
    readonly service: string,
    readonly method: string,
    private readonly raw: IncomingHttpHeaders,
  ) {}
  get headers(): Headers {
    this.#headers ??= requestHeadersOf(this.raw);
    return this.#headers;
  }
}

/** One unary call, from its request frame to its status. */
class UnaryCall {
  /** Set once the call has its status (answered, failed, cancelled or out of time). */
  #done = false;
  #finish: ((code: Code | 0) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #context: LazyHandlerContext;
  #info: FastCallInfo;
  #chunks: Buffer[] = [];
  #received = 0;
  /** The length the first frame header declares, once its 5 bytes have arrived. */
  #declared: number | undefined;
  #tooLarge = false;

  constructor(
    private readonly stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    private readonly route: UnaryRoute,
    private readonly contentType: string,
    private readonly policies: PolicyChain,
    private readonly maxBytes: number,
    closing: AbortSignal,
  ) {
    const timeout = headerValue(headers["grpc-timeout"]);
    const timeoutMs = timeout === undefined ? undefined : parseTimeout(timeout);
    this.#context = new LazyHandlerContext(
      route.service,
      route.method,
      stream,
      headers,
      closing,
      timeoutMs === undefined || Number.isNaN(timeoutMs) ? undefined : Date.now() + timeoutMs,
    );
    this.#info = new FastCallInfo(route.service.typeName, route.method.name, headers);
    stream.once("close", () => this.#onClose());
    // A reset with an error code is also emitted as an error; "close" has told us enough.
    stream.on("error", () => undefined);
    if (Number.isNaN(timeoutMs)) {
      this.#fail(new Layer8Error(Code.InvalidArgument, `invalid grpc-timeout header '${timeout}'`));
      stream.resume();
      return;
    }
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(() => this.#onDeadline(), Math.max(0, timeoutMs));
    }
    stream.on("data", (chunk: Buffer) => this.#onData(chunk));
    stream.once("end", () => void this.#onEnd());
  }

  #onData(chunk: Buffer): void {
    if (this.#done || this.#tooLarge) return;
    this.#received += chunk.length;
    this.#chunks.push(chunk);
    // The declared length arrives in the first 5 bytes: refuse a large message before holding it.
    if (this.#declared === undefined && this.#received >= 5) {
      const head = this.#chunks.length === 1 ? chunk : Buffer.concat(this.#chunks);
      this.#declared = head.readUInt32BE(1);
    }
    if (this.#declared !== undefined) {
      const length = this.#declared;
      if (length > this.maxBytes || this.#received > this.maxBytes + 5) {
        this.#tooLarge = true;
        this.#chunks = [];
        this.#fail(
          new Layer8Error(
            Code.ResourceExhausted,
            `${this.route.method.name}: the request message is ${length} bytes, over the limit of ${this.maxBytes} bytes (grpc.maxMessageBytes)`,
          ),
        );
      }
    }
  }

  async #onEnd(): Promise<void> {
    if (this.#done) return;
    const body =
      this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#received);
    this.#chunks = [];
    const method = this.route.method;
    let request: unknown;
    try {
      request = fromBinary(method.input, requestMessageOf(body, method.name));
    } catch (error) {
      this.#fail(
        error instanceof Layer8Error
          ? error
          : new Layer8Error(
              Code.Internal,
              `${method.name}: the request is not a valid ${method.input.typeName}: ${(error as Error).message}`,
            ),
      );
      return;
    }
    try {
      this.#finish = this.policies.start(this.#info);
      this.policies.admit(this.#info);
      const result = await this.policies.run(this.#info, async () =>
        this.route.handler(request, this.#context),
      );
      if (this.#done) return;
      const bytes = toBinary(method.output, create(method.output, result as never));
      if (bytes.length > this.maxBytes) {
        throw new Layer8Error(
          Code.ResourceExhausted,
          `${method.name}: the response message is ${bytes.length} bytes, over the limit of ${this.maxBytes} bytes (grpc.maxMessageBytes)`,
        );
      }
      this.#answer(bytes);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Sends the response message and OK in trailers. */
  #answer(bytes: Uint8Array): void {
    if (!this.#end(0)) return;
    const frame = Buffer.allocUnsafe(5 + bytes.length);
    frame[0] = 0;
    frame.writeUInt32BE(bytes.length, 1);
    frame.set(bytes, 5);
    const stream = this.stream;
    const trailers = this.#context.trailersSet();
    stream.respond(this.#responseHeaders(), { waitForTrailers: true });
    stream.once("wantTrailers", () => {
      stream.sendTrailers(trailers ? { ...trailers, "grpc-status": "0" } : { "grpc-status": "0" });
    });
    stream.end(frame);
  }

  /** Sends the error's status, message spec-encoded, in a trailers-only response. */
  #fail(error: unknown): void {
    const mapped = toConnectError(error);
    const code = mapped.code as number as Code;
    if (!this.#end(code)) return;
    this.#context.abort(error);
    const fields: OutgoingHttpHeaders = {
      ...this.#responseHeaders(),
      ...this.#context.trailersSet(),
      "grpc-status": String(code),
      "grpc-message": encodeGrpcMessage(mapped.rawMessage),
    };
    mapped.metadata.forEach((value, name) => {
      fields[name] ??= value;
    });
    this.stream.respond(fields, { endStream: true });
  }

  #responseHeaders(): OutgoingHttpHeaders {
    const set = this.#context.headersSet();
    const base = {
      ":status": 200,
      "content-type": this.contentType,
      "grpc-accept-encoding": "gzip",
    };
    return set ? { ...set, ...base } : base;
  }

  /** Marks the call done with its status; false if it was done already or its stream is gone. */
  #end(code: Code | 0): boolean {
    if (this.#done) return false;
    this.#done = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#finish?.(code);
    return !this.stream.destroyed && !this.stream.closed;
  }

  #onDeadline(): void {
    this.#fail(
      new Layer8Error(
        Code.DeadlineExceeded,
        `${this.route.method.name}: the call's deadline (grpc-timeout) passed before it finished`,
      ),
    );
  }

  /** The client went away (RST_STREAM, connection lost) before the call had its status. */
  #onClose(): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#finish?.(Code.Canceled);
    this.#context.abort(
      new Layer8Error(Code.Canceled, `${this.route.method.name}: the client cancelled the call`),
    );
  }
}

/** The one message of a unary request body (`[compressed flag][uint32 length][bytes]`). */
function requestMessageOf(body: Buffer, method: string): Uint8Array {
  const malformed = (why: string) =>
    new Layer8Error(Code.Internal, `${method}: malformed gRPC request: ${why}`);
  if (body.length < 5) {
    throw body.length === 0
      ? new Layer8Error(Code.Unimplemented, `${method}: the request has no message`)
      : malformed(`${body.length} bytes, shorter than a frame header`);
  }
  const flags = body[0]!;
  if (flags & 1) throw malformed("a compressed message without a grpc-encoding header");
  if (flags !== 0) throw malformed(`unknown frame flags ${flags}`);
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) {
    throw malformed(`the frame declares ${length} bytes and carries ${body.length - 5}`);
  }
  if (body.length > 5 + length) {
    throw new Layer8Error(
      Code.Unimplemented,
      `${method}: a unary rpc takes one message; the request has more`,
    );
  }
  return body.subarray(5);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Milliseconds of a `grpc-timeout` value (`1S`, `250m`), or NaN if it is not one. */
function parseTimeout(value: string): number {
  const match = /^(\d{1,8})([HMSmun])$/.exec(value);
  return match ? Number(match[1]) * TIMEOUT_UNIT_MS[match[2]!]! : Number.NaN;
}
