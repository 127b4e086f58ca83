import type { Component, DriverDefinition } from "@layer8/core";
import type { z } from "zod";

/** Optional capabilities a state driver may declare in `features`. */
export const StateFeature = {
  /** Writes and deletes can be conditioned on an etag; first-write concurrency works. */
  Etag: "etag",
  /** `transact` applies all operations or none. */
  Transactional: "transactional",
  /** `ttlInSeconds` is honoured. */
  Ttl: "ttl",
} as const;
export type StateFeature = (typeof StateFeature)[keyof typeof StateFeature];

/**
 * What to do with a key's time to live on a write: `undefined` keeps whatever the key had,
 * `"persist"` removes it, a number sets it to that many seconds from now.
 */
export type TtlChange = undefined | "persist" | number;

/** A stored value as a driver returns it. */
export interface StoredState {
  value: Uint8Array;
  /** A decimal version that changes on every write of the key. */
  etag: string;
  /** Epoch milliseconds when the key expires, if it has a TTL. */
  expiresAt?: number;
}

/**
 * A write as drivers receive it: the key already prefixed, the etag already validated
 * (a decimal string, or undefined for "no etag") and the TTL already parsed.
 */
export interface DriverSet {
  key: string;
  value: Uint8Array;
  etag: string | undefined;
  /** `first-write` without an etag means "only if the key does not exist". */
  firstWrite: boolean;
  ttl: TtlChange;
}

export interface DriverDelete {
  key: string;
  etag: string | undefined;
}

export type DriverOperation =
  | ({ operation: "upsert" } & DriverSet)
  | ({ operation: "delete" } & DriverDelete);

/**
 * A state driver: atomic single-key operations on already validated input. Etag conflicts are
 * thrown as `ABORTED`. Validation, key prefixes, TTL parsing and feature checks are done once,
 * for every driver, by the store that wraps it (`createStateStore`).
 */
export interface StateDriver extends Component {
  get(key: string): Promise<StoredState | undefined>;
  set(request: DriverSet): Promise<void>;
  delete(request: DriverDelete): Promise<void>;
  /** Optional batched read; without it the store reads keys one by one. */
  bulkGet?(keys: readonly string[]): Promise<(StoredState | undefined)[]>;
  /** Required when the driver declares `transactional`: all or nothing, in order. */
  transact?(operations: readonly DriverOperation[]): Promise<void>;
}

/** A state driver definition: its metadata is an object schema, so shared fields can join it. */
export type StateDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "state",
  Schema,
  StateDriver
>;
