import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { isLogLevel, LOG_LEVELS } from "../logging/logger.js";
import { ConfigError, type ConfigProblem } from "./config-error.js";
import { suggestion } from "./did-you-mean.js";
import { substituteEnv } from "./env-substitution.js";
import { configSchema, type Layer8Config } from "./schema.js";

/** A validated config and where it came from, for messages. */
export interface LoadedConfig {
  config: Layer8Config;
  /** The absolute file path, or `<embedded defaults>`. */
  source: string;
}

export const EMBEDDED_DEFAULTS = "<embedded defaults>";

/**
 * Reads a YAML or JSON config file (or takes `raw` as the parsed document), replaces `${VAR}`
 * references from `env`, and validates its shape. Throws a ConfigError listing every problem.
 */
export function loadConfig(options: {
  file?: string;
  raw?: unknown;
  env: Readonly<Record<string, string | undefined>>;
}): LoadedConfig {
  const source = options.file ? resolve(options.file) : EMBEDDED_DEFAULTS;
  const document = options.file ? readDocument(source) : (options.raw ?? {});
  const problems: ConfigProblem[] = [];
  const substituted = substituteEnv(document, options.env, problems);
  const parsed = configSchema.safeParse(substituted);
  if (!parsed.success) problems.push(...parsed.error.issues.map(describeIssue));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(source, problems);
  const config = applyEnvOverrides(parsed.data, options.env, problems);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { config, source };
}

/**
 * Settings an operator may give in the environment instead of the file: the log level (to debug
 * one run) and the API token (so the secret need not sit in a file).
 */
function applyEnvOverrides(
  config: Layer8Config,
  env: Readonly<Record<string, string | undefined>>,
  problems: ConfigProblem[],
): Layer8Config {
  const level = env.LAYER8_LOG_LEVEL?.trim();
  const token = env.LAYER8_API_TOKEN;
  let logging = config.logging;
  if (level) {
    if (isLogLevel(level)) logging = { ...logging, level };
    else {
      problems.push({
        path: "LAYER8_LOG_LEVEL (environment)",
        message: `unknown log level '${level}'`,
        fix: `use one of: ${LOG_LEVELS.join(", ")}`,
      });
    }
  }
  const security = token ? { ...config.security, apiToken: token } : config.security;
  return { ...config, logging, security };
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "the file does not exist"
        : String(error);
    throw new ConfigError(file, [
      {
        path: "",
        message: `cannot read the config: ${reason}`,
        fix: "pass an existing YAML or JSON file to --config, or leave --config out to start on embedded defaults",
      },
    ]);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "",
        message: e.message.split("\n")[0] ?? e.message,
        fix: "correct the YAML (or JSON) syntax there",
      })),
    );
  }
  return document.toJS() ?? {};
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const segments = issue.path.map(String);
  const path = segments.join(".");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(segments);
    return {
      path: path === "" ? issue.keys.join(", ") : `${path}.${issue.keys.join(", ")}`,
      message: `unknown field ${issue.keys.map((k) => `'${k}'`).join(", ")}${suggestion(issue.keys[0] ?? "", known)}`,
      fix: `remove it, or use one of: ${known.join(", ")}`,
    };
  }
  if (segments[0] === "components" && segments.length === 3 && issue.code === "invalid_key") {
    return {
      path,
      message: `invalid component name: ${issue.message}`,
      fix: "rename the component",
    };
  }
  return { path, message: issue.message, fix: fixFor(segments) };
}

/** The field names the schema allows at a path, for "did you mean" and the fix. */
function knownKeysAt(segments: readonly string[]): readonly string[] {
  let node: unknown = configSchema;
  for (const segment of segments) {
    node = childSchema(unwrap(node), segment);
    if (node === undefined) return [];
  }
  const shape = (unwrap(node) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
}

const defOf = (schema: unknown) => (schema as { _zod: { def: SchemaDef } })._zod.def;

// Defaults, optionals, nullables and transforms wrap the object schema that has the fields.
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) current = def.in;
    else return current;
  }
}

function childSchema(schema: unknown, segment: string): unknown {
  const def = defOf(schema);
  if (def.type === "object") return def.shape?.[segment];
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  return undefined;
}

function fixFor(segments: readonly string[]): string {
  const last = segments.at(-1);
  if (last === "port") return "use a whole number from 0 to 65535 (0 picks a free port)";
  if (segments[0] === "components" && last === "type") return "name a driver, e.g. type: memory";
  if (segments[0] === "components" && segments.length <= 2) {
    return "write components as <block>: { <name>: { type: <driver>, metadata: {...} } }";
  }
  return "see the config reference in the README";
}
