import { accessSync, constants } from "node:fs";
import { Runtime } from "@layer8/proto";
import { createDriverRegistry } from "./building-blocks.js";
import { buildComponents, type Components } from "./components.js";
import { ConfigError, type ConfigProblem } from "./config/config-error.js";
import { suggestion } from "./config/did-you-mean.js";
import type { LoadedConfig } from "./config/load-config.js";

/**
 * Everything `layer8 run` checks before it starts anything, and all `layer8 validate` does:
 * builds every component (checking its metadata) and checks the settings that name things
 * outside the file (rpcs, certificate files). Throws one ConfigError listing every problem.
 */
export function prepare(loaded: LoadedConfig): Components {
  const problems: ConfigProblem[] = [...flowRuleProblems(loaded), ...tlsProblems(loaded)];
  let components: Components | undefined;
  try {
    components = buildComponents(loaded.config, loaded.source, createDriverRegistry());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0 || !components) throw new ConfigError(loaded.source, problems);
  return components;
}

function flowRuleProblems({ config }: LoadedConfig): ConfigProblem[] {
  const names = Runtime.methods.map((m) => m.name);
  const paths = Runtime.methods.map((m) => `/${Runtime.typeName}/${m.name}`);
  const problems: ConfigProblem[] = [];
  config.flowControl.rules.forEach((rule, index) => {
    if (names.includes(rule.method) || paths.includes(rule.method)) return;
    problems.push({
      path: `flowControl.rules.${index}.method`,
      message: `'${rule.method}' is not an rpc of ${Runtime.typeName}${suggestion(rule.method, names)}`,
      fix: "name an rpc such as GetState, or its full path /spec.proto.runtime.v1.Runtime/GetState",
    });
  });
  return problems;
}

function tlsProblems({ config }: LoadedConfig): ConfigProblem[] {
  const tls = config.grpc.tls;
  if (!tls) return [];
  const problems: ConfigProblem[] = [];
  for (const field of ["certFile", "keyFile"] as const) {
    try {
      accessSync(tls[field], constants.R_OK);
    } catch {
      problems.push({
        path: `grpc.tls.${field}`,
        message: `cannot read ${tls[field]}`,
        fix: "point it at a readable PEM file (paths are relative to the working directory)",
      });
    }
  }
  return problems;
}
