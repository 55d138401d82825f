import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // beforeAll hooks load models/tokenizers or start browsers and servers: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
