import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // beforeAll hooks load models/tokenizers or start browsers and servers: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    // Relaxed SIMD is behind a flag on Node 20; the model tests run on every kernels variant.
    execArgv: ["--experimental-wasm-relaxed-simd"],
  },
});
