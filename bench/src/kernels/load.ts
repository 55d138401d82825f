// Finds every @wasmformer/kernels configuration this engine can run: the JS twin, each WASM
// variant the package reports (or, if it exports no list, each variant named in its contract),
// each with one thread and with two. A configuration counts only when the instance's `info`
// confirms what was asked for — a silent fallback is reported as unavailable, not measured twice.
import type { BenchKernels, CreateKernels, KernelsOptionsForBench } from "./contract.js";

export interface KernelsProvider {
  /** "js", "wasm-simd", "wasm-relaxed-simd-2t", ... */
  name: string;
  kind: "js" | "wasm";
  threads: number;
  kernels: BenchKernels;
}

export interface KernelsDiscovery {
  providers: KernelsProvider[];
  /** Why a configuration is missing (one line each). */
  skipped: string[];
  /** The package could not be loaded at all. */
  unavailable?: string;
}

/** Variants in packages/kernels/src/api.ts (`Variant`), used when the package exports no list. */
const CONTRACT_VARIANTS = ["simd", "relaxed-simd"];
const THREAD_COUNTS = [1, 2];

// A variable specifier keeps tsc from resolving the package at build time (it may not be built).
const KERNELS_PACKAGE: string = "@wasmformer/kernels";

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The package's own list of variants, if it exports one under a name we know. */
async function reportedVariants(mod: Record<string, unknown>): Promise<string[] | undefined> {
  for (const key of ["availableVariants", "supportedVariants", "variants"]) {
    const v = mod[key];
    const list = typeof v === "function" ? await (v as () => unknown)() : v;
    if (Array.isArray(list) && list.every((x) => typeof x === "string")) return list as string[];
  }
  return undefined;
}

export function providerName(backend: "js" | "wasm", variant: string, threads: number): string {
  const base = backend === "js" ? "js" : `wasm-${variant}`;
  return threads > 1 ? `${base}-${threads}t` : base;
}

export async function discoverKernels(log: (m: string) => void): Promise<KernelsDiscovery> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(KERNELS_PACKAGE)) as Record<string, unknown>;
  } catch (e) {
    return { providers: [], skipped: [], unavailable: `cannot import ${KERNELS_PACKAGE} (not built yet?): ${errorText(e)}` };
  }
  if (typeof mod.createKernels !== "function") {
    return { providers: [], skipped: [], unavailable: `${KERNELS_PACKAGE} exports no createKernels function` };
  }
  const create = mod.createKernels as CreateKernels;
  const providers: KernelsProvider[] = [];
  const skipped: string[] = [];

  const attempt = async (options: KernelsOptionsForBench): Promise<void> => {
    const variant = options.variant ?? "js";
    const threads = options.threads ?? 1;
    const name = providerName(options.backend, variant, threads);
    try {
      const k = await create(options);
      const got = k.info;
      const matches = got.backend === options.backend && (options.backend === "js" || got.variant === variant) && got.threads === threads;
      if (!matches) {
        skipped.push(`${name}: asked for ${JSON.stringify(options)}, got ${got.backend}/${got.variant}/${got.threads}t (${got.reason})`);
        k.dispose();
        return;
      }
      providers.push({ name, kind: options.backend, threads, kernels: k });
      log(`kernels: ${name} (${got.reason})`);
    } catch (e) {
      skipped.push(`${name}: ${errorText(e)}`);
    }
  };

  await attempt({ backend: "js" });
  const listed = await reportedVariants(mod);
  for (const variant of listed ?? CONTRACT_VARIANTS) {
    for (const threads of THREAD_COUNTS) await attempt({ backend: "wasm", variant, threads });
  }
  for (const s of skipped) log(`kernels: skipped ${s}`);
  return { providers, skipped };
}
