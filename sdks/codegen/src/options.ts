import { Code, Layer8Error } from "@layer8/core";
import type { EmitterOptions, OptionSpec } from "./emitter.js";

export interface ParsedParameter {
  readonly lang: string | undefined;
  /** Every option but `lang`, each name with its values in order. */
  readonly values: ReadonlyMap<string, readonly string[]>;
}

/**
 * Parses protoc's parameter string, `lang=go,go_package=example.com/x`: options are separated
 * by commas and split at their first `=`, so values may contain `=` but not `,`. (buf joins the
 * `opt:` list of buf.gen.yaml with commas.)
 */
export function parseParameter(parameter: string): ParsedParameter {
  let lang: string | undefined;
  const values = new Map<string, string[]>();
  for (const part of parameter.split(",")) {
    if (part.trim() === "") continue;
    const at = part.indexOf("=");
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    const value = at < 0 ? "" : part.slice(at + 1).trim();
    if (name === "lang") lang = value;
    else values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { lang, values };
}

/** Refuses options the emitter does not know, repeats of single options and missing ones. */
export function checkOptions(
  lang: string,
  specs: readonly OptionSpec[],
  values: ReadonlyMap<string, readonly string[]>,
): EmitterOptions {
  const known = specs.map((spec) => spec.name);
  for (const [name, given] of values) {
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: option '${name}' is not known for lang=${lang}; known: ${known.join(", ") || "(none)"}`,
      );
    }
    if (!spec.repeated && given.length > 1) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: option '${name}' is given ${given.length} times for lang=${lang}; it takes one value (${spec.description})`,
      );
    }
  }
  for (const spec of specs) {
    if (spec.required && !values.has(spec.name)) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: option '${spec.name}' is required for lang=${lang}: ${spec.description}`,
      );
    }
  }
  return {
    get: (name) => values.get(name)?.[0],
    getAll: (name) => values.get(name) ?? [],
  };
}
