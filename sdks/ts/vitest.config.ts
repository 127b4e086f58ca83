import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
    // Each test file starts a real sidecar process, which takes a few seconds on a small machine.
    hookTimeout: 30_000,
    testTimeout: 30_000,
    // Type tests (*.test-d.ts) run `tsc` over the package, so a type error anywhere, in src or in
    // a test, fails `vitest run` and is counted in the report like any other failure.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});
