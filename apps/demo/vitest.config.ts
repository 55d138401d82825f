import { defineConfig } from "vitest/config";

// `pnpm test`: the demo's pure logic and its worker protocol, in Node (no browser needed).
// The browser run is `pnpm test:browser` (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
