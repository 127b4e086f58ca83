import { createContextKey } from "@connectrpc/connect";

/**
 * Aborted when the server starts to close. Streams that never end by themselves (configuration
 * subscriptions) end on it, so that they do not hold the drain of calls that do end.
 */
export const SERVER_CLOSING = createContextKey<AbortSignal>(new AbortController().signal, {
  description: "aborted when the gRPC server starts to close",
});
