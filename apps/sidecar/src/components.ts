import {
  type Component,
  type DriverRegistry,
  isLayer8Error,
  type NamedComponent,
} from "@layer8/core";
import { BLOCK_MODULES } from "./blocks/index.js";
import { BUILDING_BLOCKS, type BuildingBlock } from "./building-blocks.js";
import { ConfigError, type ConfigProblem } from "./config/config-error.js";
import { suggestion } from "./config/did-you-mean.js";
import type { Layer8Config } from "./config/schema.js";

/** The built (not yet started) components of a config, by block and name. */
export interface Components {
  /** In config order; started in this order and closed in reverse. */
  all: NamedComponent[];
  /** Block name → component name → component; every implemented block has an entry. */
  byBlock: Map<string, Map<string, Component>>;
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
  const built: Components = {
    all: [],
    byBlock: new Map(BLOCK_MODULES.map((block) => [block.name, new Map<string, Component>()])),
  };
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
        const module = BLOCK_MODULES.find((m) => m.name === block)!;
        const component = module.create(registry.get(block, settings.type), {
          name,
          metadata: settings.metadata,
          appId: config.appId,
        });
        built.all.push({ block, name, type: settings.type, component });
        built.byBlock.get(block)!.set(name, component);
      } catch (error) {
        problems.push(...metadataProblems(error, path));
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return built;
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
