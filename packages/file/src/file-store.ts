import {
  Code,
  type Component,
  type Health,
  instantiateDriver,
  isLayer8Error,
  Layer8Error,
  StoreErrors,
} from "@layer8/core";
import type { z } from "zod";
import type { FileDriver, FileDriverDefinition } from "./driver.js";
import { normalizeFileMetadata } from "./file-metadata.js";
import { fileNameProblem, MAX_NAME_BYTES } from "./file-name.js";
import type {
  DeleteFileRequest,
  FileApi,
  FileMeta,
  FileMetadata,
  FileMetaRequest,
  GetFileRequest,
  ListFilesRequest,
  ListFilesResponse,
  PutFileRequest,
} from "./types.js";

/** Files per page when a list request does not say. */
export const DEFAULT_PAGE_SIZE = 100;
/** The most files per page: S3's most keys per listing. */
export const MAX_PAGE_SIZE = 1000;

export interface CreateFileStoreOptions<Schema extends z.ZodObject> {
  driver: FileDriverDefinition<Schema>;
  /** The driver's metadata. */
  metadata?: Record<string, unknown>;
  /** The component name used in messages. Default: `default`. */
  name?: string;
}

/**
 * A file store: one driver behind the File API, with every request validated the same way for
 * every driver, and driver errors named after the store, the operation and the file.
 */
export class FileStore implements FileApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  readonly #driver: FileDriver;
  readonly #errors: StoreErrors;

  constructor(driver: FileDriver, settings: { name: string; type: string }) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.#errors = new StoreErrors("file", "file store", settings.name);
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  close(): Promise<void> {
    return this.#driver.close();
  }

  health(): Promise<Health> {
    return this.#driver.health();
  }

  async put(request: PutFileRequest): Promise<void> {
    const name = this.#checkName(request.name);
    const normalized = normalizeFileMetadata(request.metadata);
    if ("problem" in normalized) throw this.#errors.invalid("metadata", normalized.problem);
    if (!isIterable(request.data)) {
      throw this.#errors.invalid("data", "data must be an iterable of Uint8Array chunks");
    }
    const source = new CheckedSource(request.data, this.#errors);
    try {
      await this.#driver.put({ name, data: source.chunks(), metadata: normalized.metadata });
    } catch (error) {
      if (source.refusal) throw source.refusal;
      // The source's own failure is the reason, whatever the driver made of it on its way out.
      throw this.#errors.wrap(source.failure ?? error, `put of file '${name}'`, "name");
    }
  }

  async get(request: GetFileRequest): Promise<AsyncIterable<Uint8Array>> {
    const name = this.#checkName(request.name);
    this.#checkNoOptions(request.metadata, "get");
    const what = `get of file '${name}'`;
    const content = await this.#call(what, () => this.#driver.get(name));
    return this.#named(content, what);
  }

  async list(request: ListFilesRequest = {}): Promise<ListFilesResponse> {
    const prefix = this.#checkText(request.prefix, "prefix");
    const marker = this.#checkText(request.marker, "marker");
    const pageSize = this.#checkPageSize(request.pageSize);
    this.#checkNoOptions(request.metadata, "list");
    const page = await this.#call(`list of prefix '${prefix}'`, () =>
      this.#driver.list({ prefix, marker, pageSize }),
    );
    const last = page.files.at(-1);
    if (page.isTruncated && !last) {
      throw new Layer8Error(
        Code.Internal,
        `file store '${this.name}': the ${this.type} driver said more files follow but listed none`,
        { block: "file", component: this.name },
      );
    }
    return {
      files: page.files,
      marker: page.isTruncated ? last!.name : "",
      isTruncated: page.isTruncated,
    };
  }

  async delete(request: DeleteFileRequest): Promise<void> {
    const name = this.#checkName(request.name);
    this.#checkNoOptions(request.metadata, "delete");
    await this.#call(`delete of file '${name}'`, () => this.#driver.delete(name));
  }

  async meta(request: FileMetaRequest): Promise<FileMeta> {
    const name = this.#checkName(request.name);
    this.#checkNoOptions(request.metadata, "meta");
    return this.#call(`meta of file '${name}'`, () => this.#driver.meta(name));
  }

  #checkName(name: string): string {
    const problem = fileNameProblem(name);
    if (problem) throw this.#errors.invalid("name", problem);
    return name;
  }

  #checkText(text: string | undefined, field: string): string {
    if (text === undefined || text === null) return "";
    if (typeof text !== "string") throw this.#errors.invalid(field, `${field} must be text`);
    if (text.includes("\0")) throw this.#errors.invalid(field, `${field} must not contain NUL`);
    if (Buffer.byteLength(text) > MAX_NAME_BYTES) {
      throw this.#errors.invalid(field, `${field} must be at most ${MAX_NAME_BYTES} bytes`);
    }
    return text;
  }

  #checkPageSize(pageSize: number | undefined): number {
    if (pageSize === undefined || pageSize === null) return DEFAULT_PAGE_SIZE;
    if (
      typeof pageSize !== "number" ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > MAX_PAGE_SIZE
    ) {
      throw this.#errors.invalid(
        "pageSize",
        `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${String(pageSize)}`,
      );
    }
    return pageSize;
  }

  /** Refuses driver options, which no driver defines yet: ignoring them would be a silent no-op. */
  #checkNoOptions(options: FileMetadata | undefined, operation: string): void {
    const names = Object.keys(options ?? {});
    if (names.length === 0) return;
    throw this.#errors.invalid(
      "metadata",
      `${operation} takes no metadata options on the ${this.type} driver; got ${names.join(", ")}`,
    );
  }

  async #call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#errors.wrap(error, what, "name");
    }
  }

  /** The content with failures part-way (a dropped connection) named like any other. */
  async *#named(content: AsyncIterable<Uint8Array>, what: string): AsyncIterable<Uint8Array> {
    try {
      yield* content;
    } catch (error) {
      throw this.#errors.wrap(error, what, "name");
    }
  }
}

/**
 * The chunks of a put as the driver pulls them: each checked to be bytes, and a failure of the
 * caller's stream remembered, so that the put fails with it rather than with what the driver
 * made of it.
 */
class CheckedSource {
  /** A chunk that is not bytes: the request is malformed. */
  refusal: Layer8Error | undefined;
  /** The caller's stream failed. */
  failure: Layer8Error | undefined;
  readonly #data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  readonly #errors: StoreErrors;

  constructor(data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, errors: StoreErrors) {
    this.#data = data;
    this.#errors = errors;
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    let index = 0;
    try {
      for await (const chunk of this.#data) {
        if (!(chunk instanceof Uint8Array)) {
          this.refusal = this.#errors.invalid(
            "data",
            `data must yield Uint8Array chunks; chunk ${index} is ${typeof chunk}`,
          );
          throw this.refusal;
        }
        index += 1;
        yield chunk;
      }
    } catch (error) {
      if (error === this.refusal) throw error;
      this.failure = isLayer8Error(error)
        ? error
        : new Layer8Error(
            Code.Canceled,
            `the content stream failed after ${index} chunks, so nothing was stored: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
      throw error;
    }
  }
}

function isIterable(data: unknown): data is AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  return (
    typeof data === "object" &&
    data !== null &&
    (Symbol.asyncIterator in data || Symbol.iterator in data)
  );
}

/**
 * Builds a file store from a driver and its metadata. Metadata is validated here, so bad fields
 * fail before anything is touched; call `init()` before use and `close()` after.
 */
export function createFileStore<Schema extends z.ZodObject>(
  options: CreateFileStoreOptions<Schema>,
): FileStore {
  const name = options.name ?? "default";
  const { instance } = instantiateDriver({
    block: "file",
    driver: options.driver,
    shared: {},
    metadata: options.metadata,
    name,
    appId: "",
  });
  return new FileStore(instance, { name, type: options.driver.type });
}
