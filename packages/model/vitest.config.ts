import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // Relaxed SIMD is behind a flag on Node 20; the model tests run on every kernels variant.
    execArgv: ["--experimental-wasm-relaxed-simd"],
  },
});
