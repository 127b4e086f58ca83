import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { Runtime } from "@layer8/proto";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchClient } from "./bench-client.js";
import { type EchoServer, startEchoServer } from "./echo-server.js";
import { connectHttp2Grpc } from "./http2-grpc-client.js";

describe("the bare HTTP/2 gRPC client (the load generator)", () => {
  let echo: EchoServer;
  let failing: http2.Http2Server;
  let failingAddress: string;
  beforeAll(async () => {
    echo = await startEchoServer();
    // Answers /trailers-only with a status in the headers, /trailers with a status after a
    // message, and anything else with HTTP 404.
    failing = http2.createServer();
    failing.on("stream", (stream, headers) => {
      stream.on("error", () => {});
      stream.resume();
      stream.on("end", () => {
        if (headers[":path"] === "/trailers-only") {
          stream.respond(
            {
              ":status": 200,
              "content-type": "application/grpc",
              "grpc-status": "5",
              "grpc-message": "key%20not%20found",
            },
            { endStream: true },
          );
        } else if (headers[":path"] === "/trailers") {
          stream.respond(
            { ":status": 200, "content-type": "application/grpc" },
            { waitForTrailers: true },
          );
          stream.once("wantTrailers", () =>
            stream.sendTrailers({ "grpc-status": "10", "grpc-message": "etag%20mismatch" }),
          );
          stream.end(Buffer.from([0, 0, 0, 0, 0]));
        } else {
          stream.respond({ ":status": 404 }, { endStream: true });
        }
      });
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    failingAddress = `127.0.0.1:${(failing.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await echo.close();
    await new Promise<void>((resolve) => failing.close(() => resolve()));
  });

  it("sends one framed message and resolves with the answer's, 0 B to 1 MiB", async () => {
    const client = connectHttp2Grpc(`127.0.0.1:${echo.port}`);
    for (const size of [0, 100, 10 * 1024, 1024 * 1024]) {
      const payload = new Uint8Array(size).map((_, i) => i % 251);
      const answer = await client.unary("/any.Service/Echo", payload);
      // Byte comparison: vitest's deep equality walks a 1 MiB array element by element, for
      // seconds on a loaded machine.
      expect(answer.length).toBe(size);
      expect(Buffer.compare(answer, payload)).toBe(0);
    }
    await client.close();
  });

  it("rejects with the grpc-status and decoded message, in trailers or trailers-only", async () => {
    const client = connectHttp2Grpc(failingAddress);
    await expect(client.unary("/trailers-only", new Uint8Array())).rejects.toThrow(
      "grpc-status 5: key not found",
    );
    await expect(client.unary("/trailers", new Uint8Array())).rejects.toThrow(
      "grpc-status 10: etag mismatch",
    );
    await expect(client.unary("/other", new Uint8Array())).rejects.toThrow(/HTTP status 404/);
    await client.close();
  });

  it("rejects when nothing listens", async () => {
    const client = connectHttp2Grpc("127.0.0.1:1");
    await expect(client.unary("/x", new Uint8Array())).rejects.toThrow();
  });
});

describe("benchClient", () => {
  let sidecar: StartedSidecar;
  beforeAll(async () => {
    sidecar = await startSidecar({
      config: {
        appId: "bench",
        components: { state: { bench: { type: "memory", metadata: {} } } },
      },
    });
  }, 30_000);
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("calls the sidecar's unary methods with connect's shapes, errors included", async () => {
    const client = benchClient(Runtime, sidecar.address);
    const value = new Uint8Array([1, 2, 3]);
    await client.saveState({ storeName: "bench", states: [{ key: "k", value }] });
    const got = await client.getState({ storeName: "bench", key: "k" });
    expect(got.data).toEqual(value);
    expect(got.etag).not.toBe("");
    await expect(client.getState({ storeName: "nope", key: "k" })).rejects.toThrow(
      /grpc-status 3: .*nope/,
    );
  });

  it("leaves streaming methods to connect's client", async () => {
    const client = benchClient(Runtime, sidecar.address);
    const read = async () => {
      for await (const _ of client.getFile({ storeName: "nope", name: "missing" })) {
        // no chunk: the store does not exist
      }
    };
    // Only connect's client throws ConnectError; the bare client throws plain errors.
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.InvalidArgument);
  });
});
