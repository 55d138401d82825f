// Entry "@wasmformer/kernels": createKernels picks the backend and variant (reported in `info`),
// with the wasm builds embedded as base64 so it works with no bundler configuration.

import type { Kernels, KernelsOptions, Variant } from "./api.js";
import { WASM_BASE64 } from "./generated/wasm-bytes.js";
import { createJsKernels } from "./js/index.js";
import { createWasmKernels } from "./wasm/create.js";
import { detectWasmFeatures } from "./wasm/detect.js";
import { base64Bytes } from "./wasm/source.js";

export type * from "./api.js";
export { KernelsDisposedError, KernelsMemoryError } from "./errors.js";
export { createJsKernels } from "./js/index.js";
export { detectWasmFeatures, type WasmFeatures } from "./wasm/detect.js";
export { packedLength } from "./packed.js";

const embedded = (variant: Variant, shared: boolean): Uint8Array => base64Bytes(WASM_BASE64[shared ? (`${variant}-shared` as const) : variant]);

/**
 * Create a kernels instance. Resolves once the WASM module (if any) is compiled and instantiated.
 * `info` on the result says which backend/variant was picked and why.
 */
export async function createKernels(options: KernelsOptions = {}): Promise<Kernels> {
  if (options === null || typeof options !== "object") throw new TypeError("createKernels: options must be an object");
  const backend = options.backend ?? "auto";
  if (backend !== "auto" && backend !== "js" && backend !== "wasm")
    throw new TypeError(`createKernels: backend must be "auto", "wasm" or "js", got ${String(backend)}`);
  if (backend === "js") return createJsKernels(options, 'js: requested with backend "js"');
  if (backend === "auto" && !detectWasmFeatures().simd)
    return createJsKernels(options, "js: this engine does not support WebAssembly SIMD128");
  return createWasmKernels(options, embedded);
}
