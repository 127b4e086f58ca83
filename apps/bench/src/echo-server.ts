import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { singleMessage } from "./grpc-frame.js";

/** The transport ceiling: a bare `node:http2` server, listening on loopback. */
export interface EchoServer {
  port: number;
  close(): Promise<void>;
}

// gRPC status codes this server answers with (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
const OK = "0";
const INTERNAL = "13";

/**
 * Answers every gRPC unary call, whatever its path, with the request's own message: the least a
 * gRPC server can do per call (read the frame, write headers, the frame and a `grpc-status: 0`
 * trailer), with no protobuf decoding, routing or handler. What a sidecar call adds beyond the
 * transport is measured against this.
 */
export async function startEchoServer(port = 0): Promise<EchoServer> {
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    stream.on("error", () => {
      // A client that resets its call: nothing to answer.
    });
    if (!String(headers["content-type"] ?? "").startsWith("application/grpc")) {
      stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      try {
        singleMessage(body);
      } catch (error) {
        // Trailers-only: the status rides in the headers of an empty response.
        stream.respond(
          {
            ":status": 200,
            "content-type": "application/grpc",
            "grpc-status": INTERNAL,
            "grpc-message": encodeURIComponent((error as Error).message),
          },
          { endStream: true },
        );
        return;
      }
      stream.respond(
        { ":status": 200, "content-type": "application/grpc" },
        { waitForTrailers: true },
      );
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": OK }));
      // The body is exactly one frame of the message: echoed as it came.
      stream.end(body);
    });
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const session of sessions) session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
