// `pnpm test:browser`: the kernels in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Not part of `pnpm test` (CI has only Node); see README.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test-browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    execArgv: ["--experimental-wasm-relaxed-simd"],
  },
});
