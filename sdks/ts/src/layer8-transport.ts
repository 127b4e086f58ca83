import type { Transport } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import { toLayer8Error } from "./to-layer8-error.js";

export interface Layer8TransportOptions {
  /** Deadline of a call that sets none itself; undefined means none. */
  timeoutMs: number | undefined;
  isClosed: () => boolean;
}

/**
 * Wraps the transport every call of a client goes through, the State API's and the raw
 * `runtime` client's alike, so that all of them get the default deadline and throw only
 * `Layer8Error`. (The one gap: Connect's promise client checks a client-streaming reply's message
 * count itself, after the transport, and throws its own error if a server sends none or two.)
 */
export function createLayer8Transport(
  inner: Transport,
  options: Layer8TransportOptions,
): Transport {
  const assertOpen = () => {
    // Without this a call after close() would silently open a connection nothing closes.
    if (options.isClosed())
      throw new Layer8Error(Code.FailedPrecondition, "the Layer8 client is closed");
  };
  return {
    async unary(method, signal, timeoutMs, header, input, contextValues) {
      assertOpen();
      try {
        return await inner.unary(
          method,
          signal,
          timeoutMs ?? options.timeoutMs,
          header,
          input,
          contextValues,
        );
      } catch (reason) {
        throw toLayer8Error(reason);
      }
    },
    async stream(method, signal, timeoutMs, header, input, contextValues) {
      assertOpen();
      try {
        const response = await inner.stream(
          method,
          signal,
          timeoutMs ?? options.timeoutMs,
          header,
          input,
          contextValues,
        );
        return { ...response, message: mapIterationErrors(response.message) };
      } catch (reason) {
        throw toLayer8Error(reason);
      }
    },
  };
}

/** A streamed reply fails while it is read, not when it starts, so its iteration is mapped too. */
async function* mapIterationErrors<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (reason) {
    throw toLayer8Error(reason);
  }
}
