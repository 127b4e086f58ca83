/**
 * The State API as the SDK offers it. These types mirror `@layer8/state`'s `StateApi` on purpose
 * instead of importing it: an application that talks to a sidecar should not install the
 * embedded runtime. A type test keeps the two assignable.
 */

/** How concurrent writers are arbitrated when the app gives no etag. */
export type Concurrency = "first-write" | "last-write";
export type Consistency = "eventual" | "strong";

export interface StateOptions {
  /**
   * `first-write`: without an etag, only the first save of a key succeeds.
   * `last-write`: the etag is ignored and the write always wins.
   * Unset (the default): the etag is checked when given, otherwise the write is unconditional.
   */
  concurrency?: Concurrency;
  /** Unset by default, which lets the store choose; every Layer8 driver reads its own writes. */
  consistency?: Consistency;
}

/** Per-request metadata, e.g. `{ ttlInSeconds: "60" }`. */
export type RequestMetadata = Readonly<Record<string, string>>;

export interface GetStateRequest {
  key: string;
  /** Unset by default, which lets the store choose. */
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
  /** The etag read earlier; absent (the default), `""` or `"0"` mean an unconditional write. */
  etag?: string;
  /** `ttlInSeconds`: expire after N seconds; `-1` removes a TTL; absent keeps the current one. */
  metadata?: RequestMetadata;
  options?: StateOptions;
}

export interface BulkSaveStateRequest {
  items: readonly SaveStateRequest[];
}

export interface DeleteStateRequest {
  key: string;
  /** The etag read earlier; absent (the default), `""` or `"0"` mean an unconditional delete. */
  etag?: string;
  metadata?: RequestMetadata;
  options?: StateOptions;
}

export interface BulkDeleteStateRequest {
  items: readonly DeleteStateRequest[];
}

export type TransactionOperation =
  | { operation: "upsert"; request: SaveStateRequest }
  | { operation: "delete"; request: DeleteStateRequest };

export interface TransactionRequest {
  operations: readonly TransactionOperation[];
  metadata?: RequestMetadata;
}

/**
 * One state store of the sidecar. Every failure is thrown as a `Layer8Error` whose `code` is the
 * gRPC status (e.g. `ABORTED` for a stale etag) and whose `rawMessage` is the sidecar's message.
 */
export interface StateClient {
  /** The store's name in the sidecar's configuration. */
  readonly storeName: string;
  /** A missing key is not an error: it comes back with empty data and an empty etag. */
  get(request: GetStateRequest): Promise<StateValue>;
  /** One item per requested key, in the requested order; missing keys have empty data. */
  bulkGet(request: BulkGetStateRequest): Promise<BulkStateValue[]>;
  save(request: SaveStateRequest): Promise<void>;
  /** Applies every item it can; if some fail, throws naming each failed key. */
  bulkSave(request: BulkSaveStateRequest): Promise<void>;
  /** Deleting a missing key is not an error. */
  delete(request: DeleteStateRequest): Promise<void>;
  /** Applies every item it can; if some fail, throws naming each failed key. */
  bulkDelete(request: BulkDeleteStateRequest): Promise<void>;
  /** All operations apply, in order, or none do. Needs a store that declares `transactional`. */
  transact(request: TransactionRequest): Promise<void>;
}
