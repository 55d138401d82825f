// Packed weights (PackedMatrix, layout "n4k4": 4-row panels of 4-column blocks): the layout against an
// independent formula, accumulate, embedding gathers, argument errors. The shape sweep against
// float64 math is in matmul.test.ts (both layouts), with the same per-element bound used here:
// γ_{K+2}·(Σ|x_k·w_k| + |y0|).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels, PackedMatrix } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { gamma, matmulAbsRef, matmulRef } from "./helpers/reference.js";

/** An independent packing: element (n, k) of W goes to ((n/4)·⌈K/4⌉ + k/4)·16 + (n%4)·4 + k%4. */
function packByFormula(ws: Float32Array, N: number, K: number): Float32Array {
  const K4 = Math.ceil(K / 4) * 4;
  const out = new Float32Array(Math.ceil(N / 4) * 4 * K4);
  for (let n = 0; n < N; n++)
    for (let k = 0; k < K; k++) out[(Math.floor(n / 4) * (K4 / 4) + Math.floor(k / 4)) * 16 + (n % 4) * 4 + (k % 4)] = ws[n * K + k]!;
  return out;
}

describe.each(backendCases)("matmul, packed weights [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  const packed = (ws: Float32Array, N: number, K: number): PackedMatrix => {
    const p = kn.allocPacked(N, K);
    p.set(ws);
    return p;
  };

  it.each([
    { M: 1, K: 17, N: 5 },
    { M: 3, K: 290, N: 33 },
    { M: 5, K: 33, N: 9 },
    { M: 8, K: 64, N: 64 },
    { M: 1, K: 768, N: 768 },
  ])("accumulate, no bias: M=$M K=$K N=$N", ({ M, K, N }) => {
    const xs = uniform(11, M * K);
    const ws = uniform(12, N * K);
    const y0 = uniform(13, M * N);
    const ref = matmulRef(xs, ws, M, K, N);
    const abs = matmulAbsRef(xs, ws, M, K, N);
    const x = kn.tensor(xs);
    const w = packed(ws, N, K);
    const y = kn.tensor(y0);
    kn.matmul({ y, x, w, M, K, N, accumulate: true });
    expectClose(y.toArray(), ref.map((v, i) => v + y0[i]!), (i) => gamma(K + 2) * (abs[i]! + Math.abs(y0[i]!)), "y");
    for (const t of [x, w, y]) kn.free(t);
  });

  // The two-stream GEMV (weightsFrom "memory") forms every sum in the one-stream kernel's order.
  it.each([
    { K: 1, N: 8 }, { K: 3, N: 13 }, { K: 17, N: 24 }, { K: 63, N: 25 }, { K: 288, N: 771 }, { K: 770, N: 36 },
  ])("reads W from cache or memory with the same bits, bias and accumulate included: K=$K N=$N", ({ K, N }) => {
    const x = kn.tensor(uniform(21, K));
    const w = packed(uniform(22, N * K), N, K);
    const bias = kn.tensor(uniform(23, N));
    const y0 = uniform(24, N);
    const outs = (["cache", "memory", undefined] as const).map((weightsFrom) => {
      const y = kn.tensor(y0);
      kn.matmul({ y, x, w, bias, M: 1, K, N, accumulate: true, ...(weightsFrom ? { weightsFrom } : {}) });
      const out = y.toArray();
      kn.free(y);
      return out;
    });
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    for (const t of [x, w, bias]) kn.free(t);
  });

  it("lays rows out as the n4k4 formula says, row() unpacks them, set() writes any run of rows", () => {
    const N = 13, K = 7;
    const ws = uniform(5, N * K);
    const w = kn.allocPacked(N, K);
    w.set(ws.subarray(0, 5 * K));
    w.set(ws.subarray(5 * K), 5);
    expect(Array.from(w.tensor.toArray())).toEqual(Array.from(packByFormula(ws, N, K)));
    for (let n = 0; n < N; n++) expect(Array.from(w.row(n))).toEqual(Array.from(ws.subarray(n * K, n * K + K)));
    kn.free(w);
  });

  it("embedding gathers rows of a packed table like the row-major one", () => {
    const vocab = 21, dim = 10;
    const table = uniform(9, vocab * dim);
    const flat = kn.tensor(table);
    const p = packed(table, vocab, dim);
    const ids = [0, 20, 7, 7, 8, 15];
    const a = kn.alloc(ids.length * dim);
    const b = kn.alloc(ids.length * dim);
    kn.embedding(a, flat, ids, dim);
    kn.embedding(b, p, ids, dim);
    expect(Array.from(b.toArray())).toEqual(Array.from(a.toArray()));
    expect(() => kn.embedding(b, p, [21], dim)).toThrow(/ids\[0\] = 21 is not a token id in \[0, 21\)/);
    expect(() => kn.embedding(b, p, [1], 5)).toThrow(/packed 21×10 matrix, but dim is 5/);
    for (const t of [flat, p, a, b]) kn.free(t);
  });

  it("names the argument when a packed matrix does not fit the call", async () => {
    const w = kn.allocPacked(6, 4);
    const x = kn.alloc(4);
    const y = kn.alloc(6);
    expect(() => kn.matmul({ y, x, w, M: 1, K: 4, N: 5 })).toThrow(/matmul: w is a packed 6×4 matrix, but N × K is 5×4/);
    expect(() => kn.matmul({ y, x, w, M: 1, K: 4, N: 6, wOffset: 1 })).toThrow(/wOffset must be 0 or absent/);
    const hint = "disk" as unknown as "cache";
    expect(() => kn.matmul({ y, x, w, M: 1, K: 4, N: 6, weightsFrom: hint })).toThrow(/matmul: weightsFrom must be "cache" or "memory", got "disk"/);
    expect(() => w.set(new Float32Array(5))).toThrow(/not a whole number of rows of 4/);
    expect(() => w.set(new Float32Array(8), 5)).toThrow(/rows 5\.\.6 do not fit in 6 rows/);
    expect(() => kn.allocPacked(0, 3)).toThrow(/allocPacked: rows must be an integer >= 1/);
    const other = await createKernels(options);
    const foreign = other.allocPacked(6, 4);
    expect(() => kn.matmul({ y, x, w: foreign, M: 1, K: 4, N: 6 })).toThrow(/w\.tensor belongs to another kernels instance/);
    other.dispose();
    kn.free(w);
    expect(() => kn.matmul({ y, x, w, M: 1, K: 4, N: 6 })).toThrow(/w\.tensor has been freed/);
    expect(() => w.row(0)).toThrow(/freed/);
    kn.free(x);
    kn.free(y);
  });
});
