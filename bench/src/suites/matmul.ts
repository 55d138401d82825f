// matmul: y[M,N] = x[M,K]·W[N,K]ᵀ — decode GEMVs (M = 1), square GEMMs, prefill GEMMs.
// FLOPs = 2·M·N·K. Bytes = 4·(N·K + M·K + M·N): the weights read once plus activations in and
// out — the floor of memory traffic, which bounds the large GEMVs.
import { randomFloats } from "../data.js";
import { matmulOp } from "../kernels/ops.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";
import { externalSources, kernelSources, prepareImpls } from "./prepare.js";
import { OUT_OF_CACHE_BYTES, withReadProbes } from "./read-probes.js";

interface Shape {
  group: "gemv" | "gemm" | "prefill";
  M: number;
  K: number;
  N: number;
  quick: boolean;
}

const GEMV: Array<[number, number]> = [[288, 288], [288, 768], [768, 768], [768, 3072], [2048, 2048], [4096, 4096], [288, 32000]];
const SQUARES = [64, 128, 256, 512, 1024];
const PREFILL: Array<[number, number, number]> = [[64, 768, 768], [128, 768, 3072]];

export function matmulShapes(): Shape[] {
  return [
    ...GEMV.map(([K, N]): Shape => ({ group: "gemv", M: 1, K, N, quick: K === 288 && N === 288 })),
    ...SQUARES.map((n): Shape => ({ group: "gemm", M: n, K: n, N: n, quick: n === 64 })),
    ...PREFILL.map(([M, K, N]): Shape => ({ group: "prefill", M, K, N, quick: false })),
  ];
}

function label(s: Shape): string {
  return s.group === "gemv" ? `${s.K}×${s.N}` : s.group === "gemm" ? `${s.M}²` : `${s.M}×${s.K}×${s.N}`;
}

function matmulCase(s: Shape, ctx: SuiteContext): BenchCase {
  const { M, K, N } = s;
  const work = { flops: 2 * M * N * K, bytes: 4 * (N * K + M * K + M * N) };
  return {
    suite: "matmul",
    id: `matmul ${s.group} ${s.group === "gemv" ? `K=${K} N=${N}` : `M=${M} K=${K} N=${N}`}`,
    group: s.group,
    shape: label(s),
    work,
    metric: "GFLOP/s",
    quick: s.quick,
    async prepare() {
      const engines = await ctx.engines();
      const x = randomFloats(M * K, 1);
      const w = randomFloats(N * K, 2, 1 / Math.sqrt(K));
      const prepared = await prepareImpls([
        ...kernelSources(engines, (k) => matmulOp(k, x, w, M, K, N)),
        ...externalSources(engines, (lib) => lib.matmul && (() => lib.matmul!(x, w, M, K, N))),
        // tfjs's transposeB entry point (a scalar loop in tfjs-wasm 4.22), for reference on GEMVs only.
        ...(s.group === "gemv"
          ? externalSources(engines, (lib) => lib.matmulTransposeB && (() => lib.matmulTransposeB!(x, w, M, K, N)), {
              suffix: "-transposeB",
              referenceOnly: true,
            })
          : []),
      ]);
      // Weights that stream from memory: time the read probes beside the kernels (read-probes.ts).
      return s.group === "gemv" && 4 * N * K >= OUT_OF_CACHE_BYTES ? withReadProbes(prepared, work.bytes) : prepared;
    },
  };
}

export const matmulSuite: Suite = {
  name: "matmul",
  description: "GEMV (decode), square GEMM and prefill GEMM, W [N,K] (ours packed once at load as the model uses it; the libraries' own layouts); GFLOP/s = 2·M·N·K / time",
  async cases(ctx) {
    return matmulShapes().map((s) => matmulCase(s, ctx));
  },
};
