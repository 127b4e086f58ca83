import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { namesOf } from "../src/names.js";
import { LANGUAGES } from "./languages.js";
import { listFiles } from "./list-files.js";
import { runPlugin } from "./run-plugin.js";

// The plugin's output for test/fixture, per language, must equal the checked-in golden files;
// and adding an rpc to the fixture must add a method to every language's client.
// UPDATE_GOLDEN=1 rewrites the golden files of the languages that run (review the diff!).

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "fixture");
const update = process.env.UPDATE_GOLDEN === "1";

/** The fixture with `rpc Ping` added to its Runtime service, in a scratch copy. */
const withPing = mkdtempSync(join(tmpdir(), "layer8-codegen-ping-"));
afterAll(() => rmSync(withPing, { recursive: true, force: true }));
cpSync(fixture, withPing, { recursive: true });
const runtimeProto = join(withPing, "spec/proto/runtime/v1/runtime.proto");
const original = readFileSync(runtimeProto, "utf8");
writeFileSync(
  runtimeProto,
  `${original.replace(
    "service Runtime {\n",
    "service Runtime {\n  // Ping: answers at once.\n  rpc Ping(PingRequest) returns (PingResponse) {}\n\n",
  )}\n// Input to Ping.\nmessage PingRequest {\n  // Echoed back.\n  string payload = 1;\n}\n\n// Reply to Ping.\nmessage PingResponse {\n  // The request's payload.\n  string payload = 1;\n}\n`,
);

function readGolden(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of listFiles(dir)) files[file] = readFileSync(join(dir, file), "utf8");
  return files;
}

function writeGolden(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

for (const language of LANGUAGES) {
  const title = language.skipReason
    ? `the ${language.lang} client (skipped: ${language.skipReason})`
    : `the ${language.lang} client`;
  describe.skipIf(language.skipReason !== undefined)(title, () => {
    const goldenDir = join(here, "golden", language.lang);

    it("is, for the fixture, exactly the checked-in golden files", () => {
      const generated = runPlugin(fixture, language.lang, language.options);
      expect(Object.keys(generated).length).toBeGreaterThan(0);
      if (update) writeGolden(goldenDir, generated);
      expect(generated).toEqual(readGolden(goldenDir));
    });

    it("gains a method when an rpc is added to the fixture, and loses no file", () => {
      const before = runPlugin(fixture, language.lang, language.options);
      const after = runPlugin(withPing, language.lang, language.options);
      const declaration = language.methodDeclaration(namesOf("Runtime"), namesOf("Ping"));
      expect(Object.values(before).some((content) => declaration.test(content))).toBe(false);
      expect(Object.values(after).some((content) => declaration.test(content))).toBe(true);
      expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(before)));
    });
  });
}
