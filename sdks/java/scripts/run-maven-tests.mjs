#!/usr/bin/env node
// Runs `mvn test` in the current directory (a Maven project of this repo: the SDK or an example)
// and copies Surefire's XML reports to .test-results/, where the root summary reads them; exits
// with Maven's status. Usage: node <path>/run-maven-tests.mjs
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const project = process.cwd();
const reports = join(project, "target/surefire-reports");
const results = join(project, ".test-results");
// Reports of an earlier run would be counted again.
rmSync(reports, { recursive: true, force: true });
rmSync(results, { recursive: true, force: true });

const maven = spawnSync("mvn", ["-B", "--no-transfer-progress", "test"], { stdio: "inherit" });

mkdirSync(results, { recursive: true });
if (existsSync(reports)) {
  for (const name of readdirSync(reports)) {
    if (/^TEST-.*\.xml$/.test(name)) copyFileSync(join(reports, name), join(results, name));
  }
}
process.exit(maven.status ?? 1);
