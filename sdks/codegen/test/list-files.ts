import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir`, as sorted `/`-separated paths relative to it; none if it is missing. */
export function listFiles(dir: string, prefix = ""): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(dir, prefix));
  } catch {
    return [];
  }
  return entries
    .sort()
    .flatMap((name) =>
      statSync(join(dir, prefix, name)).isDirectory()
        ? listFiles(dir, `${prefix}${name}/`)
        : [`${prefix}${name}`],
    );
}
