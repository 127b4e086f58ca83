import { connect as connectHttp2, type IncomingHttpHeaders } from "node:http2";
import {
  create,
  type DescMessage,
  fromBinary,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { type Client, createClient, type HandlerContext } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import * as grpc from "@grpc/grpc-js";
import { Code, Layer8Error } from "@layer8/core";
import {
  GetFileRequestSchema,
  GetFileResponseSchema,
  PutFileRequestSchema,
  Runtime,
  SayHelloRequestSchema,
  SayHelloResponseSchema,
  SubscribeConfigurationRequestSchema,
  SubscribeConfigurationResponseSchema,
} from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallPolicy } from "./call-policy.js";
import { type GrpcServer, startGrpcServer } from "./grpc-server.js";

/**
 * gRPC as seen on the wire from two independent clients (connect-node's gRPC transport and
 * grpc-js), and from raw HTTP/2 for what no well-behaved client sends: every shape of rpc,
 * statuses in trailers, deadlines, cancellation, the size limit, malformed frames.
 */

const MAX_BYTES = 4096;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A message with every character grpc-message must percent-encode, and some it must not. */
const AWKWARD = "etag mismatch; wanted: 'a', 100% — ünïcode\nnext line";

/** What the handlers saw, for the assertions. */
const seen = {
  aborted: new Map<string, string>(),
  calls: [] as string[],
};

function abortedOn(name: string, context: HandlerContext): Promise<void> {
  return new Promise((resolve) =>
    context.signal.addEventListener("abort", () => {
      seen.aborted.set(name, String((context.signal.reason as Error)?.message ?? ""));
      resolve();
    }),
  );
}

const recorder: CallPolicy = {
  admit(call) {
    if (call.headers.get("x-refuse") === "yes") {
      throw new Layer8Error(Code.PermissionDenied, `${call.method}: refused by the test policy`);
    }
  },
  start(call) {
    return (code) => seen.calls.push(`${call.method}:${code}`);
  },
};

let server: GrpcServer;
let connectClient: Client<typeof Runtime>;
let grpcClient: grpc.Client;

beforeAll(async () => {
  server = await startGrpcServer({
    host: "127.0.0.1",
    port: 0,
    maxMessageBytes: MAX_BYTES,
    policies: [recorder],
    services: [
      {
        service: Runtime,
        impl: {
          async sayHello(request: { name: string; data?: unknown }, context: HandlerContext) {
            switch (request.name) {
              case "fail":
                throw new Layer8Error(Code.Aborted, AWKWARD);
              case "crash":
                throw new TypeError("boom");
              case "metadata":
                context.responseHeader.set("x-header", "h");
                context.responseTrailer.set("x-trailer", "t");
                return { hello: context.requestHeader.get("x-caller") ?? "" };
              case "slow": {
                await Promise.race([abortedOn("slow", context), sleep(3000)]);
                return { hello: "late" };
              }
              case "big":
                return { hello: "x".repeat(MAX_BYTES + 1) };
              default:
                return { hello: `hello ${request.name}`, data: request.data };
            }
          },
          async *getFile(request: { name: string }, context: HandlerContext) {
            for (let i = 0; i < 3; i++) yield { data: Buffer.from(`${request.name}-${i}`) };
            if (request.name === "fail") throw new Layer8Error(Code.NotFound, AWKWARD);
            if (request.name === "endless") {
              const aborted = abortedOn("endless", context);
              while (!context.signal.aborted) {
                yield { data: Buffer.from("more") };
                await Promise.race([aborted, sleep(10)]);
              }
            }
          },
          async putFile(requests: AsyncIterable<{ name: string; data: Uint8Array }>) {
            let total = 0;
            let name = "";
            for await (const chunk of requests) {
              total += chunk.data.length;
              name = chunk.name;
            }
            if (name === "fail") throw new Layer8Error(Code.InvalidArgument, AWKWARD);
            seen.calls.push(`PutFile received ${total}`);
            return {};
          },
          async *subscribeConfiguration(requests: AsyncIterable<{ storeName: string }>) {
            for await (const request of requests) {
              yield { storeName: `echo ${request.storeName}` };
            }
          },
        },
      },
    ],
  });
  const address = `127.0.0.1:${server.port}`;
  connectClient = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${address}` }));
  grpcClient = new grpc.Client(address, grpc.credentials.createInsecure());
});

afterAll(async () => {
  grpcClient?.close();
  await server?.close(1000);
});

// --- grpc-js, with protobuf-es doing the (de)serialization ---------------------------------

function serializer<T extends DescMessage>(schema: T) {
  return (value: MessageShape<T>) => Buffer.from(toBinary(schema, value));
}
function deserializer<T extends DescMessage>(schema: T) {
  return (bytes: Buffer) => fromBinary(schema, bytes);
}

interface GrpcJsOutcome<T> {
  value?: T;
  error?: grpc.ServiceError;
  headers?: grpc.Metadata;
}

function grpcJsSayHello(
  name: string,
  options: { metadata?: Record<string, string>; deadlineMs?: number; gzip?: boolean } = {},
): Promise<GrpcJsOutcome<MessageShape<typeof SayHelloResponseSchema>>> {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
  const client = options.gzip
    ? new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure(), {
        "grpc.default_compression_algorithm": 2,
      })
    : grpcClient;
  return new Promise((resolve) => {
    let headers: grpc.Metadata | undefined;
    const call = client.makeUnaryRequest(
      "/spec.proto.runtime.v1.Runtime/SayHello",
      serializer(SayHelloRequestSchema),
      deserializer(SayHelloResponseSchema),
      create(SayHelloRequestSchema, { name }),
      metadata,
      options.deadlineMs ? { deadline: Date.now() + options.deadlineMs } : {},
      (error, value) => {
        if (client !== grpcClient) client.close();
        resolve({
          ...(error ? { error } : {}),
          ...(value ? { value } : {}),
          ...(headers ? { headers } : {}),
        });
      },
    );
    call.on("metadata", (received) => {
      headers = received;
    });
  });
}

function grpcJsGetFile(name: string): Promise<{ chunks: string[]; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const chunks: string[] = [];
    const call = grpcClient.makeServerStreamRequest(
      "/spec.proto.runtime.v1.Runtime/GetFile",
      serializer(GetFileRequestSchema),
      deserializer(GetFileResponseSchema),
      create(GetFileRequestSchema, { name }),
    );
    call.on("data", (message: MessageShape<typeof GetFileResponseSchema>) =>
      chunks.push(Buffer.from(message.data).toString()),
    );
    call.on("error", (error: grpc.ServiceError) => resolve({ chunks, error }));
    call.on("end", () => resolve({ chunks }));
  });
}

function grpcJsPutFile(name: string, sizes: number[]): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    const call = grpcClient.makeClientStreamRequest(
      "/spec.proto.runtime.v1.Runtime/PutFile",
      serializer(PutFileRequestSchema),
      deserializer(EmptySchema),
      (error) => resolve(error),
    );
    for (const size of sizes) {
      call.write(create(PutFileRequestSchema, { name, data: new Uint8Array(size) }));
    }
    call.end();
  });
}

// --- raw HTTP/2, for frames no client library sends ----------------------------------------

async function rawCall(
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<{ headers: IncomingHttpHeaders; trailers: IncomingHttpHeaders; data: Buffer }> {
  const session = connectHttp2(`http://127.0.0.1:${server.port}`);
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request({
        ":method": "POST",
        ":path": "/spec.proto.runtime.v1.Runtime/SayHello",
        "content-type": "application/grpc",
        te: "trailers",
        ...headers,
      });
      let responseHeaders: IncomingHttpHeaders = {};
      let trailers: IncomingHttpHeaders = {};
      const data: Buffer[] = [];
      stream.on("response", (received) => {
        responseHeaders = received;
      });
      stream.on("trailers", (received) => {
        trailers = received;
      });
      stream.on("data", (chunk: Buffer) => data.push(chunk));
      stream.on("end", () =>
        resolve({ headers: responseHeaders, trailers, data: Buffer.concat(data) }),
      );
      stream.on("error", reject);
      stream.end(body);
    });
  } finally {
    session.close();
  }
}

function frame(message: Uint8Array, flags = 0, declaredLength = message.length): Buffer {
  const head = Buffer.alloc(5);
  head[0] = flags;
  head.writeUInt32BE(declaredLength, 1);
  return Buffer.concat([head, message]);
}

/** The status of a raw call: from the trailers, or from the headers of a trailers-only answer. */
function statusOf(answer: { headers: IncomingHttpHeaders; trailers: IncomingHttpHeaders }) {
  const fields = answer.trailers["grpc-status"] ? answer.trailers : answer.headers;
  return { code: Number(fields["grpc-status"]), message: String(fields["grpc-message"] ?? "") };
}

describe("unary calls", () => {
  it("answers both clients", async () => {
    await expect(connectClient.sayHello({ name: "connect" })).resolves.toMatchObject({
      hello: "hello connect",
    });
    const answer = await grpcJsSayHello("grpc-js");
    expect(answer.error).toBeUndefined();
    expect(answer.value?.hello).toBe("hello grpc-js");
  });

  it("sends the status code and the exact message in trailers, percent-encoded per spec", async () => {
    await expect(connectClient.sayHello({ name: "fail" })).rejects.toMatchObject({
      code: Code.Aborted,
      rawMessage: AWKWARD,
    });
    const answer = await grpcJsSayHello("fail");
    expect(answer.error?.code).toBe(grpc.status.ABORTED);
    expect(answer.error?.details).toBe(AWKWARD);
    const raw = await rawCall(
      frame(toBinary(SayHelloRequestSchema, create(SayHelloRequestSchema, { name: "fail" }))),
    );
    expect(raw.headers["grpc-message"]).toBe(
      "etag mismatch; wanted: 'a', 100%25 %E2%80%94 %C3%BCn%C3%AFcode%0Anext line",
    );
  });

  it("maps an unexpected error to INTERNAL with its message", async () => {
    await expect(connectClient.sayHello({ name: "crash" })).rejects.toMatchObject({
      code: Code.Internal,
      rawMessage: "boom",
    });
    expect((await grpcJsSayHello("crash")).error?.code).toBe(grpc.status.INTERNAL);
  });

  it("passes request metadata to the handler, and its response headers and trailers back", async () => {
    let header: Headers | undefined;
    let trailer: Headers | undefined;
    const answer = await connectClient.sayHello(
      { name: "metadata" },
      {
        headers: { "x-caller": "connect" },
        onHeader: (received) => {
          header = received;
        },
        onTrailer: (received) => {
          trailer = received;
        },
      },
    );
    expect(answer.hello).toBe("connect");
    expect(header?.get("x-header")).toBe("h");
    expect(trailer?.get("x-trailer")).toBe("t");
    const viaGrpcJs = await grpcJsSayHello("metadata", { metadata: { "x-caller": "grpc-js" } });
    expect(viaGrpcJs.value?.hello).toBe("grpc-js");
    expect(viaGrpcJs.headers?.get("x-header")).toEqual(["h"]);
  });

  it("runs the call policies: a refusal before the handler, and the final status", async () => {
    seen.calls.length = 0;
    await expect(
      connectClient.sayHello({ name: "x" }, { headers: { "x-refuse": "yes" } }),
    ).rejects.toMatchObject({ code: Code.PermissionDenied });
    const refused = await grpcJsSayHello("x", { metadata: { "x-refuse": "yes" } });
    expect(refused.error?.code).toBe(grpc.status.PERMISSION_DENIED);
    await connectClient.sayHello({ name: "ok" });
    // A call's end reaches the policies as its stream closes, just after the client has its answer.
    await expect
      .poll(() => seen.calls)
      .toEqual([
        `SayHello:${Code.PermissionDenied}`,
        `SayHello:${Code.PermissionDenied}`,
        "SayHello:0",
      ]);
  });

  it("ends a call past its deadline with DEADLINE_EXCEEDED, server side, and aborts the handler", async () => {
    seen.aborted.delete("slow");
    const raw = await rawCall(
      frame(toBinary(SayHelloRequestSchema, create(SayHelloRequestSchema, { name: "slow" }))),
      { "grpc-timeout": "200m" },
    );
    expect(statusOf(raw).code).toBe(Code.DeadlineExceeded);
    expect(seen.aborted.get("slow")).toMatch(/deadline/);
    await expect(
      connectClient.sayHello({ name: "slow" }, { timeoutMs: 200 }),
    ).rejects.toMatchObject({ code: Code.DeadlineExceeded });
    const viaGrpcJs = await grpcJsSayHello("slow", { deadlineMs: 200 });
    expect(viaGrpcJs.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it("aborts the handler's signal when the client cancels, and counts the call CANCELLED", async () => {
    seen.aborted.delete("slow");
    seen.calls.length = 0;
    const controller = new AbortController();
    const call = connectClient.sayHello({ name: "slow" }, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: Code.Canceled });
    await expect.poll(() => seen.aborted.get("slow")).toMatch(/cancelled/);
    // The policies hear of the end when the stream closes, which may come after the abort event;
    // the earlier test's deadline calls may still be settling, so look for this call's entry.
    await expect.poll(() => seen.calls).toContain(`SayHello:${Code.Canceled}`);
  });

  it("refuses a request over the size limit, and a response over it, with RESOURCE_EXHAUSTED", async () => {
    const big = "y".repeat(MAX_BYTES + 1);
    await expect(connectClient.sayHello({ name: big })).rejects.toMatchObject({
      code: Code.ResourceExhausted,
      rawMessage: expect.stringContaining(String(MAX_BYTES)),
    });
    expect((await grpcJsSayHello(big)).error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    await expect(connectClient.sayHello({ name: "big" })).rejects.toMatchObject({
      code: Code.ResourceExhausted,
    });
    // Just under the limit passes.
    const fits = "z".repeat(MAX_BYTES - 16);
    await expect(connectClient.sayHello({ name: fits })).resolves.toMatchObject({
      hello: `hello ${fits}`,
    });
  });

  it("reads a gzip-compressed request", async () => {
    const answer = await grpcJsSayHello("zipped", { gzip: true });
    expect(answer.error).toBeUndefined();
    expect(answer.value?.hello).toBe("hello zipped");
  });

  it("answers malformed frames with INTERNAL or UNIMPLEMENTED, and keeps serving", async () => {
    const message = toBinary(SayHelloRequestSchema, create(SayHelloRequestSchema, { name: "m" }));
    const truncated = await rawCall(frame(message, 0, message.length + 10));
    expect(statusOf(truncated)).toMatchObject({
      code: Code.Internal,
      message: expect.stringMatching(/malformed/),
    });
    const tooShort = await rawCall(Buffer.from([0, 0]));
    expect(statusOf(tooShort).code).toBe(Code.Internal);
    const compressedFlag = await rawCall(frame(message, 1));
    expect(statusOf(compressedFlag).code).toBe(Code.Internal);
    const garbage = await rawCall(frame(Buffer.from([0xff, 0xff, 0xff])));
    expect(statusOf(garbage).code).toBe(Code.Internal);
    const twoMessages = await rawCall(Buffer.concat([frame(message), frame(message)]));
    expect(statusOf(twoMessages).code).toBe(Code.Unimplemented);
    const empty = await rawCall(Buffer.alloc(0));
    expect(statusOf(empty).code).toBe(Code.Unimplemented);
    const badTimeout = await rawCall(frame(message), { "grpc-timeout": "soon" });
    expect(statusOf(badTimeout).code).toBe(Code.InvalidArgument);
    await expect(connectClient.sayHello({ name: "after" })).resolves.toMatchObject({
      hello: "hello after",
    });
  });
});

describe("streaming calls", () => {
  it("server streaming: every message, then the status", async () => {
    const received: string[] = [];
    for await (const chunk of connectClient.getFile({ name: "f" })) {
      received.push(Buffer.from(chunk.data).toString());
    }
    expect(received).toEqual(["f-0", "f-1", "f-2"]);
    expect(await grpcJsGetFile("f")).toEqual({ chunks: ["f-0", "f-1", "f-2"] });
  });

  it("server streaming: an error after messages arrives as the status in trailers", async () => {
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of connectClient.getFile({ name: "fail" })) {
        received.push(Buffer.from(chunk.data).toString());
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: Code.NotFound, rawMessage: AWKWARD });
    expect(received).toHaveLength(3);
    const viaGrpcJs = await grpcJsGetFile("fail");
    expect(viaGrpcJs.chunks).toHaveLength(3);
    expect(viaGrpcJs.error?.code).toBe(grpc.status.NOT_FOUND);
    expect(viaGrpcJs.error?.details).toBe(AWKWARD);
  });

  it("server streaming: a client cancelling mid-stream aborts the handler", async () => {
    seen.aborted.delete("endless");
    const controller = new AbortController();
    let count = 0;
    const reading = (async () => {
      for await (const _ of connectClient.getFile(
        { name: "endless" },
        { signal: controller.signal },
      )) {
        if (++count === 5) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: Code.Canceled });
    await expect.poll(() => seen.aborted.has("endless")).toBe(true);

    seen.aborted.delete("endless");
    await new Promise<void>((resolve) => {
      const call = grpcClient.makeServerStreamRequest(
        "/spec.proto.runtime.v1.Runtime/GetFile",
        serializer(GetFileRequestSchema),
        deserializer(GetFileResponseSchema),
        create(GetFileRequestSchema, { name: "endless" }),
      );
      let messages = 0;
      call.on("data", () => {
        if (++messages === 5) call.cancel();
      });
      call.on("error", () => resolve());
    });
    await expect.poll(() => seen.aborted.has("endless")).toBe(true);
  });

  it("client streaming: reads every message, answers once, and maps an error", async () => {
    seen.calls.length = 0;
    async function* chunks(name: string) {
      for (let i = 0; i < 4; i++) yield { name, data: new Uint8Array(1000) };
    }
    await expect(connectClient.putFile(chunks("ok"))).resolves.toBeDefined();
    await expect(grpcJsPutFile("ok", [1000, 1000, 1000, 1000])).resolves.toBeNull();
    expect(seen.calls.filter((c) => c.startsWith("PutFile received"))).toEqual([
      "PutFile received 4000",
      "PutFile received 4000",
    ]);
    await expect(connectClient.putFile(chunks("fail"))).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: AWKWARD,
    });
    expect((await grpcJsPutFile("fail", [10]))?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("client streaming: a message over the size limit gets RESOURCE_EXHAUSTED", async () => {
    async function* chunks() {
      yield { name: "big", data: new Uint8Array(100) };
      yield { name: "big", data: new Uint8Array(MAX_BYTES + 1) };
    }
    await expect(connectClient.putFile(chunks())).rejects.toMatchObject({
      code: Code.ResourceExhausted,
    });
    expect((await grpcJsPutFile("big", [100, MAX_BYTES + 1]))?.code).toBe(
      grpc.status.RESOURCE_EXHAUSTED,
    );
  });

  it("bidi streaming: answers each message as it arrives", async () => {
    const answers: string[] = [];
    async function* requests() {
      yield { storeName: "a" };
      yield { storeName: "b" };
    }
    for await (const answer of connectClient.subscribeConfiguration(requests())) {
      answers.push(answer.storeName);
    }
    expect(answers).toEqual(["echo a", "echo b"]);

    const viaGrpcJs = await new Promise<string[]>((resolve, reject) => {
      const received: string[] = [];
      const call = grpcClient.makeBidiStreamRequest(
        "/spec.proto.runtime.v1.Runtime/SubscribeConfiguration",
        serializer(SubscribeConfigurationRequestSchema),
        deserializer(SubscribeConfigurationResponseSchema),
      );
      call.on("data", (message: MessageShape<typeof SubscribeConfigurationResponseSchema>) => {
        received.push(message.storeName);
        // Each answer comes before the next request is sent: a real conversation.
        if (received.length === 1) {
          call.write(create(SubscribeConfigurationRequestSchema, { storeName: "d" }));
          call.end();
        }
      });
      call.on("error", reject);
      call.on("end", () => resolve(received));
      call.write(create(SubscribeConfigurationRequestSchema, { storeName: "c" }));
    });
    expect(viaGrpcJs).toEqual(["echo c", "echo d"]);
  });
});
