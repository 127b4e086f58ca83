import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import { createContextKey } from "@connectrpc/connect";

/**
 * Tells whether the client has reset the call's HTTP/2 stream (RST_STREAM). Node.js sets its flag
 * as soon as the frame is read; connect's call signal aborts only once the stream has closed,
 * some turns of the event loop later.
 */
export const CLIENT_RESET = createContextKey<() => boolean>(() => false, {
  description: "whether the client reset the call's HTTP/2 stream",
});

/** `CLIENT_RESET` for one request. */
export function clientResetOf(request: IncomingMessage | Http2ServerRequest): () => boolean {
  if ("stream" in request) {
    const stream = request.stream;
    return () => stream.aborted;
  }
  return () => request.destroyed && !request.complete;
}
