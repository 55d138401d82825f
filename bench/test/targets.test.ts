// Target evaluation on hand-made results: which targets a case produces, met / missed / not measured.
import { describe, expect, it } from "vitest";
import { evaluateTargets } from "../src/report/targets.js";
import { targetsTable } from "../src/report/targets-text.js";
import type { CaseResult, ImplResult, Metric } from "../src/types.js";

const r = (impl: string, kind: ImplResult["kind"], medianMs: number, extra: Partial<ImplResult> = {}): ImplResult => ({
  impl, kind, threads: 1, medianMs, samples: 5, callsPerSample: 1, rmePct: 1, ...extra,
});
const kase = (suite: string, id: string, group: string, shape: string, metric: Metric, impls: ImplResult[], work: CaseResult["work"] = {}): CaseResult => ({
  suite, id, group, shape, metric, work, impls, notes: [],
});
const find = (results: CaseResult[], target: string) => evaluateTargets(results).filter((o) => o.target.startsWith(target));

describe("tokenizer targets", () => {
  it("encode unseen ≥ 1.5× tiktoken, repeated ≥ 1.2× gpt-tokenizer", () => {
    const unseen = kase("tokenizer", "u", "encode unseen", "cl100k_base", "MB/s", [r("wasmformer", "js", 10, { mbps: 3 }), r("tiktoken (wasm)", "external", 14, { mbps: 2 })]);
    const prose = kase("tokenizer", "p", "encode prose", "cl100k_base", "MB/s", [r("wasmformer", "js", 10, { mbps: 30 }), r("gpt-tokenizer", "external", 13, { mbps: 23 })]);
    const [u] = find([unseen], "tokenizer encode unseen");
    expect(u).toMatchObject({ met: false, measured: "1.40× tiktoken (wasm) (wasmformer 3.00 vs 2.00 MB/s)" });
    expect(find([prose], "tokenizer encode repeated")[0].met).toBe(true);
  });

  it("worst case: only the 100 000-char case, in seconds, at most 0.1 s", () => {
    const small = kase("tokenizer", "w10", "worst case", "10k", "ms", [r("wasmformer", "js", 4)], { textBytes: 10_000 });
    const big = kase("tokenizer", "w100", "worst case", "100k", "ms", [r("wasmformer", "js", 120)], { textBytes: 100_000 });
    const out = find([small, big], "tokenizer worst case");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ case: "w100", measured: "wasmformer 0.120 s", met: false });
  });

  it("cold start compares medians (lower is better) and training without spm_train is not measured", () => {
    const cold = kase("tokenizer", "c", "cold start (process)", "cl100k_base", "ms", [r("wasmformer", "js", 200), r("gpt-tokenizer", "external", 250)]);
    expect(find([cold], "tokenizer cold start (process)")[0]).toMatchObject({ met: true, measured: "1.25× gpt-tokenizer (wasmformer 200 vs 250 ms)" });
    const train = kase("tokenizer", "t", "train", "1 MB", "MB/s", [r("wasmformer", "js", 300, { mbps: 3.3 })]);
    expect(find([train], "BPE training")[0]).toMatchObject({ met: null, measured: "not measured (the comparison did not run)" });
  });
});

describe("model targets", () => {
  it("decode on stories260K against the recorded run.c figures, best one-thread wasm", () => {
    const decode = kase("model", "model decode stories260K", "decode", "stories260K", "tok/s", [
      r("js", "js", 1, { toks: 1000 }),
      r("wasm-simd", "wasm", 0.2, { toks: 6000 }),
      r("wasm-relaxed-simd×2", "wasm", 0.05, { toks: 20000, threads: 2 }),
    ]);
    const out = find([decode], "model decode stories260K");
    expect(out.map((o) => o.met)).toEqual([false, true]);
    expect(out[0].measured).toMatch(/^wasm-simd 6000 tok\/s = 0\.845× 7100 tok\/s \(recorded .*not measured in this run\)$/);
    expect(out[1].measured).toMatch(/= 2\.14× 2800 tok\/s/);
  });

  it("threads=2 ≥ 1.6× one thread on the stories110M shape", () => {
    const c = kase("model", "model decode stories110M-shape", "decode", "stories110M-shape", "tok/s", [
      r("wasm-relaxed-simd", "wasm", 16, { toks: 62.5 }),
      r("wasm-relaxed-simd×2", "wasm", 9, { toks: 111, threads: 2 }),
    ]);
    expect(find([c], "model decode stories110M")[0]).toMatchObject({ met: true, measured: "1.78× wasm-relaxed-simd (wasm-relaxed-simd×2 111 vs 62.5 tok/s)" });
    // With the two-core probe in the run and the bytes a token reads, decode (memory-bound) also
    // says how much of the probe's bandwidth two threads use.
    const two = kase("bandwidth", "bandwidth read 256 MB two cores", "read two cores", "256 MB ×2", "GB/s", [
      r("wasm-simd-probe-2t", "probe", 6, { gbps: 38, threads: 2 }),
      r("wasm-simd-probe-2t-2s", "probe", 5, { gbps: 40, threads: 2 }),
    ]);
    const withBytes = kase("model", "model decode stories110M-shape", "decode", "stories110M-shape", "tok/s", [
      r("wasm-relaxed-simd", "wasm", 16, { toks: 62.5, gbps: 27.5 }),
      r("wasm-relaxed-simd×2", "wasm", 9, { toks: 111, gbps: 36, threads: 2 }),
    ]);
    expect(find([two, withBytes], "model decode stories110M")[0]!.measured).toBe(
      "1.78× wasm-relaxed-simd (wasm-relaxed-simd×2 111 vs 62.5 tok/s); memory-bound: 2 threads read 36.0 GB/s = 90.0% of two cores' 40.0 GB/s (the bandwidth suite's probe)",
    );
  });
});

describe("GEMV bandwidth target", () => {
  it("only for weights that stream from memory (≥ 64 MiB), as a share of the faster 256 MB probe", () => {
    const probe = kase("bandwidth", "bandwidth read 256 MB", "read", "256 MB", "GB/s", [
      r("wasm-simd-probe", "probe", 10, { gbps: 25 }),
      r("wasm-simd-probe-2s", "probe", 8, { gbps: 30 }),
    ]);
    const gemv = (K: number, N: number, gbps: number) =>
      kase("matmul", `matmul gemv K=${K} N=${N}`, "gemv", `${K}×${N}`, "GFLOP/s", [r("wasm-simd", "wasm", 1, { gbps, gflops: gbps / 2 })]);
    const out = find([probe, gemv(288, 32000, 40), gemv(4096, 4096, 24)], "GEMV (weights ≥ 64 MiB)");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ case: "matmul gemv K=4096 N=4096", measured: "wasm-simd 24.0 GB/s = 80.0% of 30.0 GB/s (the bandwidth suite's probe)", met: false });
  });
});

describe("read probes beside a case", () => {
  it("take precedence over the bandwidth suite's, for one thread and for two", () => {
    const suite = kase("bandwidth", "bandwidth read 256 MB", "read", "256 MB", "GB/s", [r("wasm-simd-probe-2s", "probe", 8, { gbps: 40 })]);
    const suite2 = kase("bandwidth", "bandwidth read 256 MB two cores", "read two cores", "256 MB ×2", "GB/s", [
      r("wasm-simd-probe-2t-2s", "probe", 5, { gbps: 75, threads: 2 }),
    ]);
    const gemv = kase("matmul", "matmul gemv K=4096 N=4096", "gemv", "4096×4096", "GFLOP/s", [
      r("wasm-simd", "wasm", 2, { gbps: 34, gflops: 17 }),
      r("wasm-simd-2t", "wasm", 1.2, { gbps: 56, gflops: 28, threads: 2 }),
      r("read-probe", "probe", 1.9, { gbps: 35 }),
      r("read-probe-2t", "probe", 1.4, { gbps: 48, threads: 2 }),
    ]);
    const one = find([suite, suite2, gemv], "GEMV (weights ≥ 64 MiB)")[0]!;
    expect(one).toMatchObject({ measured: "wasm-simd 34.0 GB/s = 97.1% of 35.0 GB/s (the probe beside it)", met: true });
    const two = find([suite, suite2, gemv], "GEMV threads=2 (weights ≥ 64 MiB)")[0]!;
    expect(two).toMatchObject({ measured: "wasm-simd-2t 56.0 GB/s = 117% of 48.0 GB/s (the probe beside it)", met: true });
    expect(find([suite, suite2, gemv], "GEMV threads=2: ≥ 1.6×")[0]!.measured).toMatch(/= 117% of two cores' 48\.0 GB\/s \(the probe beside it\)$/);
    // Probes are baselines, never "ours" nor the best external.
    expect(find([gemv], "GEMV (large)")[0]!.measured).toMatch(/^not measured/);
  });
});

describe("targets table", () => {
  it("one row per outcome with a plain result word", () => {
    const text = targetsTable([
      { target: "a", case: "c1", measured: "1.5×", met: true },
      { target: "b", case: "c2", measured: "not measured", met: null },
      { target: "c", case: "c3", measured: "0.5×", met: false },
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^target\s+case\s+measured\s+result$/);
    expect(lines.slice(2).map((l) => l.trim().split(/\s{2,}/).pop())).toEqual(["met", "not measured", "MISSED"]);
    expect(targetsTable([])).toBe("");
  });
});
