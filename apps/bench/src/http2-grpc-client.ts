import * as http2 from "node:http2";
import { frame, singleMessage } from "./grpc-frame.js";

/** Unary gRPC calls over one HTTP/2 connection, with nothing between the caller and node:http2. */
export interface Http2GrpcClient {
  /** Calls `path` (`/package.Service/Method`) with one encoded message; resolves with the answer's. */
  unary(path: string, message: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

const {
  HTTP2_HEADER_METHOD,
  HTTP2_HEADER_PATH,
  HTTP2_HEADER_CONTENT_TYPE,
  HTTP2_HEADER_TE,
  HTTP2_HEADER_STATUS,
} = http2.constants;

/**
 * The load generator's client. connect-node's client costs about 1 ms of CPU per unary call on
 * this machine, enough to make the bench process, not the server, the limit of every row; this
 * one does per call what any gRPC client must (headers, one frame, status from the trailers) and
 * no more, so that the rows measure the servers. It is the same for the sidecar and the ceiling.
 */
export function connectHttp2Grpc(address: string): Http2GrpcClient {
  const session = http2.connect(`http://${address}`);
  session.on("error", () => {
    // Calls in flight fail on their own streams; a session error has no caller to reach.
  });
  return {
    unary: (path, message) =>
      new Promise((resolve, reject) => {
        const stream = session.request({
          [HTTP2_HEADER_METHOD]: "POST",
          [HTTP2_HEADER_PATH]: path,
          [HTTP2_HEADER_CONTENT_TYPE]: "application/grpc+proto",
          [HTTP2_HEADER_TE]: "trailers",
        });
        const chunks: Buffer[] = [];
        let status: string | undefined;
        let statusMessage = "";
        const readStatus = (headers: http2.IncomingHttpHeaders) => {
          const value = headers["grpc-status"];
          if (value !== undefined) {
            status = String(value);
            statusMessage = decodeURIComponent(String(headers["grpc-message"] ?? ""));
          }
        };
        stream.on("response", (headers) => {
          const httpStatus = Number(headers[HTTP2_HEADER_STATUS]);
          if (httpStatus !== 200) {
            status = "2";
            statusMessage = `HTTP status ${httpStatus}`;
          }
          readStatus(headers);
        });
        stream.on("trailers", readStatus);
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", reject);
        stream.on("close", () => {
          if (status === undefined) {
            reject(new Error(`${path}: the stream closed without a grpc-status`));
          } else if (status !== "0") {
            reject(new Error(`${path}: grpc-status ${status}: ${statusMessage}`));
          } else {
            const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            // A plain Uint8Array view, so that decoded bytes fields are what connect gives.
            const body = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
            try {
              resolve(body.length === 0 ? new Uint8Array() : singleMessage(body));
            } catch (error) {
              reject(error);
            }
          }
        });
        stream.end(frame(message));
      }),
    close: () =>
      new Promise((resolve) => {
        if (session.closed) resolve();
        else session.close(() => resolve());
      }),
  };
}
