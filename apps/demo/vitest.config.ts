import { defineConfig } from "vitest/config";

// The unit half of `pnpm test`: the demo's pure logic and its worker protocol, in Node (no browser).
// `pnpm test` then runs vitest.browser.config.ts; `pnpm test:unit` runs this half alone.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 30_000,
    // beforeAll hooks load models/tokenizers or start browsers and servers: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
