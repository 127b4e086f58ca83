import {
  type Component,
  type DriverRegistry,
  isLayer8Error,
  type NamedComponent,
} from "@layer8/core";
import { createStateStore, type StateDriverDefinition, type StateStore } from "@layer8/state";
import { BUILDING_BLOCKS, type BuildingBlock } from "./building-blocks.js";
import { ConfigError, type ConfigProblem } from "./config/config-error.js";
import { suggestion } from "./config/did-you-mean.js";
import type { Layer8Config } from "./config/schema.js";

/** The built (not yet started) components of a config, by block and name. */
export interface Components {
  /** In config order; started in this order and closed in reverse. */
  all: NamedComponent[];
  state: Map<string, StateStore>;
}

/**
 * Builds every component of a validated config. Nothing connects yet: drivers only check
 * their metadata here. Every problem in the whole config is collected into one ConfigError.
 */
export function buildComponents(
  config: Layer8Config,
  source: string,
  registry: DriverRegistry,
): Components {
  const problems: ConfigProblem[] = [];
  const built: Components = { all: [], state: new Map() };
  for (const [block, components] of Object.entries(config.components)) {
    if (!isBuildingBlock(block)) {
      problems.push({
        path: `components.${block}`,
        message: `unknown building block '${block}'${suggestion(block, BUILDING_BLOCKS)}`,
        fix: `use one of: ${BUILDING_BLOCKS.join(", ")}`,
      });
      continue;
    }
    for (const [name, settings] of Object.entries(components)) {
      const path = `components.${block}.${name}`;
      const available = registry.types(block);
      if (!available.includes(settings.type)) {
        problems.push({
          path: `${path}.type`,
          message:
            available.length > 0
              ? `unknown ${block} driver type '${settings.type}'${suggestion(settings.type, available)}`
              : `the ${block} building block has no drivers in this version of Layer8`,
          fix: available.length > 0 ? `use one of: ${available.join(", ")}` : `remove ${path}`,
        });
        continue;
      }
      try {
        const component = create(block, registry, { name, settings, appId: config.appId });
        built.all.push({ block, name, type: settings.type, component });
        if (block === "state") built.state.set(name, component as StateStore);
      } catch (error) {
        problems.push(...metadataProblems(error, path));
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return built;
}

function create(
  block: BuildingBlock,
  registry: DriverRegistry,
  options: {
    name: string;
    settings: { type: string; metadata: Record<string, unknown> };
    appId: string;
  },
): Component {
  const driver = registry.get(block, options.settings.type);
  switch (block) {
    case "state":
      return createStateStore({
        driver: driver as StateDriverDefinition,
        metadata: options.settings.metadata,
        name: options.name,
        appId: options.appId,
      });
    default:
      // Unreachable while only state has drivers: registry.get refuses the other blocks.
      throw new Error(`no builder for the ${block} building block`);
  }
}

function metadataProblems(error: unknown, path: string): ConfigProblem[] {
  if (isLayer8Error(error) && Object.keys(error.details).length > 0) {
    return Object.entries(error.details).map(([field, message]) => ({
      path: `${path}.${field}`,
      message,
      fix: "correct the metadata field; the driver's fields are listed in the README's config reference",
    }));
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ path, message, fix: "correct the component's settings" }];
}

function isBuildingBlock(block: string): block is BuildingBlock {
  return (BUILDING_BLOCKS as readonly string[]).includes(block);
}
