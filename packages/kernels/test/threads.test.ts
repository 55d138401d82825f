// threads: 2 against threads: 1. Slices start at multiples of 4 output columns (matmul, row-major or
// packed weights) or at a head (attention), and each output is computed by the same code either
// way, so the results must be bit-identical, not just close; both are also checked against float64.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels, PackedMatrix, Variant, WeightsFrom } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { attentionRef, gamma, matmulAbsRef, matmulRef } from "./helpers/reference.js";

describe.each<Variant>(["simd", "relaxed-simd"])("threads [%s]", (variant) => {
  let one: Kernels;
  let two: Kernels;
  beforeAll(async () => {
    one = await createKernels({ backend: "wasm", variant, threads: 1 });
    two = await createKernels({ backend: "wasm", variant, threads: 2 });
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
  });

  it("reports the thread count it runs", () => {
    expect(two.info).toMatchObject({ backend: "wasm", variant, threads: 2 });
    expect(two.info.reason).toMatch(/2 threads/);
    expect(one.info.threads).toBe(1);
  });

  const run = (
    kn: Kernels, xs: Float32Array, ws: Float32Array, bs: Float32Array, M: number, K: number, N: number, packed = false,
    weightsFrom?: WeightsFrom,
  ): Float32Array => {
    const x = kn.tensor(xs);
    const w = packed ? kn.allocPacked(N, K) : kn.tensor(ws);
    if (packed) (w as PackedMatrix).set(ws);
    const bias = kn.tensor(bs);
    const y = kn.tensor(uniform(5, M * N));
    kn.matmul({ y, x, w, bias, M, K, N, accumulate: true, ...(weightsFrom ? { weightsFrom } : {}) });
    const out = y.toArray();
    for (const t of [x, w, bias, y]) kn.free(t);
    return out;
  };

  it.each([
    { M: 1, K: 288, N: 32000, packed: false }, // vocabulary projection, streamed rows
    { M: 1, K: 768, N: 771, packed: false }, // cached 4-row blocks, N not a multiple of 8
    { M: 2, K: 513, N: 1030, packed: false },
    { M: 33, K: 300, N: 517, packed: false }, // GEMM split by columns, ragged everywhere
    { M: 64, K: 768, N: 768, packed: false },
    // packed weights: slices start at 4-row panels
    { M: 1, K: 288, N: 32000, packed: true },
    { M: 1, K: 770, N: 771, packed: true },
    { M: 3, K: 513, N: 1030, packed: true },
    { M: 33, K: 301, N: 517, packed: true },
    // two-stream GEMV: each thread's slice is read as two streams
    { M: 1, K: 288, N: 32000, packed: true, weightsFrom: "memory" as const },
    { M: 2, K: 770, N: 1031, packed: true, weightsFrom: "memory" as const },
  ])("matmul M=$M K=$K N=$N packed=$packed weightsFrom=$weightsFrom: threads=2 equals threads=1 and float64", ({ M, K, N, packed, weightsFrom }) => {
    const xs = uniform(M + K, M * K);
    const ws = uniform(K + N, N * K);
    const bs = uniform(N, N);
    const a = run(one, xs, ws, bs, M, K, N, packed, weightsFrom);
    const b = run(two, xs, ws, bs, M, K, N, packed, weightsFrom);
    expect(b).toEqual(a);
    const y0 = uniform(5, M * N);
    const ref = matmulRef(xs, ws, M, K, N, bs);
    const abs = matmulAbsRef(xs, ws, M, K, N, bs);
    expectClose(b, ref.map((v, i) => v + y0[i]!), (i) => gamma(K + 2) * (abs[i]! + Math.abs(y0[i]!)), "y");
  });

  it.each([
    { T: 1, heads: 12, kvHeads: 4, headDim: 64, kvLen: 1024, pos0: 1023 },
    { T: 48, heads: 6, kvHeads: 6, headDim: 48, kvLen: 300, pos0: 252 },
    { T: 130, heads: 3, kvHeads: 1, headDim: 32, kvLen: 130, pos0: 0 },
  ])("attention T=$T heads=$heads kv=$kvHeads d=$headDim kvLen=$kvLen: threads=2 equals threads=1", (c) => {
    const qn = c.T * c.heads * c.headDim;
    const kvn = c.kvLen * c.kvHeads * c.headDim;
    const qs = uniform(1, qn, -2, 2);
    const ks = uniform(2, kvn, -2, 2);
    const vs = uniform(3, kvn);
    const outs: Float32Array[] = [];
    const weights: Float32Array[] = [];
    for (const kn of [one, two]) {
      const q = kn.tensor(qs);
      const k = kn.tensor(ks);
      const v = kn.tensor(vs);
      const out = kn.alloc(qn);
      const w = kn.alloc(c.heads * c.T * c.kvLen);
      kn.attention({ out, q, k, v, ...c, weightsOut: w });
      outs.push(out.toArray());
      weights.push(w.toArray());
      for (const t of [q, k, v, out, w]) kn.free(t);
    }
    expect(outs[1]).toEqual(outs[0]);
    expect(weights[1]).toEqual(weights[0]);
    const ref = attentionRef(qs, ks, vs, c.T, c.heads, c.kvHeads, c.headDim, c.kvLen, c.pos0, Math.fround(1 / Math.sqrt(c.headDim)));
    expectClose(outs[1]!, ref.out, (i) => ref.tol[i]!, "out");
  });

  it("keeps working after the shared memory grows", () => {
    const K = 512;
    const N = 1024;
    const xs = uniform(7, K);
    const ws = uniform(8, N * K);
    const x = two.tensor(xs);
    const w = two.tensor(ws);
    const y = two.alloc(N);
    const before = two.memoryBytes;
    const big = two.alloc(16 << 20); // 64 MiB: the memory grows under the workers
    expect(two.memoryBytes).toBeGreaterThan(before);
    two.matmul({ y, x, w, M: 1, K, N });
    const ref = matmulRef(xs, ws, 1, K, N);
    const abs = matmulAbsRef(xs, ws, 1, K, N);
    expectClose(y.toArray(), ref, (i) => gamma(K + 2) * abs[i]!, "y");
    for (const t of [x, w, y, big]) two.free(t);
  });
});
