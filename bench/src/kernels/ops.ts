// One kernels call per op, on tensors allocated once in the instance's heap (the hot path the
// model uses: no allocation, no copies inside run()).
import type { AttentionProblem } from "../externals/types.js";
import type { BenchKernels, BenchPackedMatrix, BenchTensor } from "./contract.js";

export interface KernelOp {
  run(): void;
  output(): Float32Array;
  dispose(): void;
}

function op(k: BenchKernels, tensors: Array<BenchTensor | BenchPackedMatrix>, out: BenchTensor, run: () => void, freeExtra: () => void = () => {}): KernelOp {
  return {
    run,
    output: () => out.toArray(),
    dispose: () => {
      for (const t of tensors) k.free(t);
      freeExtra();
    },
  };
}

/** W packed once before timing (PackedMatrix), as @wasmformer/model loads its weights. */
export function matmulOp(k: BenchKernels, x: Float32Array, w: Float32Array, M: number, K: number, N: number): KernelOp {
  const xt = k.tensor(x);
  const wt = k.allocPacked(N, K);
  wt.set(w);
  const y = k.alloc(M * N);
  const args = { y, x: xt, w: wt, M, K, N };
  return op(k, [xt, wt, y], y, () => k.matmul(args));
}

/** In place, as the model uses it (repeated calls keep renormalising the same rows). */
export function softmaxOp(k: BenchKernels, x: Float32Array, rows: number, cols: number): KernelOp {
  const xt = k.tensor(x);
  return op(k, [xt], xt, () => k.softmaxRows(xt, rows, cols));
}

export function rmsnormOp(k: BenchKernels, x: Float32Array, w: Float32Array, rows: number, dim: number): KernelOp {
  const xt = k.tensor(x);
  const wt = k.tensor(w);
  const out = k.alloc(rows * dim);
  return op(k, [xt, wt, out], out, () => k.rmsnorm(out, xt, wt, rows, dim, 1e-5));
}

export function layernormOp(k: BenchKernels, x: Float32Array, w: Float32Array, b: Float32Array, rows: number, dim: number): KernelOp {
  const xt = k.tensor(x);
  const wt = k.tensor(w);
  const bt = k.tensor(b);
  const out = k.alloc(rows * dim);
  return op(k, [xt, wt, bt, out], out, () => k.layernorm(out, xt, wt, bt, rows, dim, 1e-5));
}

/** In place on x [T, heads, headDim] at positions pos0..pos0+T-1. */
export function ropeOp(
  k: BenchKernels,
  x: Float32Array,
  T: number,
  heads: number,
  headDim: number,
  pos0: number,
  style: "interleaved" | "half",
): KernelOp {
  const xt = k.tensor(x);
  const table = k.ropeTable(pos0 + T, headDim, 10000);
  return op(k, [xt], xt, () => k.rope(xt, table, T, heads, pos0, style), () => {
    k.free(table.cos);
    k.free(table.sin);
  });
}

export function attentionOp(k: BenchKernels, p: AttentionProblem): KernelOp {
  const q = k.tensor(p.q);
  const kc = k.tensor(p.k);
  const v = k.tensor(p.v);
  const out = k.alloc(p.T * p.heads * p.headDim);
  const args = { out, q, k: kc, v, T: p.T, heads: p.heads, kvHeads: p.kvHeads, headDim: p.headDim, kvLen: p.kvLen, pos0: p.pos0 };
  return op(k, [q, kc, v, out], out, () => k.attention(args));
}
