#!/usr/bin/env node
// `pnpm generate`: regenerates src/generated/java from the shared .proto files, with the code
// generators pom.xml pins (fetched into .tools/) and our own (sdks/codegen, built by turbo first).
// The directory is emptied first, so code of a removed rpc or message does not linger.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
execFileSync(process.execPath, [join(root, "scripts/fetch-tools.mjs")], { stdio: "inherit" });
rmSync(join(root, "src/generated/java"), { recursive: true, force: true });
execFileSync(join(root, "node_modules/.bin/buf"), ["generate"], { cwd: root, stdio: "inherit" });
console.log("generated src/generated/java");
