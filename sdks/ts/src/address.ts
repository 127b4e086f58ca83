import { Code, Layer8Error } from "@layer8/core";

/** Where the sidecar's gRPC port listens unless told otherwise (Layotto's port). */
export const DEFAULT_ADDRESS = "127.0.0.1:34904";

/**
 * Turns `host:port` into the base URL Connect wants. The sidecar speaks gRPC over cleartext
 * HTTP/2 (h2c), hence `http:`. A full `http://` or `https://` URL is taken as it is, so a sidecar
 * behind TLS can be reached too.
 */
export function toBaseUrl(address: string): string {
  if (/^https?:\/\//.test(address)) return address;
  if (!/^(\[[0-9a-fA-F:.]+\]|[^\s/:[\]]+):\d{1,5}$/.test(address)) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `address '${address}' is not host:port (e.g. '${DEFAULT_ADDRESS}') or an http(s) URL`,
    );
  }
  return `http://${address}`;
}
