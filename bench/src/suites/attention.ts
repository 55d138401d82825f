// Causal scaled dot-product attention, head_dim 64.
// FLOP convention (the issue's): 4·T·kvLen·d per head — QKᵀ and P·V over the FULL T×kvLen square,
// even though a causal kernel skips the upper triangle. This credits a causal kernel with about
// twice the work it does; it keeps the figure comparable with composed matmul+softmax+matmul
// attention, which does compute the whole square. Decode (T = 1 at position n−1) is 4·n·d per head.
// Prefill: T = kvLen = n, pos0 = 0. Decode: T = 1, kvLen = n, pos0 = n − 1.
// External libraries get K pre-transposed and a precomputed mask at setup (see externals/).
import { randomFloats } from "../data.js";
import type { AttentionProblem } from "../externals/types.js";
import { attentionOp } from "../kernels/ops.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";
import { externalSources, kernelSources, prepareImpls } from "./prepare.js";

const HEAD_DIM = 64;
const LENGTHS = [128, 512, 1024, 2048];

interface AttentionShape {
  mode: "prefill" | "decode";
  n: number;
  heads: number;
  kvHeads: number;
}

function shapes(): AttentionShape[] {
  const out: AttentionShape[] = [];
  for (const mode of ["prefill", "decode"] as const) {
    for (const n of LENGTHS) out.push({ mode, n, heads: 1, kvHeads: 1 });
    out.push({ mode, n: 512, heads: 8, kvHeads: 2 });
  }
  return out;
}

function problem(s: AttentionShape): AttentionProblem {
  const T = s.mode === "prefill" ? s.n : 1;
  const d = HEAD_DIM;
  return {
    T,
    heads: s.heads,
    kvHeads: s.kvHeads,
    headDim: d,
    kvLen: s.n,
    pos0: s.n - T,
    q: randomFloats(T * s.heads * d, 4),
    k: randomFloats(s.n * s.kvHeads * d, 5),
    v: randomFloats(s.n * s.kvHeads * d, 6),
  };
}

function attentionCase(s: AttentionShape, ctx: SuiteContext): BenchCase {
  const T = s.mode === "prefill" ? s.n : 1;
  const d = HEAD_DIM;
  const gqa = s.heads !== s.kvHeads;
  const group = `${s.mode}${gqa ? " gqa" : ""}`;
  return {
    suite: "attention",
    id: `attention ${s.mode} n=${s.n} heads=${s.heads}/${s.kvHeads} d=${d}`,
    group,
    shape: gqa ? `${s.n} (${s.heads}/${s.kvHeads}h)` : `${s.n}`,
    work: {
      flops: 4 * T * s.n * d * s.heads,
      bytes: 4 * (2 * T * s.heads * d + 2 * s.n * s.kvHeads * d),
    },
    metric: "GFLOP/s",
    quick: s.n === 128 && !gqa,
    tolerance: 1e-4,
    async prepare() {
      const engines = await ctx.engines();
      const p = problem(s);
      return prepareImpls([
        ...kernelSources(engines, (k) => attentionOp(k, p)),
        ...externalSources(engines, (lib) => lib.attention && (() => lib.attention!(p))),
      ]);
    },
  };
}

export const attentionSuite: Suite = {
  name: "attention",
  description: "causal attention, head_dim 64, prefill and decode at n = 128…2048, and GQA 8/2 heads; GFLOP/s counted as 4·T·n·d per head",
  async cases(ctx) {
    return shapes().map((s) => attentionCase(s, ctx));
  },
};
