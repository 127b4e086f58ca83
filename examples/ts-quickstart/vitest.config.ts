import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
    // The setup compiles the example and starts a real sidecar process: slow on a small machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
