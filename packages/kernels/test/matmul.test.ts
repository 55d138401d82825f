// matmul vs float64 math, with W row-major and packed (PackedMatrix, layout n4k4; its own checks are
// in matmul-packed.test.ts). Tolerance: any summation order of a K-term dot product in float32 (with
// or without FMA) is within γ_{K+2}·Σ|x_k·w_k| (+|bias|, +|y0| when accumulating) of the exact
// value; the +2 covers the bias add and the accumulate add. The bound is per output element.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels, PackedMatrix, Tensor, WeightsFrom } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { gamma, matmulAbsRef, matmulRef } from "./helpers/reference.js";

function tile5x8(): [number, number, number][] {
  return [
    [4, 3, 7], [5, 4, 8], [6, 5, 9], [9, 17, 4], [10, 16, 12], [11, 1, 15], [14, 63, 16], [15, 8, 17], [16, 33, 20],
    [21, 7, 23], [254, 9, 8], [255, 12, 9], [256, 5, 12], [259, 3, 16], [260, 2, 9], [261, 4, 8], [521, 2, 7], [10, 511, 24], [5, 512, 8], [6, 513, 13],
    // its K blocks: at most 768, equal and multiples of 4 (769 → 388 + 381, 1537 → 516 + 516 + 505)
    [7, 767, 9], [11, 768, 16], [6, 769, 8], [5, 1537, 12],
  ];
}

const gemv: [number, number][] = [
  [1, 1], [3, 3], [4, 4], [5, 5], [7, 9], [8, 8], [15, 16], [16, 15], [17, 17], [31, 33], [32, 32], [33, 31],
  [63, 5], [64, 64], [65, 3], [255, 7], [256, 12], [257, 9], [513, 6],
  // model shapes: stories260K (64→172, 64→512), stories15M (288→288/768, 768→288), 110M/GPT-2 (768→768)
  [64, 172], [64, 512], [288, 288], [288, 768], [768, 288], [768, 768], [288, 32000],
];
const gemm: [number, number, number][] = [
  [2, 1, 1], [3, 3, 3], [4, 8, 8], [5, 17, 9], [6, 16, 16], [7, 63, 7], [8, 255, 17], [9, 257, 24], [12, 64, 40],
  [17, 1, 3], [17, 17, 17], [33, 65, 31], [63, 3, 63], [64, 33, 65], [255, 7, 9], [257, 16, 5],
  // model shapes: prefill of stories260K / stories15M / GPT-2-sized blocks
  [16, 64, 172], [32, 288, 768], [17, 768, 768],
  // the relaxed build's 5×8 tile (5 x rows, 8 W rows): M at, below and above multiples of 5 and of
  // its M block (260), N around 4, 8 and 16 (a second W panel of 0 or 1-3 rows), K around 4 and 512
  ...tile5x8(),
];

// Packed W: at, below and above its widths (4 rows per panel, 4 columns per block, 2 blocks per GEMV
// loop step; the two-stream GEMV pairs panels, leaving one full and one partial panel at most), the
// GEMM's K block (512) and the thread split (whole panels).
const packedGemv: [number, number][] = [
  [1, 1], [3, 7], [4, 3], [5, 4], [7, 5], [8, 8], [9, 9], [11, 2], [12, 6], [13, 13], [15, 3], [16, 4], [17, 12], [33, 31],
  [5, 16], [6, 17], [7, 20], [2, 21], [9, 23], [3, 24], [1, 25],
  [63, 63], [255, 7], [257, 9], [513, 6], [1000, 203],
  [64, 172], [288, 288], [288, 768], [768, 288], [768, 768], [768, 2048], [288, 32000],
];
const packedGemm: [number, number, number][] = [
  [2, 1, 1], [3, 5, 9], [4, 8, 8], [5, 17, 12], [7, 63, 7], [8, 255, 17], [9, 257, 24], [17, 3, 20],
  [33, 513, 31], [64, 1030, 65], [255, 7, 9], [16, 64, 172], [32, 288, 768], [17, 768, 768],
  ...tile5x8(),
];

interface Case { M: number; K: number; N: number }
const packedW: MakeW = (kn, ws, N, K) => {
  const p = kn.allocPacked(N, K);
  p.set(ws);
  return p;
};
const asCases = (v: [number, number][], m: [number, number, number][]): Case[] => [
  ...v.map(([K, N]) => ({ M: 1, K, N })),
  ...m.map(([M, K, N]) => ({ M, K, N })),
];
type MakeW = (kn: Kernels, ws: Float32Array, N: number, K: number) => Tensor | PackedMatrix;
// weightsFrom picks the packed GEMV that reads W as one stream ("cache") or two ("memory").
const layouts: Array<{ layout: string; cases: Case[]; makeW: MakeW; weightsFrom?: WeightsFrom }> = [
  { layout: "row-major W", cases: asCases(gemv, gemm), makeW: (kn, ws) => kn.tensor(ws) },
  { layout: "packed W", cases: asCases(packedGemv, packedGemm), makeW: packedW },
  { layout: "packed W read from cache", cases: asCases(packedGemv, []), makeW: packedW, weightsFrom: "cache" },
  { layout: "packed W read from memory", cases: asCases(packedGemv, []), makeW: packedW, weightsFrom: "memory" },
];

describe.each(backendCases)("matmul [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  describe.each(layouts)("$layout", ({ cases, makeW, weightsFrom }) => {
    it.each(cases)("M=$M K=$K N=$N with bias, guards untouched", ({ M, K, N }) => {
      const xs = uniform(M * 1000 + K, M * K);
      const ws = uniform(K * 7 + N, N * K);
      const bs = uniform(N + 3, N);
      const ref = matmulRef(xs, ws, M, K, N, bs);
      const abs = matmulAbsRef(xs, ws, M, K, N, bs);
      const x = kn.tensor(xs);
      const w = makeW(kn, ws, N, K);
      const bias = kn.tensor(bs);
      const y = kn.alloc(M * N + 8);
      y.view().fill(7);
      kn.matmul({ y, x, w, bias, M, K, N, yOffset: 4, ...(weightsFrom ? { weightsFrom } : {}) });
      const got = y.toArray();
      expectClose(got.subarray(4, 4 + M * N), ref, (i) => gamma(K + 2) * abs[i]!, "y");
      expect(Array.from(got.subarray(0, 4))).toEqual([7, 7, 7, 7]);
      expect(Array.from(got.subarray(4 + M * N))).toEqual([7, 7, 7, 7]);
      for (const t of [x, w, bias, y]) kn.free(t);
    });
  });

  it.each([
    { M: 1, K: 17, N: 5 },
    { M: 5, K: 33, N: 9 },
    { M: 1, K: 288, N: 288 },
    { M: 8, K: 64, N: 64 },
  ])("accumulate, no bias, unaligned offsets: M=$M K=$K N=$N", ({ M, K, N }) => {
    const xs = uniform(11, M * K);
    const ws = uniform(12, N * K);
    const y0 = uniform(13, M * N);
    const ref = matmulRef(xs, ws, M, K, N);
    const abs = matmulAbsRef(xs, ws, M, K, N);
    const x = kn.alloc(M * K + 3);
    x.set(xs, 3);
    const w = kn.alloc(N * K + 1);
    w.set(ws, 1);
    const y = kn.alloc(M * N + 2);
    y.set(y0, 2);
    kn.matmul({ y, x, w, M, K, N, xOffset: 3, wOffset: 1, yOffset: 2, accumulate: true });
    const got = y.toArray(2, M * N);
    expectClose(got, ref.map((v, i) => v + y0[i]!), (i) => gamma(K + 2) * (abs[i]! + Math.abs(y0[i]!)), "y");
    for (const t of [x, w, y]) kn.free(t);
  });

  it("computes a known small product exactly", () => {
    // [1 2 3; 4 5 6] · [[1 0 1]; [0 1 0]; [2 2 2]; [-1 1 -1]]ᵀ + [0 10 20 30]
    const x = kn.tensor([1, 2, 3, 4, 5, 6]);
    const w = kn.tensor([1, 0, 1, 0, 1, 0, 2, 2, 2, -1, 1, -1]);
    const bias = kn.tensor([0, 10, 20, 30]);
    const y = kn.alloc(8);
    kn.matmul({ y, x, w, bias, M: 2, K: 3, N: 4 });
    expect(Array.from(y.toArray())).toEqual([4, 12, 32, 28, 10, 15, 50, 25]);
  });
});
