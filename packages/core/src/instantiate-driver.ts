import { z } from "zod";
import type { Component } from "./component.js";
import type { DriverDefinition } from "./driver.js";
import { parseMetadata } from "./metadata.js";

export interface InstantiateDriverOptions<
  Schema extends z.ZodObject,
  Shared extends z.ZodRawShape,
  Instance,
> {
  block: string;
  driver: DriverDefinition<string, Schema, Instance & Component>;
  /** The fields every component of the block accepts besides its driver's (e.g. `keyPrefix`). */
  shared: Shared;
  metadata: Record<string, unknown> | undefined;
  name: string;
  appId: string;
}

/**
 * What every block's factory (createStateStore, createLockStore, createSequencer) starts with:
 * validates the metadata against the driver's fields joined with the block's shared ones (so an
 * unknown field in either is refused, naming the component), creates the driver instance from
 * its own fields, and hands the shared fields back to the block.
 */
export function instantiateDriver<
  Schema extends z.ZodObject,
  Shared extends z.ZodRawShape,
  Instance,
>(
  options: InstantiateDriverOptions<Schema, Shared, Instance>,
): { instance: Instance & Component; shared: z.output<z.ZodObject<Shared>> } {
  const { block, driver, shared, name, appId } = options;
  const schema = z.strictObject({ ...driver.metadata.shape, ...shared });
  const parsed = parseMetadata(schema, options.metadata ?? {}, {
    block,
    component: name,
    type: driver.type,
  });
  const sharedValues: Record<string, unknown> = {};
  const driverValues: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (field in shared) sharedValues[field] = value;
    else driverValues[field] = value;
  }
  const instance = driver.create(driverValues as z.output<Schema>, {
    block,
    component: name,
    appId,
  });
  return { instance, shared: sharedValues as z.output<z.ZodObject<Shared>> };
}
