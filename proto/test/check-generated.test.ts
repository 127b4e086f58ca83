import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const script = join(root, "scripts/check-generated.mjs");
const runtimeFile = "spec/proto/runtime/v1/runtime_pb.ts";
const scratchDirs: string[] = [];

function copyOfGenerated(): string {
  const dir = mkdtempSync(join(tmpdir(), "layer8-gen-copy-"));
  scratchDirs.push(dir);
  cpSync(join(root, "src/gen"), dir, { recursive: true });
  return dir;
}

function check(genDir: string) {
  return spawnSync(process.execPath, [script, "--gen-dir", genDir], {
    cwd: root,
    encoding: "utf8",
  });
}

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the stale generated code check", () => {
  it("passes on the committed generated code", () => {
    expect(() =>
      execFileSync(process.execPath, [script], { cwd: root, stdio: "pipe" }),
    ).not.toThrow();
  });

  it("fails naming the file when generated code was edited by hand", () => {
    const dir = copyOfGenerated();
    appendFileSync(join(dir, runtimeFile), "\n// edited by hand\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`stale: ${runtimeFile}`);
    expect(result.stderr).toContain("pnpm generate");
  });

  it("fails when a generated file is missing", () => {
    const dir = copyOfGenerated();
    unlinkSync(join(dir, runtimeFile));
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`missing: ${runtimeFile}`);
  });
});
