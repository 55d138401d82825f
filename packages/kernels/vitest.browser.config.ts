// `pnpm test:browser`: only the headless-Chromium suite (also part of `pnpm test`); Chromium comes
// from @wasmformer/test-browser (CHROMIUM_PATH, /usr/bin/chromium, or the npm-packaged binary).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test-browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    execArgv: ["--experimental-wasm-relaxed-simd"],
  },
});
