import { ConnectError, type Code as WireCode } from "@connectrpc/connect";
import { Code, isLayer8Error, Layer8Error } from "@layer8/core";

/**
 * The one place where errors become gRPC statuses. Layer8Error codes are gRPC numbers already;
 * anything else is a bug or an unexpected platform error and becomes INTERNAL with its message.
 */
export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const layer8 = isLayer8Error(error) ? error : Layer8Error.from(error, Code.Internal);
  return new ConnectError(
    layer8.rawMessage,
    layer8.code as number as WireCode,
    undefined,
    undefined,
    error,
  );
}
