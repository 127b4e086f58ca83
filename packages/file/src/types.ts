/**
 * The File API as applications see it, embedded or through an SDK: request objects in, response
 * objects out, file content as streams of chunks so that no side ever holds a whole file. Every
 * error is thrown as a `Layer8Error`.
 *
 * A file's name is a relative path of `/`-separated segments (`invoices/2024/42.pdf`): not empty,
 * no empty, `.` or `..` segment, no leading `/`, no `\` or NUL, at most 1,024 UTF-8 bytes, and a
 * first segment not starting with `.layer8` (reserved for drivers' own bookkeeping).
 */

/** Metadata names to values, as stored with a file. */
export type FileMetadata = Record<string, string>;

export interface PutFileRequest {
  /** The file's name; an existing file of that name is replaced once the upload completes. */
  name: string;
  /**
   * The content, in chunks of any size (empty chunks too), in order. The store pulls the next
   * chunk only when it has dealt with the previous one, so a slow backend slows the producer
   * rather than filling memory. If it throws, the upload is abandoned and nothing is stored.
   */
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * Stored with the file and returned by `meta`. Names are letters, digits, `-`, `_` and `.`;
   * they are case-insensitive and come back in lower case (as S3 and HTTP headers treat them).
   * Values are printable ASCII. At most 2,048 bytes of names and values together (S3's limit).
   */
  metadata?: FileMetadata;
}

export interface GetFileRequest {
  name: string;
  /** Driver options. No driver defines any yet: a non-empty map is refused. */
  metadata?: FileMetadata;
}

export interface ListFilesRequest {
  /** Only names starting with this text (not a directory: `a/b` matches `a/b.txt` and `a/bc/d`). */
  prefix?: string;
  /** Files per page, 1 to 1,000. Default 100. */
  pageSize?: number;
  /** The `marker` of the previous page; empty or absent for the first page. */
  marker?: string;
  /** Driver options. No driver defines any yet: a non-empty map is refused. */
  metadata?: FileMetadata;
}

/** One file in a listing. */
export interface FileInfo {
  name: string;
  /** Size in bytes. */
  size: number;
  /** When the content was last written, as the backend reports it (S3: whole seconds). */
  lastModified: Date;
}

/** One page of a listing, in the byte order of the names' UTF-8 (as S3 lists keys). */
export interface ListFilesResponse {
  files: FileInfo[];
  /** The name of the last file of the page when more follow; empty on the last page. */
  marker: string;
  /** True when more files follow: pass `marker` to get them. */
  isTruncated: boolean;
}

export interface DeleteFileRequest {
  name: string;
  /** Driver options. No driver defines any yet: a non-empty map is refused. */
  metadata?: FileMetadata;
}

export interface FileMetaRequest {
  name: string;
  /** Driver options. No driver defines any yet: a non-empty map is refused. */
  metadata?: FileMetadata;
}

/** What is known about a file without reading it. */
export interface FileMeta {
  /** Size in bytes. */
  size: number;
  lastModified: Date;
  /** The metadata given to `put`, names in lower case, each value as a one-element list. */
  metadata: Record<string, string[]>;
}

/** The operations of a file store, the same embedded, through the sidecar, or in an SDK. */
export interface FileApi {
  /** Stores a file from a stream of chunks. Either the whole file is stored or nothing is. */
  put(request: PutFileRequest): Promise<void>;
  /**
   * Opens a file and resolves its content as a stream of chunks. A missing file rejects with
   * `NOT_FOUND` here, before any chunk. Read the stream to its end, or leave the loop early
   * (`break`), so that the file is closed.
   */
  get(request: GetFileRequest): Promise<AsyncIterable<Uint8Array>>;
  /** One page of the files whose names start with `prefix`. */
  list(request?: ListFilesRequest): Promise<ListFilesResponse>;
  /** Deletes a file; `NOT_FOUND` when there is none. */
  delete(request: DeleteFileRequest): Promise<void>;
  /** A file's size, modification time and metadata; `NOT_FOUND` when there is none. */
  meta(request: FileMetaRequest): Promise<FileMeta>;
}
