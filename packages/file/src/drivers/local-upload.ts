import { randomUUID } from "node:crypto";
import { type FileHandle, open, readdir, rm, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Small chunks are gathered into a buffer of this size and written together: one system call per
 * batch rather than per (possibly tiny) chunk. Chunks at least this big are written as they come.
 */
const WRITE_BATCH_BYTES = 256 * 1024;

/** Uploads untouched for this long were left by a process that died; they are swept at start. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

const TEMP_SUFFIX = ".part";

/**
 * Writes a stream of chunks to a new file in `dir`, pulling the next chunk only once the previous
 * one is written or copied (the caller may reuse its buffers), and flushes it to disk (`fsync`)
 * when asked. Resolves the file's path. If the stream or a write fails, the file is removed
 * before the error is rethrown, so a failed upload leaves nothing.
 */
export async function writeTempFile(
  data: AsyncIterable<Uint8Array>,
  options: { dir: string; fsync: boolean },
): Promise<string> {
  const path = join(options.dir, `${randomUUID()}${TEMP_SUFFIX}`);
  const handle = await open(path, "wx");
  try {
    const batch = Buffer.allocUnsafe(WRITE_BATCH_BYTES);
    let used = 0;
    for await (const chunk of data) {
      if (used + chunk.byteLength > WRITE_BATCH_BYTES) {
        await writeAll(handle, batch.subarray(0, used));
        used = 0;
      }
      if (chunk.byteLength >= WRITE_BATCH_BYTES) {
        await writeAll(handle, chunk);
      } else {
        batch.set(chunk, used);
        used += chunk.byteLength;
      }
    }
    await writeAll(handle, batch.subarray(0, used));
    if (options.fsync) await handle.sync();
    await handle.close();
    return path;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

/** A write may take less than asked (a full disk, a signal): the rest is written until done. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset);
    offset += bytesWritten;
  }
}

/** Removes uploads in `dir` untouched for `STALE_UPLOAD_MS`: leftovers of a process that died. */
export async function sweepStaleUploads(dir: string, now = Date.now()): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (!entry.endsWith(TEMP_SUFFIX)) continue;
    const path = join(dir, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_UPLOAD_MS) await rm(path, { force: true });
  }
}

/** Flushes a directory's entries (a rename into it) to disk. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
