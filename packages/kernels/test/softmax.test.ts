// softmaxRows vs float64 math. Tolerance per element, relative to the exact p_i:
//   s_i = (x_i − max)/T is formed in float32 (error u·|s_i|), exp adds EXP_REL (the kernels'
//   documented exp error; the JS twin's Math.exp is far better), the row sum adds γ_cols and the
//   normalisation a few u; the sum's error is the p-weighted mean of the terms' errors. So
//   |Δp_i| ≤ p_i·(2·EXP_REL + γ_{cols+4} + u·(|s_i| + Σ_j p_j|s_j| + 4)) + TINY.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { EXP_REL, TINY, U, gamma, softmaxRef } from "./helpers/reference.js";

function tolerance(x: ArrayLike<number>, ref: Float64Array, rows: number, cols: number, temperature: number): (i: number) => number {
  const meanS = new Float64Array(rows);
  const sArr = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]!);
    for (let c = 0; c < cols; c++) {
      const s = Math.abs((x[r * cols + c]! - max) / temperature);
      sArr[r * cols + c] = Number.isFinite(s) ? s : 0;
      meanS[r]! += ref[r * cols + c]! * sArr[r * cols + c]!;
    }
  }
  return (i) => {
    const r = Math.floor(i / cols);
    return ref[i]! * (2 * EXP_REL + gamma(cols + 4) + U * (sArr[i]! + meanS[r]! + 4)) + TINY;
  };
}

const shapes: [number, number][] = [
  [1, 1], [1, 3], [3, 4], [2, 7], [5, 8], [3, 15], [2, 16], [4, 17], [2, 63], [1, 64], [3, 255], [2, 257],
  [8, 512], [2, 1024], [1, 32000],
];

describe.each(backendCases)("softmaxRows [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each(shapes)("rows=%i cols=%i matches float64, guards untouched", (rows, cols) => {
    const xs = uniform(rows * 131 + cols, rows * cols, -8, 8);
    const ref = softmaxRef(xs, rows, cols);
    const x = kn.alloc(rows * cols + 8);
    x.view().fill(5);
    x.set(xs, 4);
    kn.softmaxRows(x, rows, cols, undefined, 4);
    const got = x.toArray();
    expectClose(got.subarray(4, 4 + rows * cols), ref, tolerance(xs, ref, rows, cols, 1), "p");
    expect(Array.from(got.subarray(0, 4))).toEqual([5, 5, 5, 5]);
    expect(Array.from(got.subarray(4 + rows * cols))).toEqual([5, 5, 5, 5]);
    kn.free(x);
  });

  it.each([0.5, 0.7, 2])("temperature %f divides the logits", (temp) => {
    const rows = 3;
    const cols = 37;
    const xs = uniform(99, rows * cols, -4, 4);
    const ref = softmaxRef(xs, rows, cols, temp);
    const x = kn.tensor(xs);
    kn.softmaxRows(x, rows, cols, temp);
    expectClose(x.toArray(), ref, tolerance(xs, ref, rows, cols, temp), "p");
    kn.free(x);
  });

  it("stays finite with logits of ±1e4 and sums to 1", () => {
    const cols = 67;
    const xs = uniform(5, cols, -1e4, 1e4);
    xs[10] = 1e4;
    xs[11] = -1e4;
    xs[12] = 1e4 - 1;
    const ref = softmaxRef(xs, 1, cols);
    const x = kn.tensor(xs);
    kn.softmaxRows(x, 1, cols);
    const got = x.toArray();
    for (const v of got) expect(Number.isFinite(v)).toBe(true);
    expectClose(got, ref, tolerance(xs, ref, 1, cols, 1), "p");
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    kn.free(x);
  });

  it("masks -Infinity entries and turns an all-masked row into zeros", () => {
    const cols = 19;
    const xs = uniform(6, 3 * cols, -3, 3);
    for (let c = 0; c < cols; c++) {
      if (c % 3 === 0) xs[c] = -Infinity; // row 0: every third masked
      xs[cols + c] = -Infinity; // row 1: entirely masked
    }
    xs[2 * cols + 18] = -Infinity; // row 2: last one masked (a tail element)
    const ref = softmaxRef(xs, 3, cols);
    const x = kn.tensor(xs);
    kn.softmaxRows(x, 3, cols);
    const got = x.toArray();
    for (const v of got) expect(Number.isNaN(v)).toBe(false);
    expect(Array.from(got.subarray(cols, 2 * cols))).toEqual(new Array(cols).fill(0));
    for (let c = 0; c < cols; c += 3) expect(got[c]).toBe(0);
    expect(got[2 * cols + 18]).toBe(0);
    expectClose(got, ref, tolerance(xs, ref, 3, cols, 1), "p");
    kn.free(x);
  });
});
