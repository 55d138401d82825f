// Turning a median time into throughput figures and ratios.
import type { ImplResult, Work } from "../types.js";

/** Throughput figures for one call of `work` taking `ms` milliseconds. */
export function throughput(work: Work, ms: number): Pick<ImplResult, "gflops" | "gbps" | "melems" | "mbps" | "toks"> {
  const perSecond = (amount: number | undefined, unit: number): number | undefined =>
    amount === undefined ? undefined : amount / (ms / 1000) / unit;
  return {
    gflops: perSecond(work.flops, 1e9),
    gbps: perSecond(work.bytes, 1e9),
    melems: perSecond(work.elems, 1e6),
    mbps: perSecond(work.textBytes, 1e6),
    toks: perSecond(work.tokens, 1),
  };
}

/**
 * Fill vsJs (JS twin median / impl median) and vsBestExternal (fastest external library with the
 * same thread count — or any thread count if none matches — over impl median).
 */
export function addRatios(results: ImplResult[], referenceOnly: ReadonlySet<string>): void {
  const ok = results.filter((r) => r.error === undefined && r.medianMs > 0);
  const js = ok.find((r) => r.kind === "js");
  const externals = ok.filter((r) => r.kind === "external" && !referenceOnly.has(r.impl));
  for (const r of ok) {
    if (r.kind === "probe") continue; // a baseline (bandwidth probe, bare Node start-up), not a contender
    if (js && r !== js) r.vsJs = js.medianMs / r.medianMs;
    if (r.kind === "external") continue;
    const sameThreads = externals.filter((e) => e.threads === r.threads);
    const pool = sameThreads.length > 0 ? sameThreads : externals;
    const best = pool.reduce<ImplResult | undefined>((b, e) => (b === undefined || e.medianMs < b.medianMs ? e : b), undefined);
    if (best) {
      r.vsBestExternal = best.medianMs / r.medianMs;
      r.bestExternal = best.impl;
    }
  }
}
