import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listFiles } from "./list-files.js";
import { bufBinary } from "./load-protos.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pluginBin = join(packageDir, "bin/protoc-gen-layer8-client.mjs");

/**
 * Runs the built plugin through buf, as an SDK's `pnpm generate` does, over the .proto files in
 * `inputDir`, and returns the generated files by path. Throws with buf's stderr when it fails.
 */
export function runPlugin(
  inputDir: string,
  lang: string,
  options: readonly string[],
): Record<string, string> {
  const scratch = mkdtempSync(join(tmpdir(), "layer8-codegen-test-"));
  try {
    const template = join(scratch, "buf.gen.yaml");
    writeFileSync(
      template,
      JSON.stringify({
        version: "v2",
        inputs: [{ directory: inputDir }],
        plugins: [
          {
            local: [process.execPath, pluginBin],
            out: "out",
            strategy: "all",
            opt: [`lang=${lang}`, ...options],
          },
        ],
      }),
    );
    execFileSync(bufBinary(), ["generate", "--template", template, "-o", scratch], {
      cwd: inputDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = join(scratch, "out");
    const files: Record<string, string> = {};
    for (const file of listFiles(out)) files[file] = readFileSync(join(out, file), "utf8");
    return files;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(stderr ? `buf generate failed:\n${stderr}` : String(error), { cause: error });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
