import { ConnectError } from "@connectrpc/connect";
import { type Code, Layer8Error } from "@layer8/core";

/**
 * The one place where a failed call becomes a `Layer8Error`. Connect's codes are the gRPC
 * numbers, as `Code` is, so the number passes through unchanged; the message is the server's own
 * text (`rawMessage`), without Connect's `[code]` prefix, since `Layer8Error` adds its own.
 * Anything that is not a `ConnectError` yet (a socket error, an abort) goes through
 * `ConnectError.from` first, which knows how to classify those (an abort becomes `CANCELLED`).
 */
export function toLayer8Error(reason: unknown): Layer8Error {
  if (reason instanceof Layer8Error) return reason;
  const error = ConnectError.from(reason);
  return new Layer8Error(error.code as number as Code, error.rawMessage, { cause: error });
}
