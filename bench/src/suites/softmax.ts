// softmax over rows (max-subtracted), ≈4M elements a call whatever the row length.
// Melem/s = rows·cols / time; GB/s counts one read and one write of every element.
// Our kernels work in place (as the model calls them); tfjs and ORT write a new tensor, and ORT
// also copies the input into its heap and the output back out on every run (its API's cost).
import { randomFloats } from "../data.js";
import { softmaxOp } from "../kernels/ops.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";
import { externalSources, kernelSources, prepareImpls } from "./prepare.js";

const COLS = [128, 1024, 4096, 32000];
const ELEMENTS = 4 * 1024 * 1024;
const QUICK_ELEMENTS = 64 * 1024;

function softmaxCase(cols: number, ctx: SuiteContext): BenchCase {
  const rows = Math.max(1, Math.round((ctx.quick ? QUICK_ELEMENTS : ELEMENTS) / cols));
  const n = rows * cols;
  return {
    suite: "softmax",
    id: `softmax cols=${cols} rows=${rows}`,
    group: "softmax",
    shape: `${rows}×${cols}`,
    work: { elems: n, bytes: 8 * n },
    metric: "Melem/s",
    quick: cols === 1024,
    tolerance: 1e-5,
    async prepare() {
      const engines = await ctx.engines();
      const x = randomFloats(n, 3, 8);
      return prepareImpls([
        ...kernelSources(engines, (k) => softmaxOp(k, x, rows, cols)),
        ...externalSources(engines, (lib) => lib.softmax && (() => lib.softmax!(x, rows, cols))),
      ]);
    },
  };
}

export const softmaxSuite: Suite = {
  name: "softmax",
  description: "row softmax, rows of 128…32000, ≈4M elements a call; Melem/s",
  async cases(ctx) {
    return COLS.map((c) => softmaxCase(c, ctx));
  },
};
