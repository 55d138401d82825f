// createWasmKernels: pick the variant and thread count, get a compiled module, instantiate it over
// the heap's memory (shared when a worker pool runs), start the pool.

import type { Kernels, KernelsOptions, Variant } from "../api.js";
import { Heap } from "../heap.js";
import { KernelsFront } from "../kernels.js";
import { resolveMemoryOptions } from "../options.js";
import { CTRL } from "../threads/layout.js";
import { WorkerPool } from "../threads/pool.js";
import { workerSupport } from "../threads/spawn.js";
import { detectWasmFeatures } from "./detect.js";
import { WasmEngine } from "./engine.js";
import { asKernelsExports } from "./exports.js";
import { compileSource, moduleBuild, type WasmSource } from "./source.js";

/** Supplies the module bytes of a build when the user did not pass `wasm` (undefined = none bundled). */
export type EmbeddedWasm = (variant: Variant, shared: boolean) => Uint8Array | undefined;

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

/** Why `threads` > 1 cannot run here (undefined = it can). */
function threadsUnavailable(): string | undefined {
  if (!detectWasmFeatures().sharedMemory)
    return "SharedArrayBuffer is unavailable (browsers need cross-origin isolation: COOP/COEP headers)";
  if (!workerSupport()) return "this runtime has neither Web Workers nor worker_threads";
  return undefined;
}

export async function createWasmKernels(options: KernelsOptions, embedded: EmbeddedWasm): Promise<Kernels> {
  const m = resolveMemoryOptions("createKernels", options);
  if (m.threads > CTRL.MAX_THREADS) throw new RangeError(`createKernels: threads must be <= ${CTRL.MAX_THREADS}, got ${m.threads}`);
  const requested = options.variant ?? "auto";
  if (requested !== "auto" && requested !== "simd" && requested !== "relaxed-simd")
    throw new TypeError(`createKernels: variant must be "auto", "simd" or "relaxed-simd", got ${String(requested)}`);
  const choice = chooseVariant(requested);
  let variant = choice.variant;
  let reason = choice.reason;
  let threads = m.threads;
  const noThreads = threads > 1 ? threadsUnavailable() : undefined;
  if (noThreads) {
    reason += `; threads=${threads} unavailable (${noThreads}), running 1`;
    threads = 1;
  }
  let shared = threads > 1;
  let module: WebAssembly.Module;
  if (options.wasm !== undefined) {
    module = await compileSource(options.wasm as WasmSource);
    const built = moduleBuild(module);
    if (built && built.variant !== variant) {
      if (requested !== "auto")
        throw new RangeError(`createKernels: wasm is the "${built.variant}" build but variant "${requested}" was requested`);
      if (built.variant === "relaxed-simd" && !detectWasmFeatures().relaxedSimd)
        throw new Error("createKernels: wasm is the relaxed-simd build but this engine lacks relaxed SIMD");
    }
    variant = built?.variant ?? variant;
    reason = `${variant}: module supplied through the wasm option` + (built ? "" : " (no variant tag; assumed)");
    if (threads > 1 && built && !built.shared) {
      reason += `; threads=${threads} need the shared-memory build (kernels-${variant}-shared.wasm), running 1`;
      threads = 1;
    }
    // A shared build must be given a shared memory even on one thread.
    shared = built ? built.shared : threads > 1;
  } else {
    const bytes = embedded(variant, shared);
    if (!bytes) throw new Error(`createKernels: no embedded wasm for ${variant}; pass the wasm option (bytes, URL or Module)`);
    module = await WebAssembly.compile(bytes as BufferSource);
  }
  const heap = new Heap({ initialBytes: m.initialMemoryBytes, maxBytes: m.maxMemoryBytes, shared });
  const memory = heap.memory;
  if (!memory) throw new Error("createKernels: WebAssembly.Memory unavailable");
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const exports = asKernelsExports(instance);
  let pool: WorkerPool | undefined;
  if (threads > 1) {
    try {
      pool = await WorkerPool.start(heap, module, exports, threads);
      reason += `; ${threads} threads (main + ${threads - 1} workers) over shared memory`;
    } catch (err) {
      // e.g. a Content-Security-Policy that forbids blob: workers: run on the calling thread.
      reason += `; threads=${threads} unavailable (${err instanceof Error ? err.message : String(err)}), running 1`;
      threads = 1;
    }
  }
  const front = new KernelsFront(heap, new WasmEngine(heap, exports, pool), { backend: "wasm", variant, threads, reason });
  if (pool) stopWorkersWhenCollected(front, pool);
  return front;
}

// Workers of an instance the user dropped without dispose() are stopped when it is collected.
const registry: FinalizationRegistry<WorkerPool> | undefined =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry((pool) => pool.dispose()) : undefined;

function stopWorkersWhenCollected(front: KernelsFront, pool: WorkerPool): void {
  registry?.register(front, pool);
}
