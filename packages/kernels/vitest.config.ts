import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test-browser/: the same consumer suite in headless Chromium (from @wasmformer/test-browser).
    include: ["test/**/*.test.ts", "test-browser/**/*.test.ts"],
    testTimeout: 60_000,
    // beforeAll hooks load models/tokenizers or start browsers and servers: seconds on a busy 2-core machine.
    hookTimeout: 120_000,
    // Node 20 has relaxed SIMD behind a flag; Node ≥ 22 ignores nothing here (the flag is accepted).
    execArgv: ["--experimental-wasm-relaxed-simd"],
  },
});
