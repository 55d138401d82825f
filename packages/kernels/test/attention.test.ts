// Fused attention vs the naive formula (float64 Q·Kᵀ·scale + ALiBi + causal mask → softmax → ·V),
// with the per-element error bound derived in helpers/reference.ts (attentionRef).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { TINY, U, attentionRef, gamma } from "./helpers/reference.js";

interface Case {
  T: number; heads: number; kvHeads: number; headDim: number; kvLen: number; pos0: number; alibi?: boolean; scale?: number;
}
const cases: Case[] = [
  { T: 1, heads: 1, kvHeads: 1, headDim: 1, kvLen: 1, pos0: 0 },
  { T: 3, heads: 2, kvHeads: 2, headDim: 3, kvLen: 3, pos0: 0 },
  { T: 1, heads: 4, kvHeads: 2, headDim: 4, kvLen: 17, pos0: 16 }, // decode, GQA
  { T: 5, heads: 6, kvHeads: 3, headDim: 5, kvLen: 12, pos0: 7 }, // chunked prefill after a prefix
  { T: 17, heads: 8, kvHeads: 4, headDim: 8, kvLen: 17, pos0: 0 }, // stories260K shape
  { T: 1, heads: 8, kvHeads: 4, headDim: 8, kvLen: 512, pos0: 511 },
  { T: 16, heads: 6, kvHeads: 6, headDim: 48, kvLen: 16, pos0: 0 }, // stories15M shape
  { T: 1, heads: 6, kvHeads: 6, headDim: 48, kvLen: 257, pos0: 256 },
  { T: 63, heads: 2, kvHeads: 1, headDim: 64, kvLen: 63, pos0: 0 }, // MQA
  { T: 2, heads: 12, kvHeads: 12, headDim: 64, kvLen: 255, pos0: 253 },
  { T: 33, heads: 4, kvHeads: 2, headDim: 17, kvLen: 70, pos0: 37, alibi: true },
  { T: 1, heads: 8, kvHeads: 8, headDim: 16, kvLen: 300, pos0: 299, alibi: true },
  { T: 7, heads: 3, kvHeads: 1, headDim: 63, kvLen: 9, pos0: 2, scale: 0.3 },
  { T: 300, heads: 1, kvHeads: 1, headDim: 16, kvLen: 300, pos0: 0 }, // long prefill (beyond one key block)
  // Rows are paired in prefill; pos0 = 1 makes a pair whose last key block holds only row 1's extra key.
  { T: 200, heads: 2, kvHeads: 1, headDim: 18, kvLen: 203, pos0: 1, alibi: true },
];

/** ALiBi slopes as in the paper: 2^(−8(h+1)/heads). */
const alibiSlopes = (heads: number): number[] => Array.from({ length: heads }, (_, h) => 2 ** ((-8 * (h + 1)) / heads));

describe.each(backendCases)("attention [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each(cases)(
    "T=$T heads=$heads kv=$kvHeads d=$headDim kvLen=$kvLen pos0=$pos0 alibi=$alibi scale=$scale",
    (c) => {
      const qn = c.T * c.heads * c.headDim;
      const kvn = c.kvLen * c.kvHeads * c.headDim;
      const qs = uniform(qn + 1, qn, -2, 2);
      const ks = uniform(kvn + 2, kvn, -2, 2);
      const vs = uniform(kvn + 3, kvn, -1, 1);
      const slopes = c.alibi ? Float32Array.from(alibiSlopes(c.heads)) : undefined;
      const scale = c.scale ?? 1 / Math.sqrt(c.headDim);
      const ref = attentionRef(qs, ks, vs, c.T, c.heads, c.kvHeads, c.headDim, c.kvLen, c.pos0, Math.fround(scale), slopes);
      const q = kn.tensor(qs);
      const k = kn.alloc(kvn + 5); // cache with room for more rows + an offset
      k.set(ks, 1);
      const v = kn.alloc(kvn + 6);
      v.set(vs, 2);
      const out = kn.alloc(qn);
      const weightsOut = kn.alloc(c.heads * c.T * c.kvLen);
      weightsOut.view().fill(9);
      const alibi = slopes ? kn.tensor(slopes) : undefined;
      const args = { out, q, k, v, kOffset: 1, vOffset: 2, T: c.T, heads: c.heads, kvHeads: c.kvHeads, headDim: c.headDim, kvLen: c.kvLen, pos0: c.pos0, ...(c.scale !== undefined ? { scale: c.scale } : {}), ...(alibi ? { alibiSlopes: alibi } : {}) };
      kn.attention(args);
      expectClose(out.toArray(), ref.out, (i) => ref.tol[i]!, "out");
      // Opt-in weights: same output, weights [heads, T, kvLen] with exact zeros above the diagonal.
      const out2 = kn.alloc(qn);
      kn.attention({ ...args, out: out2, weightsOut });
      expectClose(out2.toArray(), ref.out, (i) => ref.tol[i]!, "out (weights path)");
      const wgot = weightsOut.toArray();
      const wtol = (i: number): number => ref.weights[i]! * (1e-5 + gamma(c.headDim + c.kvLen) * 40) + TINY + U;
      expectClose(wgot, ref.weights, wtol, "weights");
      for (let h = 0; h < c.heads; h++)
        for (let t = 0; t < c.T; t++)
          for (let j = c.pos0 + t + 1; j < c.kvLen; j++) expect(wgot[(h * c.T + t) * c.kvLen + j]).toBe(0);
      for (const t of [q, k, v, out, out2, weightsOut]) kn.free(t);
      if (alibi) kn.free(alibi);
    },
  );

  it("prefill equals T successive decode steps", () => {
    const T = 37;
    const heads = 4;
    const kvHeads = 2;
    const headDim = 24;
    const qs = uniform(1, T * heads * headDim, -2, 2);
    const ks = uniform(2, T * kvHeads * headDim, -2, 2);
    const vs = uniform(3, T * kvHeads * headDim, -1, 1);
    const q = kn.tensor(qs);
    const k = kn.tensor(ks);
    const v = kn.tensor(vs);
    const prefill = kn.alloc(T * heads * headDim);
    kn.attention({ out: prefill, q, k, v, T, heads, kvHeads, headDim, kvLen: T, pos0: 0 });
    const decode = kn.alloc(T * heads * headDim);
    for (let p = 0; p < T; p++)
      kn.attention({
        out: decode, q, k, v, T: 1, heads, kvHeads, headDim, kvLen: p + 1, pos0: p,
        outOffset: p * heads * headDim, qOffset: p * heads * headDim,
      });
    const a = prefill.toArray();
    const b = decode.toArray();
    const ref = attentionRef(qs, ks, vs, T, heads, kvHeads, headDim, T, 0, Math.fround(1 / Math.sqrt(headDim)));
    // Both are within the reference bound, so they differ by at most twice it.
    expectClose(a, b, (i) => 2 * ref.tol[i]!, "prefill vs decode");
    for (const t of [q, k, v, prefill, decode]) kn.free(t);
  });
});
