// Runs one case: prepare every impl on the same data, check their outputs agree, time each one,
// compute figures and ratios, dispose.
import type { BenchCase, CaseResult, Impl, ImplResult } from "../types.js";
import { agreement } from "./agreement.js";
import { addRatios, throughput } from "./figures.js";
import { timeImpl, type TimingOptions } from "./timing.js";

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The impl whose output the others are checked against: the JS twin, else the first with an output. */
function referenceImpl(impls: Impl[]): Impl | undefined {
  return impls.find((i) => i.kind === "js" && i.output) ?? impls.find((i) => i.output);
}

export async function runCase(c: BenchCase, timing: TimingOptions, log: (m: string) => void): Promise<CaseResult> {
  const prepared = await c.prepare();
  const notes = [...(prepared.notes ?? [])];
  const results: ImplResult[] = [];
  try {
    const ref = referenceImpl(prepared.impls);
    let refOut: Float32Array | undefined;
    // The reference runs first so its output exists when the others are checked.
    const ordered = ref ? [ref, ...prepared.impls.filter((i) => i !== ref)] : prepared.impls;
    for (const impl of ordered) {
      const base = { impl: impl.name, kind: impl.kind, threads: impl.threads };
      try {
        // First call on fresh inputs: its output is what the agreement check compares.
        const t0 = performance.now();
        await impl.run();
        const firstMs = performance.now() - t0;
        let check: ImplResult["check"];
        if (ref && impl.output) {
          const out = await impl.output();
          if (impl === ref) refOut = out;
          else if (refOut) check = agreement(ref.name, out, refOut, c.tolerance ?? 1e-3);
        }
        const t = impl.singleShot ? { medianMs: firstMs, samples: 1, callsPerSample: 1, rmePct: NaN } : await timeImpl(impl, { ...timing, ...c.timing });
        results.push({ ...base, ...t, ...throughput(c.work, t.medianMs), check, extras: impl.extras?.() });
        log(`  ${c.id} · ${impl.name}: ${t.medianMs.toPrecision(4)} ms${impl.singleShot ? " (one call)" : ""}${check && !check.ok ? " (OUTPUT DISAGREES)" : ""}`);
      } catch (e) {
        results.push({ ...base, medianMs: NaN, samples: 0, callsPerSample: 0, rmePct: NaN, error: message(e) });
        log(`  ${c.id} · ${impl.name}: error: ${message(e)}`);
      }
    }
  } finally {
    await prepared.dispose();
  }
  const position = (r: ImplResult): number => prepared.impls.findIndex((i) => i.name === r.impl);
  results.sort((a, b) => position(a) - position(b));
  addRatios(results, new Set(prepared.impls.filter((i) => i.referenceOnly).map((i) => i.name)));
  return { suite: c.suite, id: c.id, group: c.group, shape: c.shape, metric: c.metric, work: c.work, impls: results, notes };
}
