import type { z } from "zod";
import { Code } from "./code.js";
import { Layer8Error } from "./layer8-error.js";

/** Names the component whose metadata is being validated, for error messages. */
export interface MetadataOwner {
  block: string;
  component: string;
  type: string;
}

/** One problem found in a component's metadata: the field's path below `metadata` and why. */
export interface MetadataIssue {
  path: string;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue, knownKeys: readonly string[]): MetadataIssue {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    const known = knownKeys.length > 0 ? knownKeys.join(", ") : "none";
    return {
      path: issue.keys[0] ?? path,
      message: `unknown field ${keys}; known fields: ${known}`,
    };
  }
  return { path, message: issue.message };
}

function knownKeysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * Validates raw metadata against a driver's schema and returns the parsed value.
 * Throws `INVALID_ARGUMENT` naming the component, every bad field, and what is expected;
 * `error.details` maps each field path to its problem.
 */
export function parseMetadata<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  owner: MetadataOwner,
): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => describeIssue(issue, knownKeysOf(schema)));
  const listed = issues.map((i) => `metadata.${i.path}: ${i.message}`).join("; ");
  throw new Layer8Error(
    Code.InvalidArgument,
    `${owner.block} component '${owner.component}' (type ${owner.type}): ${listed}`,
    {
      block: owner.block,
      component: owner.component,
      field: issues[0] ? `metadata.${issues[0].path}` : "metadata",
      details: Object.fromEntries(issues.map((i) => [`metadata.${i.path}`, i.message])),
    },
  );
}
