import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
    globalSetup: ["test/build-plugin.ts"],
    // Each golden test runs buf and the plugin (a Node process) once or twice.
    testTimeout: 60_000,
  },
});
