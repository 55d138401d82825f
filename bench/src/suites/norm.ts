// rmsnorm and layernorm over rows: decode (1 row) and prefill (128 rows) at model widths.
// Melem/s = rows·dim / time; GB/s counts x read, out written and the weights (and bias) read.
// Only our kernels: neither tfjs nor ORT has a single rmsnorm op to compare with fairly.
import { randomFloats } from "../data.js";
import { layernormOp, rmsnormOp } from "../kernels/ops.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";
import { kernelSources, prepareImpls } from "./prepare.js";

const SHAPES: Array<[rows: number, dim: number]> = [[1, 768], [1, 4096], [128, 768], [128, 4096]];

function normCase(kind: "rmsnorm" | "layernorm", rows: number, dim: number, ctx: SuiteContext): BenchCase {
  const n = rows * dim;
  return {
    suite: "norm",
    id: `${kind} rows=${rows} dim=${dim}`,
    group: kind,
    shape: `${rows}×${dim}`,
    work: { elems: n, bytes: 4 * (2 * n + (kind === "rmsnorm" ? 1 : 2) * dim) },
    metric: "Melem/s",
    quick: rows === 1 && dim === 768,
    tolerance: 1e-4,
    async prepare() {
      const engines = await ctx.engines();
      const x = randomFloats(n, 7, 3);
      const w = randomFloats(dim, 8);
      const b = randomFloats(dim, 9);
      return prepareImpls(
        kernelSources(engines, (k) => (kind === "rmsnorm" ? rmsnormOp(k, x, w, rows, dim) : layernormOp(k, x, w, b, rows, dim))),
      );
    },
  };
}

export const normSuite: Suite = {
  name: "norm",
  description: "rmsnorm and layernorm, 1 and 128 rows of 768 and 4096; Melem/s",
  async cases(ctx) {
    return (["rmsnorm", "layernorm"] as const).flatMap((kind) => SHAPES.map(([r, d]) => normCase(kind, r, d, ctx)));
  },
};
