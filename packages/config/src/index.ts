// For users: the store, its API, and the drivers that ship with this package.

export type { CreateConfigStoreOptions } from "./config-store.js";
export { ConfigStore, commonConfigMetadata, createConfigStore } from "./config-store.js";
// For driver authors.
export { ConfigTable } from "./config-table.js";
export type {
  ConfigChange,
  ConfigDriver,
  ConfigDriverDefinition,
  DriverQuery,
  DriverSave,
  DriverSubscription,
} from "./driver.js";
export { etcdConfigDriver } from "./drivers/etcd.js";
export { fileConfigDriver } from "./drivers/file.js";
export { memoryConfigDriver } from "./drivers/memory.js";
export { copyItem, deletedItem, SubscriberSet, selects } from "./subscribers.js";
export type {
  ConfigApi,
  ConfigurationItem,
  ConfigurationListener,
  ConfigurationSelector,
  ConfigurationSubscription,
  DeleteConfigurationRequest,
  GetConfigurationRequest,
  GetConfigurationResponse,
  SaveConfigurationItem,
  SaveConfigurationRequest,
  SubscribeConfigurationRequest,
} from "./types.js";

import type { ConfigDriverDefinition as Definition } from "./driver.js";
import { etcdConfigDriver } from "./drivers/etcd.js";
import { fileConfigDriver } from "./drivers/file.js";
import { memoryConfigDriver } from "./drivers/memory.js";
/** Every configuration driver in this package, for runtimes that register drivers by type. */
export const configDrivers: readonly Definition[] = [
  memoryConfigDriver,
  fileConfigDriver,
  etcdConfigDriver,
];
