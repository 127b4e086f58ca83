#!/usr/bin/env node
// Fetches the two code generators buf.gen.yaml runs, protoc (for its built-in java generator) and
// grpc-java's protoc-gen-grpc-java, from Maven Central at the versions pom.xml pins for the runtime
// jars, into .tools/ (gitignored). Maven keeps its download in ~/.m2, so later runs are offline
// copies; a stamp file skips even that when the versions have not moved.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const tools = join(root, ".tools");

/** The value of a <property> in pom.xml: the one place the versions are written. */
function pomProperty(name) {
  const pom = readFileSync(join(root, "pom.xml"), "utf8");
  const value = pom.match(new RegExp(`<${name.replace(".", "\\.")}>([^<]+)</`))?.[1];
  if (!value) throw new Error(`pom.xml has no <${name}> property`);
  return value.trim();
}

/** The classifier Maven Central publishes the native binaries under, e.g. linux-x86_64. */
function classifier() {
  const os = { linux: "linux", darwin: "osx", win32: "windows" }[platform()];
  const cpu = { x64: "x86_64", arm64: "aarch_64" }[arch()];
  if (!os || !cpu) throw new Error(`no protoc binaries are published for ${platform()}/${arch()}`);
  return `${os}-${cpu}`;
}

const wanted = [
  { name: "protoc", group: "com.google.protobuf", version: pomProperty("protobuf.version") },
  { name: "protoc-gen-grpc-java", group: "io.grpc", version: pomProperty("grpc.version") },
];
const stampFile = join(tools, "versions.json");
const stamp = JSON.stringify({ classifier: classifier(), wanted });
const fresh =
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp &&
  wanted.every((tool) => existsSync(join(tools, tool.name)));

if (!fresh) {
  mkdirSync(tools, { recursive: true });
  for (const tool of wanted) {
    const artifact = `${tool.group}:${tool.name}:${tool.version}:exe:${classifier()}`;
    execFileSync(
      "mvn",
      [
        "-q",
        "-B",
        "--no-transfer-progress",
        "-f",
        join(root, "pom.xml"),
        "dependency:copy",
        `-Dartifact=${artifact}`,
        `-DoutputDirectory=${tools}`,
        "-Dmdep.overWriteReleases=true",
      ],
      // Maven's output only matters when it fails, and then execFileSync's error carries it.
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const target = join(tools, tool.name);
    renameSync(join(tools, `${tool.name}-${tool.version}-${classifier()}.exe`), target);
    chmodSync(target, 0o755);
  }
  writeFileSync(stampFile, stamp);
  console.log(`fetched ${wanted.map((t) => `${t.name} ${t.version}`).join(", ")} into .tools/`);
}
