// For users: the store, its API, and the drivers that ship with this package.

export { KEY_SEPARATOR, resolveKeyPrefix } from "@layer8/core";
// For driver authors.
export type { DriverLock, DriverUnlock, LockDriver, LockDriverDefinition } from "./driver.js";
export { etcdLockDriver } from "./drivers/etcd.js";
export { memoryLockDriver } from "./drivers/memory.js";
export { redisLockDriver } from "./drivers/redis.js";
export type { CreateLockStoreOptions } from "./lock-store.js";
export {
  commonLockMetadata,
  createLockStore,
  LockStore,
  MAX_EXPIRE_SECONDS,
} from "./lock-store.js";
export type {
  KeepAliveRequest,
  KeepAliveResponse,
  LockApi,
  LockStatus,
  TryLockRequest,
  TryLockResponse,
  UnlockRequest,
  UnlockResponse,
} from "./types.js";

import type { LockDriverDefinition as Definition } from "./driver.js";
import { etcdLockDriver } from "./drivers/etcd.js";
import { memoryLockDriver } from "./drivers/memory.js";
import { redisLockDriver } from "./drivers/redis.js";
/** Every lock driver in this package, for runtimes that register drivers by type. */
export const lockDrivers: readonly Definition[] = [
  memoryLockDriver,
  redisLockDriver,
  etcdLockDriver,
];
