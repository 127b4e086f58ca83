import { DriverRegistry } from "@layer8/core";
import { stateDrivers } from "@layer8/state";
import type { ComponentConfig } from "./config/schema.js";

/** Every building block a config may name, whether or not this version has drivers for it. */
export const BUILDING_BLOCKS = ["state", "pubsub", "lock", "sequencer", "config", "file"] as const;
export type BuildingBlock = (typeof BUILDING_BLOCKS)[number];

/** The drivers this sidecar ships, by block and type. */
export function createDriverRegistry(): DriverRegistry {
  const registry = new DriverRegistry();
  for (const driver of stateDrivers) registry.register(driver);
  return registry;
}

/**
 * What the sidecar runs with when no config is given: one component named `default` per block
 * that has an embedded driver (no server to install).
 */
export const EMBEDDED_COMPONENTS: Partial<Record<BuildingBlock, Record<string, ComponentConfig>>> =
  {
    state: { default: { type: "memory", metadata: {} } },
  };
