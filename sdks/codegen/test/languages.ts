import type { Names } from "../src/names.js";

/**
 * The languages the golden tests run the plugin for. A language helper whose emitter is ready
 * deletes its `skipReason`, sets its options, and records its golden files with
 * `UPDATE_GOLDEN=1 pnpm --filter @layer8/codegen exec vitest run test/golden.test.ts`.
 */
export interface LanguageCase {
  lang: string;
  /** The plugin options besides `lang`, as in the SDK's buf.gen.yaml. */
  options: string[];
  /** Why the language is skipped; printed in the skipped test's name. */
  skipReason?: string;
  /**
   * Matches the declaration of a section's method in the generated files, e.g. for TS
   * `ping(` inside the `runtime` section: the "adding an rpc adds a method" test looks for it
   * before (absent) and after (present) adding `rpc Ping` to the fixture.
   */
  methodDeclaration(section: Names, method: Names): RegExp;
}

export const LANGUAGES: LanguageCase[] = [
  {
    lang: "ts",
    options: [],
    methodDeclaration: (section, method) =>
      new RegExp(`\\b${section.pascal}Section\\b[\\s\\S]*\\b${method.camel}\\(`),
  },
  {
    lang: "go",
    options: ["package=layer8", "stubs_go_package=github.com/layer8dev/layer8/sdks/go/runtimev1"],
    methodDeclaration: (section, method) =>
      new RegExp(`\\bfunc \\(\\w+ \\*${section.pascal}Section\\) ${method.pascal}\\(`),
  },
  {
    lang: "java",
    options: ["package=dev.layer8.sdk"],
    methodDeclaration: (section, method) =>
      new RegExp(`\\bclass ${section.pascal}Client\\b[\\s\\S]*\\bpublic \\S+ ${method.camel}\\(`),
  },
  {
    lang: "python",
    options: ["stubs_package=layer8._gen", "runtime_module=layer8._calls"],
    methodDeclaration: (_section, method) => new RegExp(`\\bdef ${method.snake}\\(`),
  },
];
