// The backends/variants every kernel test runs on. Each test file does
// `describe.each(backendCases)(...)`, creating its own instance from `options`.
// vitest.config.ts starts the workers with --experimental-wasm-relaxed-simd (needed on Node 20),
// so the relaxed-simd build is always exercised; a missing feature fails loudly, never skips.

import type { KernelsOptions } from "../../src/api.js";

export interface BackendCase {
  name: string;
  options: KernelsOptions;
}

export const backendCases: BackendCase[] = [
  { name: "js", options: { backend: "js" } },
  { name: "wasm simd", options: { backend: "wasm", variant: "simd" } },
  { name: "wasm relaxed-simd", options: { backend: "wasm", variant: "relaxed-simd" } },
  // The worker pool: big matmuls split by output columns and attention by heads (small calls stay
  // on the main thread, so this case exercises both paths).
  { name: "wasm relaxed-simd threads=2", options: { backend: "wasm", variant: "relaxed-simd", threads: 2 } },
];
