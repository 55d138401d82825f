// Builds a PreparedCase from "sources": one per kernels configuration and external library.
// A source that fails to set up becomes a note (with the reason), not a crash of the whole case.
import type { Engines } from "../engines.js";
import type { ExternalLibrary, ExternalOp } from "../externals/types.js";
import type { KernelOp } from "../kernels/ops.js";
import type { KernelsProvider } from "../kernels/load.js";
import type { BenchKernels } from "../kernels/contract.js";
import type { Impl, ImplKind, PreparedCase } from "../types.js";

type Op = KernelOp | ExternalOp;

export interface ImplSource {
  name: string;
  kind: ImplKind;
  threads: number;
  referenceOnly?: boolean;
  make(): Op | Promise<Op>;
}

export function kernelSources(engines: Engines, make: (k: BenchKernels) => KernelOp): ImplSource[] {
  return engines.kernels.map((p: KernelsProvider) => ({
    name: p.name,
    kind: p.kind,
    threads: p.threads,
    make: () => make(p.kernels),
  }));
}

/**
 * One source per external library that has the op: `pick` returns a thunk creating the op, or
 * undefined when the library lacks it (e.g. `lib => lib.softmax && (() => lib.softmax!(x, r, c))`).
 */
export function externalSources(
  engines: Engines,
  pick: (lib: ExternalLibrary) => (() => Promise<ExternalOp>) | undefined,
  options: { suffix?: string; referenceOnly?: boolean } = {},
): ImplSource[] {
  const out: ImplSource[] = [];
  for (const lib of engines.externals) {
    const make = pick(lib);
    if (!make) continue;
    out.push({ name: lib.name + (options.suffix ?? ""), kind: "external", threads: lib.threads, referenceOnly: options.referenceOnly, make });
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function prepareImpls(sources: ImplSource[]): Promise<PreparedCase> {
  const impls: Impl[] = [];
  const ops: Op[] = [];
  const notes: string[] = [];
  for (const s of sources) {
    try {
      const o = await s.make();
      ops.push(o);
      impls.push({
        name: s.name,
        kind: s.kind,
        threads: s.threads,
        referenceOnly: s.referenceOnly,
        run: () => o.run(),
        output: () => o.output(),
      });
    } catch (e) {
      notes.push(`${s.name}: setup failed: ${errorText(e)}`);
    }
  }
  return {
    impls,
    notes,
    async dispose() {
      for (const o of ops) await o.dispose();
    },
  };
}
