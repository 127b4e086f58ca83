import type { Component, DriverDefinition } from "@layer8/core";
import type { z } from "zod";
import type { FileInfo, FileMeta, FileMetadata } from "./types.js";

/** A put as drivers receive it: the name and metadata validated, the chunks checked one by one. */
export interface DriverPut {
  name: string;
  /** A chunk belongs to the caller again once the next one is pulled: copy what is kept. */
  data: AsyncIterable<Uint8Array>;
  /** Names already in lower case; possibly empty. */
  metadata: FileMetadata;
}

/** A list request as drivers receive it: every field present and validated. */
export interface DriverList {
  /** Possibly empty. */
  prefix: string;
  /** 1 to 1,000. */
  pageSize: number;
  /** List names strictly after this one, in UTF-8 byte order; empty for the first page. */
  marker: string;
}

/**
 * A file driver: operations on already validated names. A put stores the whole file or nothing:
 * if `data` throws, or the backend fails, whatever was written is removed before `put` rejects.
 * A missing file is a `NOT_FOUND` Layer8Error; backend failures are thrown as Layer8Errors
 * (`UNAVAILABLE`, `DEADLINE_EXCEEDED`, ...). Validation is done once, for every driver, by
 * `createFileStore`.
 */
export interface FileDriver extends Component {
  put(request: DriverPut): Promise<void>;
  /** Opens the file (so that `NOT_FOUND` comes before any chunk) and resolves its content. */
  get(name: string): Promise<AsyncIterable<Uint8Array>>;
  /**
   * Up to `pageSize` files after `marker` whose names start with `prefix`, in UTF-8 byte order
   * of the names, and whether more follow.
   */
  list(request: DriverList): Promise<{ files: FileInfo[]; isTruncated: boolean }>;
  delete(name: string): Promise<void>;
  meta(name: string): Promise<FileMeta>;
}

/** A file driver definition: its metadata is an object schema. */
export type FileDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "file",
  Schema,
  FileDriver
>;
