import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { flag } from "@layer8/connections";
import { defineDriver, type Health } from "@layer8/core";
import { z } from "zod";
import type { DriverList, DriverPut, FileDriver, FileDriverDefinition } from "../driver.js";
import type { FileInfo, FileMeta, FileMetadata } from "../types.js";
import { errno, fsError } from "./local-errors.js";
import { listPage } from "./local-listing.js";
import { LocalRoot } from "./local-root.js";
import { sweepStaleUploads, syncDirectory, writeTempFile } from "./local-upload.js";

const metadata = z.strictObject({
  /** The directory holding the files; relative to the working directory; created if missing. */
  root: z.string().min(1),
  /**
   * Flush every file to disk before a put returns (and the directory after the rename), so an
   * acknowledged file survives a power cut. Default true; false trades that for speed.
   */
  fsync: flag.default(true),
  /** The size of the chunks `get` reads, in bytes. Default 1 MiB. */
  readChunkBytes: z.coerce
    .number()
    .int()
    .min(4096)
    .max(4 * 1024 * 1024)
    .default(1024 * 1024),
});

type Options = z.output<typeof metadata>;

/** How many times a put retries its rename when a delete pruned the directory meanwhile. */
const RENAME_ATTEMPTS = 3;

/**
 * Files as plain files below a root directory. A put writes to `<root>/.layer8/uploads` and
 * renames into place once the stream has ended, so a reader sees the old file or the new one,
 * never half of one, and a failed upload leaves nothing. Metadata given to put lives in
 * `<root>/.layer8/meta/<name>.json`. Names never reach outside the root (see `LocalRoot`).
 */
class LocalFileDriver implements FileDriver {
  readonly features: readonly string[] = [];
  readonly #root: LocalRoot;
  readonly #options: Options;

  constructor(options: Options) {
    this.#options = options;
    this.#root = new LocalRoot(options.root);
  }

  async init(): Promise<void> {
    try {
      await this.#root.init();
      await sweepStaleUploads(this.#root.uploads);
    } catch (error) {
      throw fsError(error);
    }
  }

  async close(): Promise<void> {}

  async health(): Promise<Health> {
    try {
      await stat(this.#root.uploads);
      return { status: "UP", details: { root: this.#root.path } };
    } catch (error) {
      return { status: "DOWN", details: { root: this.#root.path, error: String(error) } };
    }
  }

  async put(request: DriverPut): Promise<void> {
    const { fsync } = this.#options;
    let temp: string | undefined;
    try {
      const upload = await writeTempFile(request.data, { dir: this.#root.uploads, fsync });
      temp = upload;
      let target = await this.#root.prepare(request.name);
      await this.#writeMeta(request.name, request.metadata);
      for (let attempt = 1; ; attempt++) {
        try {
          await rename(upload, target);
          temp = undefined;
          break;
        } catch (error) {
          // A delete pruned the directory between prepare and rename: make it again.
          if (errno(error) !== "ENOENT" || attempt === RENAME_ATTEMPTS) throw error;
          target = await this.#root.prepare(request.name);
        }
      }
      if (fsync) await syncDirectory(dirname(target));
    } catch (error) {
      if (temp) await unlink(temp).catch(() => undefined);
      throw fsError(error);
    }
  }

  async get(name: string): Promise<AsyncIterable<Uint8Array>> {
    const chunkBytes = this.#options.readChunkBytes;
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(await this.#root.existingFile(name), "r");
    } catch (error) {
      throw fsError(error);
    }
    // The open handle reads the file as it was opened: a put renames a new file in, it never
    // writes into this one.
    return (async function* () {
      try {
        for (;;) {
          const buffer = Buffer.allocUnsafe(chunkBytes);
          const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
          if (bytesRead === 0) return;
          yield buffer.subarray(0, bytesRead);
        }
      } catch (error) {
        throw fsError(error);
      } finally {
        await handle.close();
      }
    })();
  }

  async list(request: DriverList): Promise<{ files: FileInfo[]; isTruncated: boolean }> {
    try {
      return await listPage(this.#root.path, request);
    } catch (error) {
      throw fsError(error);
    }
  }

  async delete(name: string): Promise<void> {
    try {
      const path = await this.#root.deletable(name);
      await unlink(path);
      await this.#root.pruneEmpty(path, this.#root.path);
      await this.#removeMeta(name);
    } catch (error) {
      throw fsError(error);
    }
  }

  async meta(name: string): Promise<FileMeta> {
    try {
      const info = await stat(await this.#root.existingFile(name));
      const stored = await this.#readMeta(name);
      return {
        size: info.size,
        lastModified: info.mtime,
        metadata: Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, [v]])),
      };
    } catch (error) {
      throw fsError(error);
    }
  }

  /**
   * Replaces the file's metadata (by rename, like content) before its content is renamed in:
   * a crash in between pairs the new metadata with the old content, never leaves half a file.
   */
  async #writeMeta(name: string, metadata: FileMetadata): Promise<void> {
    if (Object.keys(metadata).length === 0) return this.#removeMeta(name);
    const path = this.#root.metaPathOf(name);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(metadata), { flush: this.#options.fsync });
    await rename(temp, path);
  }

  async #removeMeta(name: string): Promise<void> {
    const path = this.#root.metaPathOf(name);
    try {
      await unlink(path);
      await this.#root.pruneEmpty(path, this.#root.meta);
    } catch (error) {
      if (errno(error) !== "ENOENT") throw error;
    }
  }

  async #readMeta(name: string): Promise<FileMetadata> {
    try {
      return JSON.parse(await readFile(this.#root.metaPathOf(name), "utf8")) as FileMetadata;
    } catch (error) {
      if (errno(error) === "ENOENT") return {};
      throw error;
    }
  }
}

/** Files on local disk below a root directory. Type `local`. */
export const localFileDriver: FileDriverDefinition<typeof metadata> = defineDriver({
  block: "file",
  type: "local",
  description: "Plain files below a root directory; atomic puts by rename; names confined to it.",
  metadata,
  create: (options) => new LocalFileDriver(options),
});
