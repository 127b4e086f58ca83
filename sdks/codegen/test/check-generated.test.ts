import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// bin/check-generated.mjs, the stale check every SDK runs, on a scratch SDK generated from the
// fixture with the TS emitter.

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const script = join(packageDir, "bin/check-generated.mjs");
const pluginBin = join(packageDir, "bin/protoc-gen-layer8-client.mjs");
const bufBin = join(packageDir, "node_modules/.bin/buf");
const scratchDirs: string[] = [];

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch SDK whose buf.gen.yaml writes the fixture's TS client to src/gen, generated once. */
function scratchSdk(): string {
  const dir = mkdtempSync(join(tmpdir(), "layer8-check-generated-test-"));
  scratchDirs.push(dir);
  writeFileSync(
    join(dir, "buf.gen.yaml"),
    [
      "version: v2",
      "inputs:",
      `  - directory: ${JSON.stringify(join(packageDir, "test/fixture"))}`,
      "plugins:",
      `  - local: [${JSON.stringify(process.execPath)}, ${JSON.stringify(pluginBin)}]`,
      "    out: src/gen # the client",
      "    strategy: all",
      "    opt: [lang=ts]",
      "",
    ].join("\n"),
  );
  const generated = spawnSync(bufBin, ["generate"], { cwd: dir, encoding: "utf8" });
  expect(generated.stderr).toBe("");
  return dir;
}

const check = (dir: string) =>
  spawnSync(process.execPath, [script, dir], { cwd: packageDir, encoding: "utf8" });

describe("check-generated.mjs", () => {
  it("passes when every out directory is what buf generates now", () => {
    const result = check(scratchSdk());
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/is up to date \(1 files in src\/gen\)/);
  });

  it("fails naming a generated file edited by hand", () => {
    const dir = scratchSdk();
    appendFileSync(join(dir, "src/gen/layer8_sections.ts"), "// edited by hand\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("stale: src/gen/layer8_sections.ts");
    expect(result.stderr).toContain("pnpm generate");
  });

  it("fails naming a missing file and a file nothing generates any more", () => {
    const dir = scratchSdk();
    unlinkSync(join(dir, "src/gen/layer8_sections.ts"));
    writeFileSync(join(dir, "src/gen/old_sections.ts"), "// from a removed service\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing: src/gen/layer8_sections.ts");
    expect(result.stderr).toContain("not generated any more: src/gen/old_sections.ts");
  });

  it("fails when buf cannot generate, e.g. with a bad plugin option", () => {
    const dir = scratchSdk();
    const template = join(dir, "buf.gen.yaml");
    writeFileSync(template, readFileSync(template, "utf8").replace("lang=ts", "lang=cobol"));
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("lang=cobol is not a language");
    expect(result.stderr).toContain("`buf generate` failed");
  });
});
