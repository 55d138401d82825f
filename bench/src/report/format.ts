// Number formatting shared by the text table, the markdown report and the chart.
import type { ImplResult, Metric } from "../types.js";

/** 3 significant digits, no exponent for the magnitudes the bench produces. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return "-";
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 0.01) return x.toFixed(3);
  return x.toPrecision(2);
}

export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  if (ms >= 1000) return `${sig3(ms / 1000)} s`;
  if (ms >= 1) return `${sig3(ms)} ms`;
  return `${sig3(ms * 1000)} µs`;
}

export function ratio(x: number | undefined): string {
  return x === undefined ? "" : `${sig3(x)}×`;
}

/** The figure in the case's headline unit. */
export function metricValue(r: ImplResult, metric: Metric): number | undefined {
  switch (metric) {
    case "GFLOP/s": return r.gflops;
    case "GB/s": return r.gbps;
    case "Melem/s": return r.melems;
    case "MB/s": return r.mbps;
    case "tok/s": return r.toks;
    case "ms": return Number.isFinite(r.medianMs) ? r.medianMs : undefined;
  }
}

export function checkText(r: ImplResult): string {
  if (r.error !== undefined) return `ERROR ${r.error}`;
  if (!r.check) return "";
  return `${r.check.ok ? "ok" : "DIFFERS"} ${r.check.maxRelErr.toExponential(0)}`;
}
