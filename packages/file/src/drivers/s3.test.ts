import { ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
import { S3_TEST_CREDENTIALS, startS3Server, type TestServer } from "@layer8/connections/testing";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore, s3FileDriver } from "../index.js";
import { chunked, describeFileConformance, readAll, sha256, someBytes } from "../testing/index.js";

const MiB = 1024 * 1024;
const endpoint = process.env.S3_ENDPOINT;
const skipReason = endpoint ? undefined : "S3_ENDPOINT is not set (npm test starts an S3 server)";

/** The smallest part S3 takes, so that the conformance suite's 12 MiB file takes 3 parts. */
const s3Metadata = (bucket: string, url = endpoint) => ({
  endpoint: url,
  bucket,
  createBucket: true,
  partSizeBytes: 5 * MiB,
  accessKeyId: S3_TEST_CREDENTIALS.accessKeyId,
  secretAccessKey: S3_TEST_CREDENTIALS.secretAccessKey,
});

describeFileConformance({
  name: "s3 (in-process)",
  skipReason,
  setup: async () => {
    const store = createFileStore({ driver: s3FileDriver, metadata: s3Metadata("conformance") });
    await store.init();
    return { store, close: () => store.close() };
  },
});

function s3Client(url: string): S3Client {
  return new S3Client({
    endpoint: url,
    region: "us-east-1",
    forcePathStyle: true,
    // A copy: the SDK marks the credentials object it is given.
    credentials: { ...S3_TEST_CREDENTIALS },
  });
}

async function uploadsInProgress(client: S3Client, bucket: string): Promise<string[]> {
  const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (listed.Uploads ?? []).map((upload) => upload.Key ?? "");
}

/** A content stream that stops after `before` chunks until `resume()` is called, or `fail()`. */
function pausable(chunks: Iterable<Uint8Array>, before: number) {
  let release: (outcome: "resume" | "fail") => void = () => undefined;
  const released = new Promise<"resume" | "fail">((resolve) => {
    release = resolve;
  });
  let reachedPause: () => void = () => undefined;
  const paused = new Promise<void>((resolve) => {
    reachedPause = resolve;
  });
  async function* data() {
    let sent = 0;
    for (const chunk of chunks) {
      if (sent === before) {
        reachedPause();
        if ((await released) === "fail") throw new Error("the client went away");
      }
      yield chunk;
      sent += 1;
    }
  }
  return { data: data(), paused, resume: () => release("resume"), fail: () => release("fail") };
}

describe.skipIf(!endpoint)(
  `s3 multipart uploads${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const bucket = "multipart";
    const store = createFileStore({ driver: s3FileDriver, metadata: s3Metadata(bucket) });
    let client: S3Client;

    beforeAll(async () => {
      await store.init();
      client = s3Client(endpoint!);
    });
    afterAll(async () => {
      client?.destroy();
      await store.close();
    });

    it("sends a large file in parts, completed once the stream ends", async () => {
      const name = `completed-${Date.now()}`;
      const bytes = someBytes(13 * MiB);
      const upload = pausable(chunked(bytes, [MiB]), 11);
      const put = store.put({ name, data: upload.data });
      await upload.paused;
      // Two parts of 5 MiB are sent or on their way, and no object exists yet.
      expect(await uploadsInProgress(client, bucket)).toContain(name);
      await expect(store.meta({ name })).rejects.toMatchObject({ code: Code.NotFound });
      upload.resume();
      await put;
      expect(await uploadsInProgress(client, bucket)).not.toContain(name);
      expect(sha256(await readAll(await store.get({ name })))).toBe(sha256(bytes));
    }, 30_000);

    it("aborts the multipart upload when the stream fails, leaving no object and no parts", async () => {
      const name = `aborted-${Date.now()}`;
      const upload = pausable(chunked(someBytes(13 * MiB), [MiB]), 11);
      const put = store.put({ name, data: upload.data });
      await upload.paused;
      expect(await uploadsInProgress(client, bucket)).toContain(name);
      upload.fail();
      await expect(put).rejects.toMatchObject({
        code: Code.Canceled,
        message: expect.stringContaining("the client went away"),
      });
      expect(await uploadsInProgress(client, bucket)).not.toContain(name);
      await expect(store.meta({ name })).rejects.toMatchObject({ code: Code.NotFound });
    }, 30_000);
  },
);

describe("s3 driver configuration", () => {
  it("refuses an access key without its secret, naming the field", () => {
    expect(() =>
      createFileStore({
        driver: s3FileDriver,
        name: "uploads",
        metadata: { bucket: "b", accessKeyId: "AKIA" },
      }),
    ).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        field: "metadata.secretAccessKey",
        message: expect.stringContaining("file component 'uploads' (type s3)"),
      }),
    );
  });

  it("refuses a part size below S3's 5 MiB minimum", () => {
    expect(() =>
      createFileStore({ driver: s3FileDriver, metadata: { bucket: "b", partSizeBytes: 1024 } }),
    ).toThrowError(expect.objectContaining({ field: "metadata.partSizeBytes" }));
  });
});

describe("s3 driver against a server of its own", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startS3Server({ buckets: ["present"] });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("fails to start on a missing bucket unless told to create it", async () => {
    const missing = createFileStore({
      driver: s3FileDriver,
      name: "uploads",
      metadata: { ...s3Metadata("absent", server.url), createBucket: false },
    });
    await expect(missing.init()).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      message: expect.stringContaining("the bucket 'absent' does not exist"),
    });
    const created = createFileStore({
      driver: s3FileDriver,
      metadata: s3Metadata("absent", server.url),
    });
    await created.init();
    await created.put({ name: "x", data: [someBytes(3)] });
    expect((await created.meta({ name: "x" })).size).toBe(3);
    await created.close();
  });

  it("keeps stores apart in one bucket with prefixes", async () => {
    const make = (prefix: string) =>
      createFileStore({
        driver: s3FileDriver,
        metadata: { ...s3Metadata("present", server.url), prefix },
      });
    const [a, b] = [make("a/"), make("b/")];
    await Promise.all([a.init(), b.init()]);
    await a.put({ name: "same", data: [Buffer.from("from a")] });
    await b.put({ name: "same", data: [Buffer.from("from b")] });
    expect((await readAll(await a.get({ name: "same" }))).toString()).toBe("from a");
    expect((await a.list()).files.map((file) => file.name)).toEqual(["same"]);
    await Promise.all([a.close(), b.close()]);
  });

  it("answers UNAVAILABLE naming the store while the server is down, and recovers", async () => {
    const store = createFileStore({
      driver: s3FileDriver,
      name: "uploads",
      metadata: { ...s3Metadata("present", server.url), maxAttempts: 1 },
    });
    await store.init();
    try {
      await store.put({ name: "before", data: [someBytes(10)] });
      await server.kill();
      const unavailable = {
        code: Code.Unavailable,
        message: expect.stringContaining("file store 'uploads'"),
      };
      await expect(store.put({ name: "during", data: [someBytes(10)] })).rejects.toMatchObject(
        unavailable,
      );
      await expect(store.get({ name: "before" })).rejects.toMatchObject(unavailable);
      await expect(store.list()).rejects.toMatchObject(unavailable);
      await expect(store.meta({ name: "before" })).rejects.toMatchObject(unavailable);
      await expect(store.delete({ name: "before" })).rejects.toMatchObject(unavailable);
      expect((await store.health()).status).toBe("DOWN");

      await server.restart();
      expect((await store.health()).status).toBe("UP");
      // The server keeps its objects on disk across the restart.
      expect((await store.meta({ name: "before" })).size).toBe(10);
    } finally {
      await store.close();
    }
  }, 20_000);
});
