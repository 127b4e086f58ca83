/**
 * The State API as applications see it, embedded or through an SDK: request objects in,
 * response objects out, values as opaque bytes. Every error is thrown as a `Layer8Error`.
 */

/** How concurrent writers are arbitrated when the app gives no etag. */
export type Concurrency = "first-write" | "last-write";
export type Consistency = "eventual" | "strong";

export interface StateOptions {
  /**
   * `first-write`: without an etag, only the first save of a key succeeds.
   * `last-write`: the etag is ignored and the write always wins.
   * Unset: the etag is checked when given, otherwise the write is unconditional.
   */
  concurrency?: Concurrency;
  /** Accepted for compatibility; every Layer8 driver reads its own writes. */
  consistency?: Consistency;
}

/** Per-request metadata, e.g. `{ ttlInSeconds: "60" }`. */
export type RequestMetadata = Readonly<Record<string, string>>;

export interface GetStateRequest {
  key: string;
  consistency?: Consistency;
  metadata?: RequestMetadata;
}

export interface StateValue {
  /** Empty for a missing key. */
  data: Uint8Array;
  /** Empty for a missing key. */
  etag: string;
  /** `ttlExpireTime` (RFC 3339) when the key has a TTL. */
  metadata: Record<string, string>;
}

export interface BulkGetStateRequest {
  keys: readonly string[];
  metadata?: RequestMetadata;
}

export interface BulkStateValue extends StateValue {
  key: string;
}

export interface SaveStateRequest {
  key: string;
  value: Uint8Array;
  /** The etag read earlier; `""` or `"0"` mean no etag. */
  etag?: string;
  /** `ttlInSeconds`: expire after N seconds; `-1` removes a TTL; absent keeps the current one. */
  metadata?: RequestMetadata;
  options?: StateOptions;
}

export interface DeleteStateRequest {
  key: string;
  etag?: string;
  metadata?: RequestMetadata;
  options?: StateOptions;
}

export type TransactionOperation =
  | { operation: "upsert"; request: SaveStateRequest }
  | { operation: "delete"; request: DeleteStateRequest };

export interface TransactionRequest {
  operations: readonly TransactionOperation[];
  metadata?: RequestMetadata;
}

/** The operations of a state store, the same embedded, through the sidecar, or in an SDK. */
export interface StateApi {
  get(request: GetStateRequest): Promise<StateValue>;
  /** One item per requested key, in the requested order; missing keys have empty data. */
  bulkGet(request: BulkGetStateRequest): Promise<BulkStateValue[]>;
  save(request: SaveStateRequest): Promise<void>;
  /** Applies every item it can; if some fail, throws naming each failed key. */
  bulkSave(request: { items: readonly SaveStateRequest[] }): Promise<void>;
  delete(request: DeleteStateRequest): Promise<void>;
  bulkDelete(request: { items: readonly DeleteStateRequest[] }): Promise<void>;
  /** All operations apply, in order, or none do. */
  transact(request: TransactionRequest): Promise<void>;
}
