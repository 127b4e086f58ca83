import {
  createStateStore,
  type StateDriverDefinition,
  type StateStore,
  stateDrivers,
} from "@layer8/state";
import { stateService } from "../server/state-service.js";
import type { BlockModule } from "./block-module.js";

export const stateBlock: BlockModule<StateStore> = {
  name: "state",
  storeKind: "state store",
  drivers: stateDrivers,
  embedded: { default: { type: "memory", metadata: {} } },
  create: (driver, options) =>
    createStateStore({ driver: driver as StateDriverDefinition, ...options }),
  service: stateService,
};
