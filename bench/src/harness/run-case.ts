// Runs one case: prepare every impl on the same data, check their outputs agree, time them in
// interleaved rounds (timing.ts), compute figures and ratios, dispose.
import type { BenchCase, CaseResult, Impl, ImplResult } from "../types.js";
import { agreement } from "./agreement.js";
import { addRatios, throughput } from "./figures.js";
import { type ImplTimer, sampleRound, startTimer, summarise, type TimingOptions } from "./timing.js";

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
  const o: TimingOptions = { ...timing, ...c.timing };
  const base = (impl: Impl) => ({ impl: impl.name, kind: impl.kind, threads: impl.threads });
  const failed = (impl: Impl, e: unknown): void => {
    results.push({ ...base(impl), medianMs: NaN, samples: 0, callsPerSample: 0, rmePct: NaN, error: message(e) });
    log(`  ${c.id} · ${impl.name}: error: ${message(e)}`);
  };
  try {
    const ref = referenceImpl(prepared.impls);
    let refOut: Float32Array | undefined;
    // The reference runs first so its output exists when the others are checked.
    const ordered = ref ? [ref, ...prepared.impls.filter((i) => i !== ref)] : prepared.impls;
    const timed: Array<{ timer: ImplTimer; check: ImplResult["check"] }> = [];
    for (const impl of ordered) {
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
        if (impl.singleShot) {
          const t = { medianMs: firstMs, samples: 1, callsPerSample: 1, rmePct: NaN };
          results.push({ ...base(impl), ...t, ...throughput(impl.work ?? c.work, t.medianMs), check, extras: impl.extras?.() });
          log(`  ${c.id} · ${impl.name}: ${t.medianMs.toPrecision(4)} ms (one call)${check && !check.ok ? " (OUTPUT DISAGREES)" : ""}`);
        } else {
          timed.push({ timer: await startTimer(impl, o), check });
        }
      } catch (e) {
        failed(impl, e);
      }
    }
    // The impls take turns, round by round; an impl that throws drops out with its error.
    let live = timed;
    for (let round = 0; round < Math.max(1, o.rounds ?? 1); round++) {
      const next: typeof live = [];
      for (const entry of live) {
        try {
          await sampleRound(entry.timer, o);
          next.push(entry);
        } catch (e) {
          failed(entry.timer.impl, e);
        }
      }
      live = next;
    }
    for (const { timer, check } of live) {
      const t = summarise(timer);
      const impl = timer.impl;
      results.push({ ...base(impl), ...t, ...throughput(impl.work ?? c.work, t.medianMs), check, extras: impl.extras?.() });
      log(`  ${c.id} · ${impl.name}: ${t.medianMs.toPrecision(4)} ms${check && !check.ok ? " (OUTPUT DISAGREES)" : ""}`);
    }
  } finally {
    await prepared.dispose();
  }
  const position = (r: ImplResult): number => prepared.impls.findIndex((i) => i.name === r.impl);
  results.sort((a, b) => position(a) - position(b));
  addRatios(results, new Set(prepared.impls.filter((i) => i.referenceOnly).map((i) => i.name)));
  return { suite: c.suite, id: c.id, group: c.group, shape: c.shape, metric: c.metric, work: c.work, impls: results, notes };
}
