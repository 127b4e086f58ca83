import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { connect as connectHttp2 } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { S3_TEST_CREDENTIALS, startS3Server, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { PutFileRequestSchema, Runtime } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABANDON_UPLOAD } from "../src/server/file-service.js";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

const MiB = 1024 * 1024;
/** Messages of 1 MiB sent before the connection drops: more than two S3 parts of 5 MiB. */
const SENT_BEFORE_ABORT = 12;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Names of the multipart uploads in progress in a bucket of the S3 test server. */
async function uploadsInProgress(server: TestServer, bucket: string): Promise<string[]> {
  const xml = await (await fetch(`${server.url}/${bucket}?uploads`)).text();
  return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]!);
}

describe("a client whose connection drops mid-upload leaves nothing behind", () => {
  let root: string;
  let s3: TestServer;
  let sidecar: StartedSidecar;
  let client: ReturnType<typeof createClient<typeof Runtime>>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "layer8-abort-files-"));
    s3 = await startS3Server({ buckets: ["uploads"] });
    sidecar = await startSidecar({
      config: {
        components: {
          file: {
            disk: { type: "local", metadata: { root } },
            bucket: {
              type: "s3",
              metadata: {
                endpoint: s3.url,
                bucket: "uploads",
                partSizeBytes: 5 * MiB,
                accessKeyId: S3_TEST_CREDENTIALS.accessKeyId,
                secretAccessKey: S3_TEST_CREDENTIALS.secretAccessKey,
              },
            },
          },
        },
      },
    });
    client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` }));
  });
  afterAll(async () => {
    await sidecar?.stop();
    await s3?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /**
   * Starts a PutFile over a connection of its own that sends `SENT_BEFORE_ABORT` messages of
   * 1 MiB and never ends its stream; `drop()` then closes the connection, as a client that dies
   * or loses its network does. (Raw HTTP/2: a gRPC library's cancel may end the stream first, and
   * an ended stream is a complete file; see ABANDON_UPLOAD for how Layer8's clients cancel.)
   */
  function droppedUpload(storeName: string, name: string) {
    const session = connectHttp2(`http://${sidecar.address}`);
    session.on("error", () => undefined);
    const stream = session.request({
      ":method": "POST",
      ":path": "/spec.proto.runtime.v1.Runtime/PutFile",
      "content-type": "application/grpc",
      te: "trailers",
    });
    stream.on("error", () => undefined);
    for (let i = 0; i < SENT_BEFORE_ABORT; i++) {
      const message = toBinary(
        PutFileRequestSchema,
        create(PutFileRequestSchema, {
          ...(i === 0 ? { storeName, name } : {}),
          data: Buffer.alloc(MiB, i),
        }),
      );
      const envelope = Buffer.alloc(5 + message.byteLength);
      envelope.writeUInt32BE(message.byteLength, 1);
      envelope.set(message, 5);
      stream.write(envelope);
    }
    return { drop: () => session.destroy() };
  }

  const noSuchFile = async (storeName: string, name: string) => {
    await expect(
      client.getFileMeta({ request: { storeName, name } }),
      `${storeName}/${name} exists`,
    ).rejects.toMatchObject({ code: Code.NotFound });
  };

  it("local: the upload's temporary file is removed and no file appears", async () => {
    const uploads = join(root, ".layer8", "uploads");
    const name = "abandoned.bin";
    const upload = droppedUpload("disk", name);
    // The sidecar has written part of it: a temporary file with the first chunks.
    await until("the upload is being written", () => {
      const temps = existsSync(uploads) ? readdirSync(uploads) : [];
      return temps.length === 1 && statSync(join(uploads, temps[0]!)).size >= 4 * MiB;
    });
    upload.drop();
    await until("the temporary file is removed", () => readdirSync(uploads).length === 0);
    expect(existsSync(join(root, name))).toBe(false);
    await noSuchFile("disk", name);
    expect(readdirSync(root).filter((entry) => entry !== ".layer8")).toEqual([]);
  }, 30_000);

  it("s3: the multipart upload is aborted and no object appears", async () => {
    const name = "abandoned.bin";
    const upload = droppedUpload("bucket", name);
    await until("the multipart upload has begun", async () =>
      (await uploadsInProgress(s3, "uploads")).includes(name),
    );
    upload.drop();
    await until(
      "the multipart upload is aborted",
      async () => (await uploadsInProgress(s3, "uploads")).length === 0,
    );
    await noSuchFile("bucket", name);
  }, 30_000);

  it("a client that says it abandons the upload stores nothing, even if it then ends its stream", async () => {
    for (const storeName of ["disk", "bucket"]) {
      const name = `said-abandon-${storeName}.bin`;
      const upload = client.putFile(
        (async function* () {
          for (let i = 0; i < SENT_BEFORE_ABORT; i++) {
            yield { ...(i === 0 ? { storeName, name } : {}), data: Buffer.alloc(MiB, i) };
          }
          yield { metadata: { [ABANDON_UPLOAD]: "the source file changed" } };
        })(),
      );
      await expect(upload).rejects.toMatchObject({
        code: Code.Canceled,
        rawMessage: expect.stringContaining(
          "the client abandoned the upload: the source file changed",
        ),
      });
      await noSuchFile(storeName, name);
    }
    await until(
      "the multipart upload is aborted",
      async () => (await uploadsInProgress(s3, "uploads")).length === 0,
    );
    expect(readdirSync(join(root, ".layer8", "uploads"))).toEqual([]);
  }, 30_000);

  it("the sidecar goes on serving uploads afterwards", async () => {
    for (const storeName of ["disk", "bucket"]) {
      await client.putFile(
        (async function* () {
          yield { storeName, name: "after.txt", data: new TextEncoder().encode("still here") };
        })(),
      );
      const meta = await client.getFileMeta({ request: { storeName, name: "after.txt" } });
      expect(meta.size).toBe(10n);
    }
  });
});
