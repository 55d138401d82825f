import { defineConfig } from "vitest/config";

// The browser half of `pnpm test` (also `pnpm test:browser` alone): Playwright (playwright-core)
// drives a headless Chromium from @wasmformer/test-browser against the built app (dist/) served by
// `vite preview`. turbo builds the app before testing; run `pnpm build` first when calling it directly.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
