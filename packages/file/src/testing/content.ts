import { createHash, randomBytes } from "node:crypto";

/** `bytes` cut into chunks of the given sizes, in turn, the last size repeating until the end. */
export function* chunked(bytes: Uint8Array, sizes: readonly number[]): Iterable<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.byteLength || i < sizes.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)]!;
    if (size === 0 && i >= sizes.length) break; // Only listed empty chunks are sent.
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

/** Everything a content stream yields, joined. */
export async function readAll(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Random bytes: content no transformation (text decoding, trimming) leaves unchanged. */
export function someBytes(length: number): Buffer {
  return randomBytes(length);
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
