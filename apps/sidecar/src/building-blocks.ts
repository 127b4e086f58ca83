import { DriverRegistry } from "@layer8/core";
import { BLOCK_MODULES } from "./blocks/index.js";
import type { ComponentConfig } from "./config/schema.js";

/** Every building block a config may name, whether or not this version has drivers for it. */
export const BUILDING_BLOCKS = ["state", "pubsub", "lock", "sequencer", "config", "file"] as const;
export type BuildingBlock = (typeof BUILDING_BLOCKS)[number];

/** The drivers this sidecar ships, by block and type. */
export function createDriverRegistry(): DriverRegistry {
  const registry = new DriverRegistry();
  for (const block of BLOCK_MODULES) for (const driver of block.drivers) registry.register(driver);
  return registry;
}

/**
 * What the sidecar runs with when no config is given: the embedded components of every block
 * that has them (memory stores, local files; no server to install).
 */
export const EMBEDDED_COMPONENTS: Record<
  string,
  Record<string, ComponentConfig>
> = Object.fromEntries(BLOCK_MODULES.map((block) => [block.name, block.embedded]));
