import {
  createLockStore,
  type LockDriverDefinition,
  type LockStore,
  lockDrivers,
} from "@layer8/lock";
import { lockService } from "../server/lock-service.js";
import type { BlockModule } from "./block-module.js";

export const lockBlock: BlockModule<LockStore> = {
  name: "lock",
  storeKind: "lock store",
  drivers: lockDrivers,
  embedded: { default: { type: "memory", metadata: {} } },
  create: (driver, options) =>
    createLockStore({ driver: driver as LockDriverDefinition, ...options }),
  service: lockService,
};
