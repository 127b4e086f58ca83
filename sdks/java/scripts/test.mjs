#!/usr/bin/env node
// `pnpm test`: fails if the committed generated code is stale (a .proto or generator change
// without `pnpm generate`), then runs the JUnit suites against live sidecars the tests start
// (turbo builds the sidecar first), leaving JUnit XML in .test-results/.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");

/** Runs a Node script of this repo; stops with its exit code if it fails. */
function step(script, ...args) {
  const { status } = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (status !== 0) process.exit(status ?? 1);
}

step(join(root, "scripts/fetch-tools.mjs"));
step(join(root, "../codegen/bin/check-generated.mjs"), root);
step(join(root, "scripts/run-maven-tests.mjs"));
