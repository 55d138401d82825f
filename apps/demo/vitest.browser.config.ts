import { defineConfig } from "vitest/config";

// `pnpm test:browser`: Playwright (playwright-core) drives Debian's /usr/bin/chromium against the
// built app (dist/) served by `vite preview`. Run `pnpm build` first (the script does).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
