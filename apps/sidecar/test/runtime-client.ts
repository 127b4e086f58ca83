import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime } from "@layer8/proto";

/** A Runtime client over gRPC to `address` (host:port) that sends `headers` on every call. */
export function runtimeClient(address: string, headers: Record<string, string> = {}) {
  return createClient(
    Runtime,
    createGrpcTransport({
      baseUrl: `http://${address}`,
      interceptors: [
        (next) => async (request) => {
          for (const [name, text] of Object.entries(headers)) request.header.set(name, text);
          return next(request);
        },
      ],
    }),
  );
}
