import type { S3Client } from "@aws-sdk/client-s3";
import { Code, Layer8Error } from "@layer8/core";

/** The AWS SDK's S3 module, loaded on first use. */
export type S3Sdk = typeof import("@aws-sdk/client-s3");

/** S3 takes at most this many parts in one multipart upload. */
export const MAX_PARTS = 10_000;

/** The first buffer of an upload; it doubles up to a part as the file turns out bigger. */
const FIRST_BUFFER_BYTES = 64 * 1024;

export interface UploadTarget {
  sdk: S3Sdk;
  client: S3Client;
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  /** A file up to this size is one PutObject; a bigger one is uploaded in parts of this size. */
  partSizeBytes: number;
}

/**
 * Uploads a stream of chunks to S3 holding at most two parts: one being filled from the stream
 * while the one before it is sent. A file that fits in one part is a single PutObject; a bigger
 * one is a multipart upload, completed once the stream ends. If the stream or S3 fails, the part
 * in flight is cancelled and the multipart upload aborted, so no object appears and no parts are
 * left to pay for (as far as the server honours the abort: S3 advises a lifecycle rule that
 * aborts incomplete uploads as a safety net).
 */
export async function uploadStream(
  data: AsyncIterable<Uint8Array>,
  target: UploadTarget,
): Promise<void> {
  const { sdk, client, bucket, key, metadata, partSizeBytes } = target;
  const abort = new AbortController();
  const options = { abortSignal: abort.signal };
  const parts: { PartNumber: number; ETag: string }[] = [];
  let buffer = new PartBuffer(Math.min(FIRST_BUFFER_BYTES, partSizeBytes), partSizeBytes);
  let uploadId: string | undefined;
  let partsSent = 0;
  let inFlight: Promise<void> | undefined;

  const sendPart = async () => {
    if (uploadId === undefined) {
      const created = await client.send(
        new sdk.CreateMultipartUploadCommand({ Bucket: bucket, Key: key, Metadata: metadata }),
        options,
      );
      uploadId = created.UploadId;
      if (!uploadId) throw new Layer8Error(Code.Internal, "S3 answered no UploadId");
    }
    await inFlight;
    const partNumber = partsSent + 1;
    if (partNumber > MAX_PARTS) {
      throw new Layer8Error(
        Code.ResourceExhausted,
        `the file is larger than ${MAX_PARTS} parts of ${partSizeBytes} bytes; raise partSizeBytes`,
      );
    }
    const body = buffer.take();
    // Later parts are full-sized: allocate a whole part at once.
    buffer = new PartBuffer(partSizeBytes, partSizeBytes);
    const request = { Bucket: bucket, Key: key, UploadId: uploadId };
    inFlight = client
      .send(
        new sdk.UploadPartCommand({
          ...request,
          PartNumber: partNumber,
          Body: body,
          ContentLength: body.byteLength,
        }),
        options,
      )
      .then((sent) => {
        parts.push({ PartNumber: partNumber, ETag: sent.ETag ?? "" });
      });
    partsSent = partNumber;
    // Awaited before the next part or at the end; until then a failure must not go unhandled.
    inFlight.catch(() => undefined);
  };

  try {
    for await (const chunk of data) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        // A full part is sent only once more bytes come: a file of exactly one part stays one PUT.
        if (buffer.full) await sendPart();
        offset += buffer.append(chunk, offset);
      }
    }
    if (uploadId === undefined) {
      const body = buffer.take();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
          Metadata: metadata,
        }),
        options,
      );
      return;
    }
    await sendPart();
    await inFlight;
    await client.send(
      new sdk.CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
      options,
    );
  } catch (error) {
    abort.abort();
    await inFlight?.catch(() => undefined);
    if (uploadId !== undefined) {
      // Best effort: the upload's own failure is what the caller needs to hear about.
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined);
    }
    throw error;
  }
}

/** Bytes copied out of the stream's chunks (the caller may reuse them), growing up to a part. */
class PartBuffer {
  #bytes: Buffer;
  #length = 0;
  readonly #limit: number;

  constructor(initial: number, limit: number) {
    this.#bytes = Buffer.allocUnsafe(initial);
    this.#limit = limit;
  }

  get full(): boolean {
    return this.#length === this.#limit;
  }

  /** Copies as much of `chunk` from `offset` as fits in the part; returns how much. */
  append(chunk: Uint8Array, offset: number): number {
    const wanted = Math.min(chunk.byteLength - offset, this.#limit - this.#length);
    if (this.#length + wanted > this.#bytes.byteLength) {
      const grown = Buffer.allocUnsafe(
        Math.min(this.#limit, Math.max(this.#bytes.byteLength * 2, this.#length + wanted)),
      );
      this.#bytes.copy(grown, 0, 0, this.#length);
      this.#bytes = grown;
    }
    this.#bytes.set(chunk.subarray(offset, offset + wanted), this.#length);
    this.#length += wanted;
    return wanted;
  }

  take(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }
}
