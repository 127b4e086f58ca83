// For users: the store, its API, and the drivers that ship with this package.

export { KEY_SEPARATOR, resolveKeyPrefix } from "@layer8/core";
export type {
  DriverDelete,
  DriverOperation,
  DriverSet,
  StateDriver,
  StateDriverDefinition,
  StoredState,
  TtlChange,
} from "./driver.js";
// For driver authors.
export { StateFeature } from "./driver.js";
export { etcdStateDriver } from "./drivers/etcd.js";
export { fileStateDriver } from "./drivers/file.js";
export { memoryStateDriver } from "./drivers/memory.js";
export { redisStateDriver } from "./drivers/redis.js";
export { etagMismatch } from "./etag.js";
export type { CreateStateStoreOptions } from "./state-store.js";
export { commonStateMetadata, createStateStore, StateStore } from "./state-store.js";
export { TTL_EXPIRE_TIME_KEY, TTL_METADATA_KEY } from "./ttl.js";
export type {
  BulkGetStateRequest,
  BulkStateValue,
  Concurrency,
  Consistency,
  DeleteStateRequest,
  GetStateRequest,
  RequestMetadata,
  SaveStateRequest,
  StateApi,
  StateOptions,
  StateValue,
  TransactionOperation,
  TransactionRequest,
} from "./types.js";

import type { StateDriverDefinition as Definition } from "./driver.js";
import { etcdStateDriver } from "./drivers/etcd.js";
import { fileStateDriver } from "./drivers/file.js";
import { memoryStateDriver } from "./drivers/memory.js";
import { redisStateDriver } from "./drivers/redis.js";
/** Every state driver in this package, for runtimes that register drivers by type. */
export const stateDrivers: readonly Definition[] = [
  memoryStateDriver,
  fileStateDriver,
  redisStateDriver,
  etcdStateDriver,
];
