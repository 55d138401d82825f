// The building blocks of a target: pick an impl's result out of a case, compare two of them, or one
// against a number. A target whose inputs did not run is "not measured" (met: null), never missed.
import type { CaseResult, ImplResult } from "../types.js";
import { metricValue, sig3 } from "./format.js";

export interface TargetOutcome {
  target: string;
  case: string;
  /** What was measured, e.g. "1.12× tfjs-wasm (41.2 vs 36.8 GFLOP/s)". */
  measured: string;
  /** null = not measured. */
  met: boolean | null;
}

export const ok = (r: ImplResult | undefined): r is ImplResult => r !== undefined && r.error === undefined && r.medianMs > 0;

/** The result of the impl called `name` in case `c`, if it ran. */
export const impl = (c: CaseResult, name: string): ImplResult | undefined => c.impls.find((r) => r.impl === name && ok(r));

/** The fastest of our WASM impls with `threads` threads, restricted to one variant ("simd", "relaxed-simd") if given. */
export function bestWasm(c: CaseResult, threads: number, variant?: string): ImplResult | undefined {
  return c.impls
    .filter((r) => ok(r) && r.kind === "wasm" && r.threads === threads && (variant === undefined || r.impl === `wasm-${variant}${threads > 1 ? `-${threads}t` : ""}`))
    .sort((a, b) => a.medianMs - b.medianMs)[0];
}

/** The fastest run of a probe case (the probes read one stream and two per thread). */
const fastestProbe = (c: CaseResult | undefined): ImplResult | undefined =>
  c?.impls.filter(ok).reduce<ImplResult | undefined>((a, b) => (a === undefined || (b.gbps ?? 0) > (a.gbps ?? 0) ? b : a), undefined);

/** The bandwidth suite's read ceilings of this run: one core over 256 MB, and two cores together. */
export function readCeilings(results: CaseResult[]): { one?: ImplResult; two?: ImplResult } {
  const one = fastestProbe(results.find((c) => c.suite === "bandwidth" && c.group === "read" && c.shape !== "1 MB"));
  const two = fastestProbe(results.find((c) => c.suite === "bandwidth" && c.group === "read two cores"));
  return { ...(one ? { one } : {}), ...(two ? { two } : {}) };
}

/**
 * For two threads on work bound by memory: what they read against the two-core probe of the run,
 * e.g. "; memory-bound: 2 threads read 36.6 GB/s = 96% of the two-core probe (38.1 GB/s)", or "".
 */
export function twoCoreShareNote(results: CaseResult[], two: ImplResult | undefined): string {
  const { two: probe } = readCeilings(results);
  if (!two?.gbps || !probe?.gbps) return "";
  return `; memory-bound: 2 threads read ${sig3(two.gbps)} GB/s = ${sig3((100 * two.gbps) / probe.gbps)}% of the two-core probe (${sig3(probe.gbps)} GB/s)`;
}

/** `ours` is `factor`× faster than `other` or better (ratio of medians). */
export function speedup(target: string, c: CaseResult, ours: ImplResult | undefined, other: ImplResult | undefined, factor: number): TargetOutcome {
  if (!ours || !other) {
    const missing = !ours ? "ours" : "the comparison";
    return { target, case: c.id, measured: `not measured (${missing} did not run)`, met: null };
  }
  const x = other.medianMs / ours.medianMs;
  const v = (r: ImplResult): string => sig3(metricValue(r, c.metric) ?? NaN);
  return {
    target,
    case: c.id,
    measured: `${sig3(x)}× ${other.impl} (${ours.impl} ${v(ours)} vs ${v(other)} ${c.metric})`,
    met: x >= factor,
  };
}

/** `value(r)` ≥ `bound` (or ≤ `bound` with `atMost`). */
export function absolute(
  target: string,
  c: CaseResult,
  r: ImplResult | undefined,
  value: (r: ImplResult) => number | undefined,
  bound: number,
  unit: string,
  atMost = false,
): TargetOutcome {
  const v = r ? value(r) : undefined;
  if (!r || v === undefined) return { target, case: c.id, measured: "not measured", met: null };
  return { target, case: c.id, measured: `${r.impl} ${sig3(v)} ${unit}`, met: atMost ? v <= bound : v >= bound };
}
