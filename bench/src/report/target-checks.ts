// The building blocks of a target: pick an impl's result out of a case, compare two of them, or one
// against a number. A target whose inputs did not run is "not measured" (met: null), never missed.
import type { CaseResult, ImplResult } from "../types.js";
import { READ_PROBE, READ_PROBE_2T } from "../suites/read-probes.js";
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

/** A read ceiling and where it was measured. */
export interface Ceiling {
  probe: ImplResult;
  /** "the probe beside it" (timed in the case's rounds) or "the bandwidth suite's probe". */
  source: string;
}

/**
 * The read ceilings for case `c`: its own read probes when it has them (timed in the same rounds,
 * over ≥ 256 MiB: suites/read-probes.ts), else the bandwidth suite's faster readings of the run.
 */
export function readCeilings(results: CaseResult[], c?: CaseResult): { one?: Ceiling; two?: Ceiling } {
  const beside = (name: string): Ceiling | undefined => {
    const r = c ? impl(c, name) : undefined;
    return r?.gbps ? { probe: r, source: "the probe beside it" } : undefined;
  };
  const suite = (group: string): Ceiling | undefined => {
    const r = fastestProbe(results.find((x) => x.suite === "bandwidth" && x.group === group && x.shape !== "1 MB"));
    return r?.gbps ? { probe: r, source: "the bandwidth suite's probe" } : undefined;
  };
  const one = beside(READ_PROBE) ?? suite("read");
  const two = beside(READ_PROBE_2T) ?? suite("read two cores");
  return { ...(one ? { one } : {}), ...(two ? { two } : {}) };
}

/**
 * For two threads on work bound by memory: what they read against the two-core read ceiling,
 * e.g. "; memory-bound: 2 threads read 36.6 GB/s = 96% of two cores' 38.1 GB/s (the probe beside it)", or "".
 */
export function twoCoreShareNote(results: CaseResult[], c: CaseResult, two: ImplResult | undefined): string {
  const ceiling = readCeilings(results, c).two;
  if (!two?.gbps || !ceiling?.probe.gbps) return "";
  const g = ceiling.probe.gbps;
  return `; memory-bound: 2 threads read ${sig3(two.gbps)} GB/s = ${sig3((100 * two.gbps) / g)}% of two cores' ${sig3(g)} GB/s (${ceiling.source})`;
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
