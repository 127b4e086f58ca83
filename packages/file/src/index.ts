// For users: the store, its API, and the drivers that ship with this package.

// For driver authors.
export type { DriverList, DriverPut, FileDriver, FileDriverDefinition } from "./driver.js";
export { localFileDriver } from "./drivers/local.js";
export { memoryFileDriver } from "./drivers/memory.js";
export { s3FileDriver } from "./drivers/s3.js";
export { MAX_METADATA_BYTES } from "./file-metadata.js";
export { compareNames, fileNameProblem, MAX_NAME_BYTES, RESERVED_PREFIX } from "./file-name.js";
export type { CreateFileStoreOptions } from "./file-store.js";
export { createFileStore, DEFAULT_PAGE_SIZE, FileStore, MAX_PAGE_SIZE } from "./file-store.js";
export type {
  DeleteFileRequest,
  FileApi,
  FileInfo,
  FileMeta,
  FileMetadata,
  FileMetaRequest,
  GetFileRequest,
  ListFilesRequest,
  ListFilesResponse,
  PutFileRequest,
} from "./types.js";

import type { FileDriverDefinition as Definition } from "./driver.js";
import { localFileDriver } from "./drivers/local.js";
import { memoryFileDriver } from "./drivers/memory.js";
import { s3FileDriver } from "./drivers/s3.js";
/** Every file driver in this package, for runtimes that register drivers by type. */
export const fileDrivers: readonly Definition[] = [memoryFileDriver, localFileDriver, s3FileDriver];
