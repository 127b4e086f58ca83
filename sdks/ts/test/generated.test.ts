import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The stale check of CI: src/gen must be exactly what `pnpm generate` makes of the .proto files
// with the generator as it is now (sdks/codegen), so neither can change without regenerating.
const sdkDir = resolve(import.meta.dirname, "..");
const script = join(sdkDir, "../codegen/bin/check-generated.mjs");

describe("the generated client layer", () => {
  it("is up to date with the .proto files and the generator", () => {
    const result = spawnSync(process.execPath, [script], { cwd: sdkDir, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/up to date \(1 files in src\/gen\)/);
  });
});
