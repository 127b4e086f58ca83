import type { S3Client } from "@aws-sdk/client-s3";
import { flag, millis } from "@layer8/connections";
import { Code, type DriverContext, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type { DriverList, DriverPut, FileDriver, FileDriverDefinition } from "../driver.js";
import type { FileInfo, FileMeta } from "../types.js";
import { s3Error } from "./s3-errors.js";
import { type S3Sdk, uploadStream } from "./s3-upload.js";

const MiB = 1024 * 1024;

const metadata = z.strictObject({
  /** The S3 endpoint, e.g. `http://127.0.0.1:9000`; absent means AWS's own for the region. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  /** Default `us-east-1`. */
  region: z.string().min(1).default("us-east-1"),
  bucket: z.string().min(1),
  /** Put before every file's key, e.g. `uploads/`, so that stores can share a bucket. Default none. */
  prefix: z.string().default(""),
  /**
   * Both or neither. Without them the AWS SDK finds credentials its usual way (its environment
   * variables, profile files, instance roles).
   */
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  sessionToken: z.string().min(1).optional(),
  /** `http://endpoint/bucket/key` rather than `http://bucket.endpoint/key`. Default true. */
  forcePathStyle: flag.default(true),
  /** Create the bucket at start if it does not exist. Default false: a missing bucket fails start. */
  createBucket: flag.default(false),
  /**
   * A file up to this size is one PUT; a bigger one is a multipart upload in parts of this size
   * (S3: 5 MiB to 5 GiB; at most 10,000 parts). An upload holds two parts in memory. Default 8 MiB.
   */
  partSizeBytes: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .max(5 * 1024 * MiB)
    .default(8 * MiB),
  /** A connection attempt longer than this fails. Default 5,000 ms. */
  connectTimeoutMs: millis.default(5000),
  /** A request idle for longer than this fails with DEADLINE_EXCEEDED. Default 30,000 ms. */
  timeoutMs: millis.default(30_000),
  /** Attempts per request, retries included (the AWS SDK's retry strategy). Default 3. */
  maxAttempts: z.coerce.number().int().min(1).max(10).default(3),
});

type Options = z.output<typeof metadata>;

/** A body as the AWS SDK hands it out in Node.js: a readable stream. */
type NodeBody = AsyncIterable<Uint8Array> & { destroy?: () => void };

/**
 * Files as objects in an S3 bucket, on AWS or any server that speaks S3 (path-style by default).
 * Uploads are streamed in parts with bounded memory (see `uploadStream`); downloads stream the
 * object's body. Request checksums are sent only when S3 requires them: many S3-compatible
 * servers store the aws-chunked framing of streamed checksums inside the object otherwise.
 */
class S3FileDriver implements FileDriver {
  readonly features: readonly string[] = [];
  readonly #options: Options;
  #sdk: S3Sdk | undefined;
  #client: S3Client | undefined;

  constructor(options: Options) {
    this.#options = options;
  }

  async init(): Promise<void> {
    // Loaded here, not at import: a sidecar without S3 components never loads the SDK.
    const sdk = await import("@aws-sdk/client-s3");
    const o = this.#options;
    const client = new sdk.S3Client({
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      maxAttempts: o.maxAttempts,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: o.connectTimeoutMs, requestTimeout: o.timeoutMs },
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.accessKeyId && o.secretAccessKey
        ? {
            credentials: {
              accessKeyId: o.accessKeyId,
              secretAccessKey: o.secretAccessKey,
              ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}),
            },
          }
        : {}),
    });
    try {
      await this.#ensureBucket(sdk, client);
    } catch (error) {
      client.destroy();
      throw error;
    }
    this.#sdk = sdk;
    this.#client = client;
  }

  async close(): Promise<void> {
    this.#client?.destroy();
    this.#client = undefined;
  }

  async health(): Promise<Health> {
    const details = { bucket: this.#options.bucket, endpoint: this.#options.endpoint ?? "AWS" };
    if (!this.#client || !this.#sdk) {
      return { status: "DOWN", details: { ...details, error: "not started" } };
    }
    try {
      await this.#client.send(new this.#sdk.HeadBucketCommand({ Bucket: this.#options.bucket }));
      return { status: "UP", details };
    } catch (error) {
      return {
        status: "DOWN",
        details: { ...details, error: s3Error(error, details.bucket).message },
      };
    }
  }

  async put(request: DriverPut): Promise<void> {
    const { sdk, client } = this.#started();
    try {
      await uploadStream(request.data, {
        sdk,
        client,
        bucket: this.#options.bucket,
        key: this.#key(request.name),
        metadata: request.metadata,
        partSizeBytes: this.#options.partSizeBytes,
      });
    } catch (error) {
      throw this.#error(error);
    }
  }

  async get(name: string): Promise<AsyncIterable<Uint8Array>> {
    const { sdk, client } = this.#started();
    let body: NodeBody;
    try {
      const object = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.#options.bucket, Key: this.#key(name) }),
      );
      body = object.Body as unknown as NodeBody;
    } catch (error) {
      throw this.#error(error);
    }
    const mapError = (error: unknown) => this.#error(error);
    return (async function* () {
      try {
        yield* body;
      } catch (error) {
        throw mapError(error);
      } finally {
        // Leaving early must not keep the connection busy with the rest of the body.
        body.destroy?.();
      }
    })();
  }

  async list(request: DriverList): Promise<{ files: FileInfo[]; isTruncated: boolean }> {
    const { sdk, client } = this.#started();
    const { prefix } = this.#options;
    try {
      const page = await client.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.#options.bucket,
          Prefix: prefix + request.prefix || undefined,
          MaxKeys: request.pageSize,
          StartAfter: request.marker === "" ? undefined : prefix + request.marker,
        }),
      );
      return {
        files: (page.Contents ?? []).map((object) => ({
          name: (object.Key ?? "").slice(prefix.length),
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        })),
        isTruncated: page.IsTruncated ?? false,
      };
    } catch (error) {
      throw this.#error(error);
    }
  }

  async delete(name: string): Promise<void> {
    const { sdk, client } = this.#started();
    const object = { Bucket: this.#options.bucket, Key: this.#key(name) };
    try {
      // S3 deletes a missing key without complaint; the File API answers NOT_FOUND.
      await client.send(new sdk.HeadObjectCommand(object));
      await client.send(new sdk.DeleteObjectCommand(object));
    } catch (error) {
      throw this.#error(error);
    }
  }

  async meta(name: string): Promise<FileMeta> {
    const { sdk, client } = this.#started();
    try {
      const head = await client.send(
        new sdk.HeadObjectCommand({ Bucket: this.#options.bucket, Key: this.#key(name) }),
      );
      return {
        size: head.ContentLength ?? 0,
        lastModified: head.LastModified ?? new Date(0),
        metadata: Object.fromEntries(
          Object.entries(head.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), [v]]),
        ),
      };
    } catch (error) {
      throw this.#error(error);
    }
  }

  async #ensureBucket(sdk: S3Sdk, client: S3Client): Promise<void> {
    const Bucket = this.#options.bucket;
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket }));
      return;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
        ?.httpStatusCode;
      if (status !== 404) throw s3Error(error, Bucket);
    }
    if (!this.#options.createBucket) {
      throw new Layer8Error(
        Code.FailedPrecondition,
        `the bucket '${Bucket}' does not exist; create it, or set createBucket: true`,
      );
    }
    try {
      await client.send(new sdk.CreateBucketCommand({ Bucket }));
    } catch (error) {
      // Another store may have created it meanwhile.
      if ((error as { name?: string }).name !== "BucketAlreadyOwnedByYou") {
        throw s3Error(error, Bucket);
      }
    }
  }

  #key(name: string): string {
    return this.#options.prefix + name;
  }

  #error(error: unknown): Layer8Error {
    return s3Error(error, this.#options.bucket);
  }

  #started(): { sdk: S3Sdk; client: S3Client } {
    if (this.#sdk && this.#client) return { sdk: this.#sdk, client: this.#client };
    throw new Layer8Error(Code.Unavailable, "the s3 file driver is not started (call init)");
  }
}

function checkCredentials(options: Options, context: DriverContext): void {
  const given = [options.accessKeyId, options.secretAccessKey].filter(Boolean).length;
  if (given !== 1) return;
  const missing = options.accessKeyId ? "secretAccessKey" : "accessKeyId";
  const other = options.accessKeyId ? "accessKeyId" : "secretAccessKey";
  const message = `required with ${other}: give both, or neither to use the AWS SDK's own credentials`;
  throw new Layer8Error(
    Code.InvalidArgument,
    `file component '${context.component}' (type s3): metadata.${missing}: ${message}`,
    {
      block: "file",
      component: context.component,
      field: `metadata.${missing}`,
      details: { [`metadata.${missing}`]: message },
    },
  );
}

/** Files as objects in an S3 bucket (AWS or any S3-compatible server). Type `s3`. */
export const s3FileDriver: FileDriverDefinition<typeof metadata> = defineDriver({
  block: "file",
  type: "s3",
  description: "Objects in an S3 bucket, on AWS or any S3-compatible server; multipart uploads.",
  metadata,
  create: (options, context) => {
    checkCredentials(options, context);
    return new S3FileDriver(options);
  },
});
