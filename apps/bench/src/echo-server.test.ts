import * as http2 from "node:http2";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EchoServer, startEchoServer } from "./echo-server.js";
import { EchoService } from "./echo-service.js";
import { FRAME_HEADER_BYTES, frame, singleMessage } from "./grpc-frame.js";

describe("gRPC framing", () => {
  it("puts a 5-byte header (uncompressed flag, big-endian length) before the message", () => {
    const framed = frame(new Uint8Array([1, 2, 3]));
    expect([...framed]).toEqual([0, 0, 0, 0, 3, 1, 2, 3]);
    expect([...singleMessage(framed)]).toEqual([1, 2, 3]);
    expect(frame(new Uint8Array(70_000)).subarray(1, 5)).toEqual(
      new Uint8Array([0, 1, 0x11, 0x70]),
    );
  });

  it("refuses a body that is not exactly one uncompressed frame", () => {
    expect(() => singleMessage(new Uint8Array([0, 0, 0]))).toThrow(/5-byte header/);
    expect(() => singleMessage(new Uint8Array([1, 0, 0, 0, 0]))).toThrow(/compressed/);
    expect(() => singleMessage(new Uint8Array([0, 0, 0, 0, 2, 9]))).toThrow(/says 2 bytes but 1/);
    const two = new Uint8Array([...frame(new Uint8Array([1])), ...frame(new Uint8Array([2]))]);
    expect(() => singleMessage(two)).toThrow(/says 1 bytes but 7/);
  });
});

describe("the echo server (transport ceiling)", () => {
  let server: EchoServer;
  beforeAll(async () => {
    server = await startEchoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers a connect-node gRPC client with its own payload, 100 B and 10 KiB", async () => {
    const client = createClient(
      EchoService,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.port}` }),
    );
    for (const size of [0, 100, 10 * 1024]) {
      const payload = new Uint8Array(size).map((_, i) => i % 251);
      const answer = await client.echo({ value: payload });
      expect(answer.value).toEqual(payload);
    }
    // Many calls at once on one connection, as the bench makes them.
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, i) => client.echo({ value: new Uint8Array([i]) })),
    );
    expect(answers.map((a) => a.value[0])).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  /** One raw HTTP/2 request: the response headers, body and trailers. */
  async function rawCall(body: Uint8Array, contentType = "application/grpc") {
    const session = http2.connect(`http://127.0.0.1:${server.port}`);
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/layer8.bench.Echo/Echo",
        "content-type": contentType,
        te: "trailers",
      });
      const headers = new Promise<http2.IncomingHttpHeaders>((resolve) =>
        stream.once("response", resolve),
      );
      const trailers = new Promise<http2.IncomingHttpHeaders | undefined>((resolve) => {
        stream.once("trailers", resolve);
        stream.once("end", () => resolve(undefined));
      });
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => stream.once("end", resolve));
      stream.end(body);
      await ended;
      return { headers: await headers, body: Buffer.concat(chunks), trailers: await trailers };
    } finally {
      session.close();
    }
  }

  it("writes gRPC's response shape: content-type, the frame, then a grpc-status 0 trailer", async () => {
    const message = new Uint8Array(100).fill(42);
    const { headers, body, trailers } = await rawCall(frame(message));
    expect(headers[":status"]).toBe(200);
    expect(headers["content-type"]).toBe("application/grpc");
    expect(body.subarray(0, FRAME_HEADER_BYTES)).toEqual(Buffer.from([0, 0, 0, 0, 100]));
    expect(new Uint8Array(body.subarray(FRAME_HEADER_BYTES))).toEqual(message);
    expect(trailers?.["grpc-status"]).toBe("0");
  });

  it("answers a malformed frame with grpc-status 13 in a trailers-only response", async () => {
    const { headers, body } = await rawCall(new Uint8Array([0, 0, 0, 0, 9, 1]));
    expect(headers["grpc-status"]).toBe("13");
    expect(decodeURIComponent(String(headers["grpc-message"]))).toMatch(/says 9 bytes but 1/);
    expect(body.length).toBe(0);
  });

  it("refuses a request that is not gRPC with HTTP 415", async () => {
    const { headers } = await rawCall(frame(new Uint8Array([1])), "application/json");
    expect(headers[":status"]).toBe(415);
  });
});
