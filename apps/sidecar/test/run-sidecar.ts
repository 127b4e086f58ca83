import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../dist/bin/layer8.js");

/** Runs `layer8 <args>` to completion (for commands and configs that must fail fast). */
export function runLayer8(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a config file and returns its path. */
export function writeConfig(content: string, name = "layer8.yaml"): string {
  const path = join(mkdtempSync(join(tmpdir(), "layer8-test-")), name);
  writeFileSync(path, content);
  return path;
}
