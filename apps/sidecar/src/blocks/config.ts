import {
  type ConfigDriverDefinition,
  type ConfigStore,
  configDrivers,
  createConfigStore,
} from "@layer8/config";
import { configService } from "../server/config-service.js";
import type { BlockModule } from "./block-module.js";

export const configBlock: BlockModule<ConfigStore> = {
  name: "config",
  storeKind: "configuration store",
  drivers: configDrivers,
  // A file beside the sidecar, so that configuration survives restarts and can be edited by hand.
  embedded: { default: { type: "file", metadata: { path: ".layer8/configuration.yaml" } } },
  create: (driver, options) =>
    createConfigStore({ driver: driver as ConfigDriverDefinition, ...options }),
  service: configService,
};
