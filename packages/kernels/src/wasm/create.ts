// createWasmKernels: pick the variant, get a compiled module, instantiate it over the heap's memory.

import type { Kernels, KernelsOptions, Variant } from "../api.js";
import { Heap } from "../heap.js";
import { KernelsFront } from "../kernels.js";
import { resolveMemoryOptions } from "../options.js";
import { detectWasmFeatures } from "./detect.js";
import { WasmEngine } from "./engine.js";
import { asKernelsExports } from "./exports.js";
import { compileSource, moduleVariant, type WasmSource } from "./source.js";

/** Supplies the module bytes of a variant when the user did not pass `wasm` (undefined = none bundled). */
export type EmbeddedWasm = (variant: Variant) => Uint8Array | undefined;

export interface VariantChoice {
  variant: Variant;
  reason: string;
}

/** Which variant to run, from the options and the engine's features. */
export function chooseVariant(requested: Variant | "auto"): VariantChoice {
  const f = detectWasmFeatures();
  if (!f.simd) throw new Error("createKernels: this engine does not support WebAssembly SIMD128; use backend \"js\"");
  if (requested === "simd") return { variant: "simd", reason: 'simd: requested with variant "simd"' };
  if (requested === "relaxed-simd") {
    if (!f.relaxedSimd)
      throw new Error(
        "createKernels: variant \"relaxed-simd\" requested but this engine does not validate f32x4.relaxed_madd " +
          "(Node 20 needs --experimental-wasm-relaxed-simd; Chrome >= 114 has it)",
      );
    return { variant: "relaxed-simd", reason: 'relaxed-simd: requested with variant "relaxed-simd"' };
  }
  return f.relaxedSimd
    ? { variant: "relaxed-simd", reason: "relaxed-simd: engine validates f32x4.relaxed_madd" }
    : { variant: "simd", reason: "simd: engine validates SIMD128 but not f32x4.relaxed_madd" };
}

export async function createWasmKernels(options: KernelsOptions, embedded: EmbeddedWasm): Promise<Kernels> {
  const m = resolveMemoryOptions("createKernels", options);
  const requested = options.variant ?? "auto";
  if (requested !== "auto" && requested !== "simd" && requested !== "relaxed-simd")
    throw new TypeError(`createKernels: variant must be "auto", "simd" or "relaxed-simd", got ${String(requested)}`);
  const choice = chooseVariant(requested);
  let module: WebAssembly.Module;
  let reason = choice.reason;
  let variant = choice.variant;
  if (options.wasm !== undefined) {
    module = await compileSource(options.wasm as WasmSource);
    const built = moduleVariant(module);
    if (built && built !== variant) {
      if (requested !== "auto" && requested !== built)
        throw new RangeError(`createKernels: wasm is the "${built}" build but variant "${requested}" was requested`);
      if (built === "relaxed-simd" && !detectWasmFeatures().relaxedSimd)
        throw new Error("createKernels: wasm is the relaxed-simd build but this engine lacks relaxed SIMD");
    }
    variant = built ?? variant;
    reason = `${variant}: module supplied through the wasm option` + (built ? "" : " (no variant tag; assumed)");
  } else {
    const bytes = embedded(variant);
    if (!bytes) throw new Error(`createKernels: no embedded wasm for ${variant}; pass the wasm option (bytes, URL or Module)`);
    module = await WebAssembly.compile(bytes as BufferSource);
  }
  const heap = new Heap({ initialBytes: m.initialMemoryBytes, maxBytes: m.maxMemoryBytes });
  const memory = heap.memory;
  if (!memory) throw new Error("createKernels: WebAssembly.Memory unavailable");
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const exports = asKernelsExports(instance);
  const threadsNote = m.threads > 1 ? `; threads=${m.threads} not available yet, running 1` : "";
  return new KernelsFront(heap, new WasmEngine(heap, exports), { backend: "wasm", variant, threads: 1, reason: reason + threadsNote });
}
