// Entry "@wasmformer/kernels/js": the plain-TypeScript twins only (no wasm bytes in the bundle).

import type { Kernels, KernelsOptions } from "../api.js";
import { Heap } from "../heap.js";
import { KernelsFront } from "../kernels.js";
import { resolveMemoryOptions } from "../options.js";
import { JsEngine } from "./engine.js";

export type * from "../api.js";
export { KernelsDisposedError, KernelsMemoryError } from "../errors.js";

/** Create a kernels instance on the JS twins, synchronously. `backend`, `variant` and `wasm` are ignored. */
export function createJsKernels(options: KernelsOptions = {}, reason = "js: requested with backend \"js\""): Kernels {
  const m = resolveMemoryOptions("createJsKernels", options);
  const heap = new Heap({ initialBytes: m.initialMemoryBytes, maxBytes: m.maxMemoryBytes });
  const note = m.threads > 1 ? `${reason}; threads=${m.threads} ignored (the JS twins run on one thread)` : reason;
  return new KernelsFront(heap, new JsEngine(heap), { backend: "js", variant: "js", threads: 1, reason: note });
}
