import type { Component, DriverDefinition } from "@layer8/core";
import type { z } from "zod";
import type { LockStatus } from "./types.js";

/** A lock request as drivers receive it: the key already prefixed, every field validated. */
export interface DriverLock {
  /** The resource id with the store's key prefix. */
  key: string;
  /** Non-empty. */
  owner: string;
  /** A whole number of seconds, at least 1. */
  expireSeconds: number;
}

export type DriverUnlock = Omit<DriverLock, "expireSeconds">;

/**
 * A lock driver: atomic operations on one key each, on already validated input. Each decision
 * (is it free, who holds it) is made and acted on atomically by the backend, so that any number
 * of processes sharing the backend see one holder at a time. Backend failures are thrown as
 * `Layer8Error`s (`UNAVAILABLE`, `DEADLINE_EXCEEDED`, ...), never turned into a status.
 * Validation and key prefixes are done once, for every driver, by `createLockStore`.
 */
export interface LockDriver extends Component {
  /** True when nobody held `key` and `owner` now holds it for `expireSeconds`. */
  tryLock(request: DriverLock): Promise<boolean>;
  /** Releases `key` if `owner` holds it. */
  unlock(request: DriverUnlock): Promise<LockStatus>;
  /** If `owner` holds `key`, it now expires `expireSeconds` from now. */
  keepAlive(request: DriverLock): Promise<LockStatus>;
}

/** A lock driver definition: its metadata is an object schema, so shared fields can join it. */
export type LockDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "lock",
  Schema,
  LockDriver
>;
