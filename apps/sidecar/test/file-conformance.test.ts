import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as connectHttp2 } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { S3_TEST_CREDENTIALS } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { describeFileConformance } from "@layer8/file/testing";
import { GetFileRequestSchema, Runtime } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { grpcFileApi } from "./file-grpc-client.js";

const MiB = 1024 * 1024;
const s3Endpoint = process.env.S3_ENDPOINT;
const localRoot = mkdtempSync(join(tmpdir(), "layer8-sidecar-files-"));

const drivers = [
  { type: "memory", metadata: {}, skipReason: undefined, root: undefined },
  { type: "local", metadata: { root: localRoot }, skipReason: undefined, root: localRoot },
  {
    type: "s3",
    metadata: {
      endpoint: s3Endpoint,
      bucket: "sidecar-conformance",
      createBucket: true,
      partSizeBytes: 5 * MiB,
      accessKeyId: S3_TEST_CREDENTIALS.accessKeyId,
      secretAccessKey: S3_TEST_CREDENTIALS.secretAccessKey,
    },
    skipReason: s3Endpoint ? undefined : "S3_ENDPOINT is not set (npm test starts an S3 server)",
    root: undefined,
  },
];

afterAll(() => rmSync(localRoot, { recursive: true, force: true }));

describe.concurrent("every file driver through the sidecar", () => {
  for (const driver of drivers) {
    describeFileConformance({
      name: `${driver.type} through the sidecar (gRPC)`,
      skipReason: driver.skipReason,
      ...(driver.root ? { root: driver.root } : {}),
      setup: async () => {
        const sidecar = await startSidecar({
          config: {
            appId: "file-conformance",
            components: { file: { files: { type: driver.type, metadata: driver.metadata } } },
          },
        });
        return {
          store: grpcFileApi(sidecar.address, "files"),
          close: () => sidecar.stop().then(() => undefined),
        };
      },
    });
  }
});

describe("the sidecar's file rpcs", () => {
  let sidecar: StartedSidecar;
  let client: ReturnType<typeof createClient<typeof Runtime>>;

  beforeAll(async () => {
    sidecar = await startSidecar({
      config: { components: { file: { docs: { type: "memory" }, media: { type: "memory" } } } },
    });
    client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` }));
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("answers INVALID_ARGUMENT naming an unknown file store and the configured ones", async () => {
    await expect(
      client.getFileMeta({ request: { storeName: "doc", name: "a" } }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "file store 'doc' is not configured; configured: docs, media",
    });
    await expect(client.listFile({})).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: "file store name is required; configured: docs, media",
    });
  });

  it("takes the store, name and metadata from the first PutFile message; later ones may repeat them", async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    await client.putFile(
      (async function* () {
        yield { storeName: "docs", name: "a.txt", metadata: { kind: "note" }, data: text("one ") };
        yield { data: text("two ") };
        yield { storeName: "docs", name: "a.txt", data: text("three") };
      })(),
    );
    const chunks: Uint8Array[] = [];
    for await (const message of client.getFile({ storeName: "docs", name: "a.txt" })) {
      chunks.push(message.data);
    }
    expect(Buffer.concat(chunks).toString()).toBe("one two three");
    const meta = await client.getFileMeta({ request: { storeName: "docs", name: "a.txt" } });
    expect(meta.size).toBe(13n);
    expect(meta.response?.metadata).toMatchObject({ kind: { value: ["note"] } });
    expect(new Date(meta.lastModified).toISOString()).toBe(meta.lastModified);
  });

  it("refuses a PutFile whose later message names another file, storing nothing", async () => {
    await expect(
      client.putFile(
        (async function* () {
          yield { storeName: "docs", name: "b.txt", data: new Uint8Array(3) };
          yield { storeName: "docs", name: "other.txt", data: new Uint8Array(3) };
        })(),
      ),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringContaining("every PutFile message must name the store and file"),
    });
    await expect(
      client.getFileMeta({ request: { storeName: "docs", name: "b.txt" } }),
    ).rejects.toMatchObject({ code: Code.NotFound });
  });

  it("refuses an empty PutFile stream", async () => {
    await expect(client.putFile((async function* () {})())).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: expect.stringContaining("PutFile needs at least one message"),
    });
  });

  it("answers NOT_FOUND for GetFile of a missing file before any message", async () => {
    const received: unknown[] = [];
    const download = async () => {
      for await (const message of client.getFile({ storeName: "media", name: "none" })) {
        received.push(message);
      }
    };
    await expect(download()).rejects.toMatchObject({
      code: Code.NotFound,
      rawMessage: "file store 'media': get of file 'none' failed: the file does not exist",
    });
    expect(received).toEqual([]);
  });

  it("sends a file in GetFile messages of at most 1 MiB", async () => {
    const bytes = Buffer.alloc(2 * MiB + 5, 7);
    await client.putFile(
      (async function* () {
        yield { storeName: "media", name: "big", data: bytes };
      })(),
    );
    const sizes: number[] = [];
    for await (const message of client.getFile({ storeName: "media", name: "big" })) {
      sizes.push(message.data.byteLength);
    }
    expect(sizes).toEqual([MiB, MiB, 5]);
  });

  it("sends GetFile content uncompressed, even to a client that accepts gzip", async () => {
    // Compressing costs the sidecar CPU and saves nothing on the way to an app on the same host:
    // GetFile of incompressible content ran 5 times slower with gzip.
    await client.putFile(
      (async function* () {
        yield { storeName: "media", name: "random", data: randomBytes(2 * MiB + 5) };
      })(),
    );
    const request = toBinary(
      GetFileRequestSchema,
      create(GetFileRequestSchema, { storeName: "media", name: "random" }),
    );
    const envelope = Buffer.alloc(5 + request.byteLength);
    envelope.writeUInt32BE(request.byteLength, 1);
    envelope.set(request, 5);
    const session = connectHttp2(`http://${sidecar.address}`);
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/spec.proto.runtime.v1.Runtime/GetFile",
        "content-type": "application/grpc",
        te: "trailers",
        "grpc-accept-encoding": "gzip",
      });
      stream.end(envelope);
      const body: Buffer[] = [];
      for await (const chunk of stream) body.push(chunk as Buffer);
      const response = Buffer.concat(body);
      // Each gRPC message starts with a compressed flag: 0 for every message of the file.
      const flags: number[] = [];
      for (let at = 0; at < response.byteLength; at += 5 + response.readUInt32BE(at + 1)) {
        flags.push(response[at]!);
      }
      expect(flags).toEqual([0, 0, 0]);
    } finally {
      session.close();
    }
  });

  it("treats a page size of 0 (absent on the wire) as the default", async () => {
    const page = await client.listFile({ request: { storeName: "media" }, pageSize: 0 });
    expect(page.files.map((file) => file.fileName)).toContain("big");
  });
});
