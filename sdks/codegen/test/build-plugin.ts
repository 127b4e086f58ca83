import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * vitest global setup: compiles the plugin before the tests run it through buf, so that a test
 * never exercises a dist/ older than src/ (an emitter author edits src and reruns one test).
 */
export default function setup(): void {
  const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(packageDir, "tsconfig.build.json")], {
    cwd: packageDir,
    stdio: "inherit",
  });
}
