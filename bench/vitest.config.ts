import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // The smoke test's beforeAll runs `--quick` over five suites (~10-20 s on 2 cores).
    hookTimeout: 120_000,
  },
});
