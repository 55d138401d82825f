// The raw compute interface each backend implements. Arguments are already validated by
// KernelsFront (src/kernels.ts): pointers are byte offsets into the heap, in range, 4-byte aligned
// (16-byte aligned at tensor starts); a pointer of 0 means "absent" (the heap never hands out 0).

import type { WeightsFrom } from "./api.js";

export interface Engine {
  /** y[M,N] (=|+=) x[M,K]·W[N,K]ᵀ (+ bias[N]). */
  matmul(y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean): void;
  /** The same with W packed "n4k4" (src/packed.ts) at w; weightsFrom is a speed hint (MatmulArgs). */
  matmulPacked(
    y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean,
    weightsFrom: WeightsFrom | undefined,
  ): void;
  rmsnorm(out: number, x: number, w: number, rows: number, dim: number, eps: number): void;
  layernorm(out: number, x: number, w: number, b: number, rows: number, dim: number, eps: number): void;
  /** In place; invTemperature multiplies the max-subtracted logits. */
  softmaxRows(x: number, rows: number, cols: number, invTemperature: number): void;
  silu(out: number, x: number, n: number): void;
  gelu(out: number, x: number, n: number): void;
  swiglu(out: number, a: number, b: number, n: number): void;
  add(out: number, a: number, b: number, n: number): void;
  /** cos/sin tables [maxLen, rotaryDim/2]; x [T, heads, headDim]. */
  rope(
    x: number, cos: number, sin: number, T: number, heads: number, headDim: number, rotaryDim: number,
    pos0: number, interleaved: boolean,
  ): void;
  attention(
    out: number, q: number, k: number, v: number, T: number, heads: number, kvHeads: number, headDim: number,
    kvLen: number, pos0: number, scale: number, slopes: number, weights: number,
  ): void;
  /** Index of the max of x[0..n) (first on ties, NaN never wins; 0 when all are NaN). */
  argmax(x: number, n: number): number;
  dispose(): void;
}
