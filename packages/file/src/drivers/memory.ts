import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type { DriverList, DriverPut, FileDriver, FileDriverDefinition } from "../driver.js";
import { compareNames } from "../file-name.js";
import type { FileInfo, FileMeta, FileMetadata } from "../types.js";

const metadata = z.strictObject({});

interface StoredFile {
  chunks: Uint8Array[];
  size: number;
  lastModified: Date;
  metadata: FileMetadata;
}

const notFound = () => new Layer8Error(Code.NotFound, "the file does not exist");

/**
 * Files in a Map inside the process: for tests and embedded use, where holding every file in
 * memory is the point. A put is stored only once its stream has ended, so a failed put leaves
 * nothing behind and a reader never sees half a file.
 */
class MemoryFileDriver implements FileDriver {
  readonly features: readonly string[] = [];
  readonly #files = new Map<string, StoredFile>();

  async init(): Promise<void> {}

  async close(): Promise<void> {
    this.#files.clear();
  }

  async health(): Promise<Health> {
    return { status: "UP", details: { files: this.#files.size } };
  }

  async put(request: DriverPut): Promise<void> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of request.data) {
      // Copies, in and out: the caller may reuse its buffers.
      chunks.push(new Uint8Array(chunk));
      size += chunk.byteLength;
    }
    this.#files.set(request.name, {
      chunks,
      size,
      lastModified: new Date(),
      metadata: { ...request.metadata },
    });
  }

  async get(name: string): Promise<AsyncIterable<Uint8Array>> {
    const file = this.#files.get(name);
    if (!file) throw notFound();
    return (async function* () {
      for (const chunk of file.chunks) yield new Uint8Array(chunk);
    })();
  }

  async list(request: DriverList): Promise<{ files: FileInfo[]; isTruncated: boolean }> {
    const names = [...this.#files.keys()]
      .filter(
        (name) =>
          name.startsWith(request.prefix) &&
          (request.marker === "" || compareNames(name, request.marker) > 0),
      )
      .sort(compareNames);
    const page = names.slice(0, request.pageSize);
    return {
      files: page.map((name) => {
        const file = this.#files.get(name)!;
        return { name, size: file.size, lastModified: file.lastModified };
      }),
      isTruncated: names.length > page.length,
    };
  }

  async delete(name: string): Promise<void> {
    if (!this.#files.delete(name)) throw notFound();
  }

  async meta(name: string): Promise<FileMeta> {
    const file = this.#files.get(name);
    if (!file) throw notFound();
    return {
      size: file.size,
      lastModified: file.lastModified,
      metadata: Object.fromEntries(Object.entries(file.metadata).map(([k, v]) => [k, [v]])),
    };
  }
}

/** The in-process file driver: files live in this process's memory only. Type `memory`. */
export const memoryFileDriver: FileDriverDefinition<typeof metadata> = defineDriver({
  block: "file",
  type: "memory",
  description: "Files in this process's memory; for tests and embedded use. Lost on restart.",
  metadata,
  create: () => new MemoryFileDriver(),
});
