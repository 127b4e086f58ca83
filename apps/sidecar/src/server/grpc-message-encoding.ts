import type { Http2ServerResponse, OutgoingHttpHeaders } from "node:http2";

/**
 * The gRPC spec percent-encodes `grpc-message` minimally: only bytes outside printable ASCII
 * (0x20-0x7E) and `%` itself. connect-node encodes with `encodeURIComponent`, and grpc-js
 * (under Layotto's and Dapr's JS SDKs) decodes with `decodeURI`, which leaves `%3B`, `%3A`, `%2C`
 * in the text: "not configured%3B configured%3A default". Re-encoding per spec fixes both sides.
 */
export function encodeGrpcMessage(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function respec(headers: OutgoingHttpHeaders | undefined): void {
  const value = headers?.["grpc-message"];
  if (headers && typeof value === "string") {
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not percent-encoded by connect after all: encode it as it is.
    }
    headers["grpc-message"] = encodeGrpcMessage(decoded);
  }
}

/** Makes `grpc-message` in this response's headers (trailers-only) and trailers spec-encoded. */
export function specEncodeGrpcMessage(response: Http2ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (
    ...args: unknown[]
  ) => Http2ServerResponse;
  const addTrailers = response.addTrailers.bind(response);
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null) as
      | OutgoingHttpHeaders
      | undefined;
    respec(headers);
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;
  response.addTrailers = (trailers: OutgoingHttpHeaders) => {
    respec(trailers);
    addTrailers(trailers);
  };
}
