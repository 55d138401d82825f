// The speed targets of the bench issue, evaluated on a run's results. Measured, never asserted:
// a missed target is reported, it does not fail the run. A target whose inputs were not measured
// (kernels not built yet, suite filtered out) is "not measured".
import type { CaseResult, ImplResult } from "../types.js";
import { sig3 } from "./format.js";
import { absolute, bestWasm, type Ceiling, impl, readCeilings, speedup, twoCoreShareNote, type TargetOutcome } from "./target-checks.js";
import { OUT_OF_CACHE_BYTES } from "../suites/read-probes.js";
import { modelTargets } from "./targets-model.js";
import { tokenizerTargets } from "./targets-tokenizer.js";

export type { TargetOutcome } from "./target-checks.js";

type CaseFilter = (c: CaseResult) => boolean;
const matmul = (group: string, pred: (c: CaseResult) => boolean = () => true): CaseFilter => (c) => c.suite === "matmul" && c.group === group && pred(c);
const GEMV_IN_CACHE = new Set(["288×288", "288×768", "768×768"]);
/** `ours` reads ≥ 85% of the ceiling's GB/s. */
function bandwidthShare(target: string, c: CaseResult, ours: ImplResult | undefined, ceiling: Ceiling | undefined): TargetOutcome {
  if (!ours?.gbps || !ceiling?.probe.gbps) return { target, case: c.id, measured: "not measured", met: null };
  const share = ours.gbps / ceiling.probe.gbps;
  return {
    target,
    case: c.id,
    measured: `${ours.impl} ${sig3(ours.gbps)} GB/s = ${sig3(100 * share)}% of ${sig3(ceiling.probe.gbps)} GB/s (${ceiling.source})`,
    met: share >= 0.85,
  };
}

export function evaluateTargets(results: CaseResult[]): TargetOutcome[] {
  const out: TargetOutcome[] = [];
  const each = (f: CaseFilter, g: (c: CaseResult) => void): void => results.filter(f).forEach(g);
  const bigGemm = (c: CaseResult): boolean => (c.group === "gemm" && Number.parseInt(c.shape, 10) >= 256) || c.group === "prefill";

  // GEMM 256²…1024² and prefill: simd ≥ 1.0× XNNPACK, relaxed simd ≥ 1.3× XNNPACK.
  each((c) => c.suite === "matmul" && bigGemm(c), (c) => {
    out.push(speedup("GEMM: wasm-simd ≥ 1.0× tfjs-wasm (XNNPACK)", c, bestWasm(c, 1, "simd"), impl(c, "tfjs-wasm"), 1.0));
    out.push(speedup("GEMM: wasm-relaxed-simd ≥ 1.3× tfjs-wasm (XNNPACK)", c, bestWasm(c, 1, "relaxed-simd"), impl(c, "tfjs-wasm"), 1.3));
  });

  // GEMV: in-cache shapes ≥ 1.3× XNNPACK; larger ones ≥ 1.0× and ≥ 85% of the probe's bandwidth.
  each(matmul("gemv"), (c) => {
    const ours = bestWasm(c, 1);
    if (GEMV_IN_CACHE.has(c.shape)) {
      out.push(speedup("GEMV (weights ≤ 1 MB): best wasm 1 thread ≥ 1.3× tfjs-wasm", c, ours, impl(c, "tfjs-wasm"), 1.3));
      return;
    }
    out.push(speedup("GEMV (large): best wasm 1 thread ≥ 1.0× tfjs-wasm", c, ours, impl(c, "tfjs-wasm"), 1.0));
    // A share of DRAM bandwidth means something only when the weights stream from memory.
    const [K, N] = c.shape.split("×").map(Number);
    if (4 * K * N < OUT_OF_CACHE_BYTES) return;
    const target = "GEMV (weights ≥ 64 MiB): ≥ 85% of the measured read bandwidth";
    const ceiling = readCeilings(results, c).one;
    out.push(bandwidthShare(target, c, ours, ceiling));
  });

  // threads = 2: GEMV ≥ 1.0× ORT two threads; ≥ 1.6× our one-thread figure on 2048² and up.
  each(matmul("gemv"), (c) => {
    const two = bestWasm(c, 2);
    out.push(speedup("GEMV threads=2: best wasm 2t ≥ 1.0× ort-wasm-2t", c, two, impl(c, "ort-wasm-2t"), 1.0));
    const [K, N] = c.shape.split("×").map(Number);
    const fromMemory = 4 * K * N >= OUT_OF_CACHE_BYTES;
    if (K >= 2048 && N >= 2048) {
      const t = speedup("GEMV threads=2: ≥ 1.6× our one-thread figure", c, two, bestWasm(c, 1), 1.6);
      out.push(fromMemory && t.met !== null ? { ...t, measured: t.measured + twoCoreShareNote(results, c, two) } : t);
    }
    // Weights streamed from memory: what two cores can read together bounds any two-thread GEMV.
    if (!fromMemory) return;
    const target = "GEMV threads=2 (weights ≥ 64 MiB): ≥ 85% of the measured two-core read bandwidth";
    out.push(bandwidthShare(target, c, two, readCeilings(results, c).two));
  });

  // softmax rows ≥ 1024: ≥ 1.0× tfjs; WASM ≥ 10× the JS twin.
  each((c) => c.suite === "softmax" && Number(c.id.match(/cols=(\d+)/)?.[1]) >= 1024, (c) => {
    out.push(speedup("softmax (rows ≥ 1024): best wasm ≥ 1.0× tfjs-wasm", c, bestWasm(c, 1), impl(c, "tfjs-wasm"), 1.0));
    out.push(speedup("softmax: best wasm ≥ 10× the JS twin", c, bestWasm(c, 1), impl(c, "js"), 10));
  });

  // Fused causal attention ≥ 2× tfjs composed at n ≥ 512 (same 4·n²·d count).
  each((c) => c.suite === "attention" && c.group === "prefill" && Number.parseInt(c.shape, 10) >= 512, (c) => {
    out.push(speedup("attention prefill (n ≥ 512): best wasm ≥ 2× tfjs composed", c, bestWasm(c, 1), impl(c, "tfjs-wasm"), 2));
  });

  // JS twins: no slower than the best plain-JS loop measured when the issue was written.
  each(matmul("gemm", (c) => c.shape === "256²"), (c) =>
    out.push(absolute("JS twin matmul ≥ 1.3 GFLOP/s (best plain-JS loop)", c, impl(c, "js"), (r) => r.gflops, 1.3, "GFLOP/s")));
  each((c) => c.suite === "softmax" && c.id.includes("cols=1024"), (c) =>
    out.push(absolute("JS twin softmax ≥ 70 Melem/s (best plain-JS loop)", c, impl(c, "js"), (r) => r.melems, 70, "Melem/s")));
  out.push(...tokenizerTargets(results), ...modelTargets(results));
  return out;
}

export function targetSummary(outcomes: TargetOutcome[]): string {
  const met = outcomes.filter((o) => o.met === true).length;
  const missed = outcomes.filter((o) => o.met === false).length;
  const unmeasured = outcomes.filter((o) => o.met === null).length;
  return `targets: ${met} met, ${missed} missed, ${unmeasured} not measured`;
}
