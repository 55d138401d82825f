// RoPE in place on x [T, heads, 64], both conventions (interleaved pairs as llama2.c, rotate-half
// as Hugging Face), decode (T = 1 at position 511) and prefill (T = 128 from position 0).
// Melem/s = T·heads·headDim / time. Only our kernels (no single-op equivalent elsewhere).
import { randomFloats } from "../data.js";
import { ropeOp } from "../kernels/ops.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";
import { kernelSources, prepareImpls } from "./prepare.js";

const HEADS = 12;
const HEAD_DIM = 64;

function ropeCase(style: "interleaved" | "half", T: number, ctx: SuiteContext): BenchCase {
  const pos0 = T === 1 ? 511 : 0;
  const n = T * HEADS * HEAD_DIM;
  return {
    suite: "rope",
    id: `rope ${style} T=${T} heads=${HEADS} d=${HEAD_DIM}`,
    group: `rope ${style}`,
    shape: `T=${T}`,
    work: { elems: n, bytes: 8 * n },
    metric: "Melem/s",
    quick: style === "interleaved" && T === 1,
    tolerance: 1e-4,
    async prepare() {
      const engines = await ctx.engines();
      const x = randomFloats(n, 10);
      return prepareImpls(kernelSources(engines, (k) => ropeOp(k, x, T, HEADS, HEAD_DIM, pos0, style)));
    },
  };
}

export const ropeSuite: Suite = {
  name: "rope",
  description: "rotary position embedding, interleaved and half, decode and 128-token prefill; Melem/s",
  async cases(ctx) {
    return (["interleaved", "half"] as const).flatMap((style) => [1, 128].map((T) => ropeCase(style, T, ctx)));
  },
};
