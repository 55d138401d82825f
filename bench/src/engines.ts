// Everything a kernel suite compares, loaded once per run: our kernels configurations and the
// external libraries. A library that fails to load is reported with the reason, never faked.
import { OrtWasm } from "./externals/ort.js";
import { TfjsWasm } from "./externals/tfjs.js";
import type { ExternalLibrary } from "./externals/types.js";
import { discoverKernels, type KernelsProvider } from "./kernels/load.js";

export interface Engines {
  kernels: KernelsProvider[];
  externals: ExternalLibrary[];
  /** One line per thing that could not be loaded, with the reason. */
  notes: string[];
  dispose(): Promise<void>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function loadEngines(log: (m: string) => void, options: { externals: boolean; ortThreads: number[] }): Promise<Engines> {
  const notes: string[] = [];
  const discovery = await discoverKernels(log);
  if (discovery.unavailable) notes.push(`kernels: ${discovery.unavailable}`);
  notes.push(...discovery.skipped.map((s) => `kernels: not measured: ${s}`));

  const externals: ExternalLibrary[] = [];
  if (options.externals) {
    // ORT copies with more threads first: see the load-order note in externals/ort.ts.
    const ortThreads = [...options.ortThreads].sort((a, b) => b - a);
    const loaders: Array<[string, () => Promise<ExternalLibrary>]> = [
      ...ortThreads.map((t): [string, () => Promise<ExternalLibrary>] => [`ort-wasm-${t}t`, () => OrtWasm.load(t)]),
      ["tfjs-wasm", () => TfjsWasm.load()],
    ];
    for (const [name, load] of loaders) {
      try {
        const lib = await load();
        log(`external: ${lib.name} ${lib.version}`);
        externals.push(lib);
      } catch (e) {
        notes.push(`${name}: could not load: ${errorText(e)}`);
        log(`external: ${name} failed: ${errorText(e)}`);
      }
    }
    // Display order: tfjs first, then ORT by thread count.
    externals.sort((a, b) => (a.name.startsWith("tfjs") ? -1 : b.name.startsWith("tfjs") ? 1 : a.threads - b.threads));
  }
  return {
    kernels: discovery.providers,
    externals,
    notes,
    async dispose() {
      for (const p of discovery.providers) p.kernels.dispose();
      for (const e of externals) await e.dispose();
    },
  };
}
