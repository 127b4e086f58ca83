import type { z } from "zod";
import type { Component } from "./component.js";

/** What a driver learns about where it runs. */
export interface DriverContext {
  /** The building block, e.g. `state`. */
  block: string;
  /** The configured component name, e.g. `orders`; `default` on embedded defaults. */
  component: string;
  /** The application id, used by key prefixes. */
  appId: string;
}

/**
 * A driver: a validated metadata schema and a factory. The factory is synchronous and cheap;
 * connecting happens in the instance's `init()`, so a whole config can be validated and built
 * before anything touches the network.
 */
export interface DriverDefinition<
  Block extends string = string,
  Schema extends z.ZodType = z.ZodType,
  Instance extends Component = Component,
> {
  block: Block;
  /** The `type` users write in config, e.g. `memory` or `redis`. */
  type: string;
  /** One line for `layer8` help output and docs. */
  description: string;
  /** The schema of the component's `metadata`. Unknown fields should be rejected. */
  metadata: Schema;
  create(metadata: z.output<Schema>, context: DriverContext): Instance;
}

/** Identity function that keeps a driver definition's types precise. */
export function defineDriver<
  Block extends string,
  Schema extends z.ZodType,
  Instance extends Component,
>(
  definition: DriverDefinition<Block, Schema, Instance>,
): DriverDefinition<Block, Schema, Instance> {
  return definition;
}
