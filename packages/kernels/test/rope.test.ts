// rope vs float64 rotation with angles computed directly (no table). Each output is a·c ∓ b·s with
// c, s rounded to float32 (u each) and two products and a sum (3u):  |Δ| ≤ 5u·(|a| + |b|) + TINY.
// The table angle p·θ^(−2i/d) is exact in float64 for the positions tested.

import { afterAll, beforeAll, describe, it } from "vitest";
import type { Kernels, RopeStyle } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { TINY, U, ropeRef } from "./helpers/reference.js";

interface Case { T: number; heads: number; headDim: number; rotaryDim: number; pos0: number; style: RopeStyle }
const cases: Case[] = [];
for (const style of ["interleaved", "half"] as const) {
  cases.push(
    { T: 1, heads: 1, headDim: 2, rotaryDim: 2, pos0: 0, style },
    { T: 3, heads: 2, headDim: 6, rotaryDim: 6, pos0: 5, style },
    { T: 1, heads: 8, headDim: 8, rotaryDim: 8, pos0: 511, style }, // stories260K decode
    { T: 17, heads: 6, headDim: 48, rotaryDim: 48, pos0: 3, style }, // stories15M prefill
    { T: 5, heads: 12, headDim: 64, rotaryDim: 64, pos0: 250, style },
    { T: 3, heads: 4, headDim: 34, rotaryDim: 34, pos0: 1, style }, // half = 17 (odd tail)
    { T: 2, heads: 3, headDim: 64, rotaryDim: 16, pos0: 9, style }, // partial rotary (GPT-NeoX style)
    { T: 1, heads: 1, headDim: 128, rotaryDim: 128, pos0: 4000, style },
  );
}

describe.each(backendCases)("rope [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each(cases)("$style T=$T heads=$heads headDim=$headDim rotary=$rotaryDim pos0=$pos0", (c) => {
    const n = c.T * c.heads * c.headDim;
    const theta = 10000;
    const xs = uniform(n + c.pos0, n, -2, 2);
    const table = kn.ropeTable(c.pos0 + c.T + 3, c.headDim, theta, c.rotaryDim);
    const x = kn.alloc(n + 1);
    x.set(xs, 1);
    kn.rope(x, table, c.T, c.heads, c.pos0, c.style, 1);
    const ref = ropeRef(xs, c.T, c.heads, c.headDim, c.pos0, theta, c.rotaryDim, c.style);
    const tol = (i: number): number => {
      const head = Math.floor(i / c.headDim) * c.headDim;
      const d = i % c.headDim;
      if (d >= c.rotaryDim) return 0; // untouched dims stay bit-exact
      const half = c.rotaryDim / 2;
      const pair = c.style === "interleaved" ? head + (d ^ 1) : head + (d < half ? d + half : d - half);
      return 5 * U * (Math.abs(xs[i]!) + Math.abs(xs[pair]!)) + TINY;
    };
    expectClose(x.toArray(1, n), ref, tol, "x");
    for (const t of [x, table.cos, table.sin]) kn.free(t);
  });
});
