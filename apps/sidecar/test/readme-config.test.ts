import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runLayer8, writeConfig } from "./run-sidecar.js";

// The config reference in the README is what users copy: it must stay a valid config.
describe("the README's sample config", () => {
  it("passes layer8 validate", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../../README.md"), "utf8");
    const sample = readme.match(/```yaml\n([\s\S]*?)```/)?.[1];
    expect(sample, "a yaml block in the README").toBeDefined();
    const { status, stdout, stderr } = runLayer8(["validate", "--config", writeConfig(sample!)]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/is valid \(\d+ components\)/);
  });
});
