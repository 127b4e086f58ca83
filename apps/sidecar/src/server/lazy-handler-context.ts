import type { IncomingHttpHeaders, ServerHttp2Stream } from "node:http2";
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { type ContextValues, createContextValues, type HandlerContext } from "@connectrpc/connect";
import { CLIENT_RESET } from "./client-reset.js";
import { SERVER_CLOSING } from "./server-closing.js";

/**
 * connect's HandlerContext for a call served on a bare HTTP/2 stream, built lazily: most unary
 * handlers touch none of it, and an AbortSignal (with the DOMException its abort makes) or a
 * Headers object per call is what made connect's own path slow. What a handler does touch
 * behaves as connect's: `signal` aborts on cancellation or deadline, headers and trailers it sets
 * are sent.
 */
export class LazyHandlerContext implements HandlerContext {
  readonly protocolName = "grpc";
  readonly requestMethod = "POST";
  #signal: AbortController | undefined;
  #abortedWith: unknown;
  #aborted = false;
  #requestHeader: Headers | undefined;
  #responseHeader: Headers | undefined;
  #responseTrailer: Headers | undefined;
  #values: ContextValues | undefined;

  constructor(
    readonly service: DescService,
    readonly method: DescMethod,
    private readonly stream: ServerHttp2Stream,
    private readonly headers: IncomingHttpHeaders,
    private readonly closing: AbortSignal,
    private readonly deadline: number | undefined,
  ) {}

  get url(): string {
    return `${this.headers[":scheme"]}://${this.headers[":authority"]}${this.headers[":path"]}`;
  }

  get signal(): AbortSignal {
    if (!this.#signal) {
      this.#signal = new AbortController();
      if (this.#aborted) this.#signal.abort(this.#abortedWith);
    }
    return this.#signal.signal;
  }

  readonly timeoutMs = (): number | undefined =>
    this.deadline === undefined ? undefined : this.deadline - Date.now();

  get requestHeader(): Headers {
    this.#requestHeader ??= requestHeadersOf(this.headers);
    return this.#requestHeader;
  }

  get responseHeader(): Headers {
    this.#responseHeader ??= new Headers();
    return this.#responseHeader;
  }

  get responseTrailer(): Headers {
    this.#responseTrailer ??= new Headers();
    return this.#responseTrailer;
  }

  get values(): ContextValues {
    const stream = this.stream;
    this.#values ??= createContextValues()
      .set(SERVER_CLOSING, this.closing)
      .set(CLIENT_RESET, () => stream.aborted);
    return this.#values;
  }

  /** Aborts `signal` (now, or when first asked for) with the reason the call ended early. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortedWith = reason;
    this.#signal?.abort(reason);
  }

  /** What the handler set in `responseHeader` and `responseTrailer`, as HTTP/2 header fields. */
  headersSet(): Record<string, string> | undefined {
    return this.#responseHeader && fieldsOf(this.#responseHeader);
  }

  trailersSet(): Record<string, string> | undefined {
    return this.#responseTrailer && fieldsOf(this.#responseTrailer);
  }
}

/** The request's metadata without HTTP/2 pseudo-headers, as connect gives it to handlers. */
export function requestHeadersOf(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const name in headers) {
    if (name.charCodeAt(0) === 58 /* ":" */) continue;
    const value = headers[name];
    if (Array.isArray(value)) for (const item of value) result.append(name, item);
    else if (value !== undefined) result.append(name, value);
  }
  return result;
}

function fieldsOf(headers: Headers): Record<string, string> {
  const fields: Record<string, string> = {};
  headers.forEach((value, name) => {
    fields[name] = value;
  });
  return fields;
}
