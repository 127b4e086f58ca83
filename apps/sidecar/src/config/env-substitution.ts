import type { ConfigProblem } from "./config-error.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed config with values from
 * `env`. A variable that is unset and has no default is a problem at the path where it is used.
 */
export function substituteEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: ConfigProblem[],
  path = "",
): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      problems.push({
        path,
        message: `environment variable ${name} is not set`,
        fix: `set ${name} in the sidecar's environment, or write \${${name}:-default} to give a default`,
      });
      return whole;
    });
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => substituteEnv(item, env, problems, join(path, String(i))));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        substituteEnv(item, env, problems, join(path, key)),
      ]),
    );
  }
  return value;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
