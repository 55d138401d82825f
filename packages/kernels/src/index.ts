// Entry "@wasmformer/kernels": createKernels picks the backend and variant, and exports the
// contract types and errors.

import type { Kernels, KernelsOptions } from "./api.js";
import { createJsKernels } from "./js/index.js";

export type * from "./api.js";
export { KernelsDisposedError, KernelsMemoryError } from "./errors.js";
export { createJsKernels } from "./js/index.js";

/**
 * Create a kernels instance. Resolves once the WASM module (if any) is compiled and instantiated.
 * `info` on the result says which backend/variant was picked and why.
 */
export async function createKernels(options: KernelsOptions = {}): Promise<Kernels> {
  if (options === null || typeof options !== "object") throw new TypeError("createKernels: options must be an object");
  const backend = options.backend ?? "auto";
  if (backend !== "auto" && backend !== "js" && backend !== "wasm")
    throw new TypeError(`createKernels: backend must be "auto", "wasm" or "js", got ${String(backend)}`);
  if (backend === "wasm") throw new Error("createKernels: the wasm backend is not built yet");
  return createJsKernels(options, backend === "js" ? 'js: requested with backend "js"' : "js: wasm backend not available yet");
}
