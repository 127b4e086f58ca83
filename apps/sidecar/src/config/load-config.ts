import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
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

const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(configSchema.shape),
  grpc: ["host", "port"],
  actuator: ["host", "port"],
  app: ["grpcCallback"],
  shutdown: ["drainTimeoutMs"],
  component: ["type", "metadata"],
};

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
  return { config: parsed.data, source };
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

function knownKeysAt(segments: readonly string[]): readonly string[] {
  if (segments[0] === "components" && segments.length === 3) return KNOWN_KEYS.component!;
  return KNOWN_KEYS[segments.join(".")] ?? [];
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
