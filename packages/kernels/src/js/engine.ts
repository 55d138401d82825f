// The JS-twin Engine: converts byte pointers to element indices and calls the plain-TS kernels
// over the heap's current Float32Array.

import type { Engine } from "../engine.js";
import type { Heap } from "../heap.js";
import { geluJs, siluJs, swigluJs } from "./activation.js";
import { AttentionJs } from "./attention.js";
import { addJs, argmaxJs } from "./elementwise.js";
import { matmulJs, matmulPackedJs } from "./matmul.js";
import { layernormJs, rmsnormJs } from "./norm.js";
import { ropeJs } from "./rope.js";
import { softmaxRowsJs } from "./softmax.js";

/** Byte pointer → element index; 0 (absent) → -1. */
const idx = (p: number): number => (p === 0 ? -1 : p >>> 2);

export class JsEngine implements Engine {
  private readonly heap: Heap;
  private readonly attn = new AttentionJs();

  constructor(heap: Heap) {
    this.heap = heap;
  }

  matmul(y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean): void {
    matmulJs(this.heap.f32, y >>> 2, x >>> 2, w >>> 2, idx(bias), M, K, N, accumulate);
  }
  /** The JS twin reads W one way; the weightsFrom hint does not apply. */
  matmulPacked(y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean): void {
    matmulPackedJs(this.heap.f32, y >>> 2, x >>> 2, w >>> 2, idx(bias), M, K, N, accumulate);
  }
  rmsnorm(out: number, x: number, w: number, rows: number, dim: number, eps: number): void {
    rmsnormJs(this.heap.f32, out >>> 2, x >>> 2, w >>> 2, rows, dim, eps);
  }
  layernorm(out: number, x: number, w: number, b: number, rows: number, dim: number, eps: number): void {
    layernormJs(this.heap.f32, out >>> 2, x >>> 2, w >>> 2, b >>> 2, rows, dim, eps);
  }
  softmaxRows(x: number, rows: number, cols: number, invT: number): void {
    softmaxRowsJs(this.heap.f32, x >>> 2, rows, cols, invT);
  }
  silu(out: number, x: number, n: number): void {
    siluJs(this.heap.f32, out >>> 2, x >>> 2, n);
  }
  gelu(out: number, x: number, n: number): void {
    geluJs(this.heap.f32, out >>> 2, x >>> 2, n);
  }
  swiglu(out: number, a: number, b: number, n: number): void {
    swigluJs(this.heap.f32, out >>> 2, a >>> 2, b >>> 2, n);
  }
  add(out: number, a: number, b: number, n: number): void {
    addJs(this.heap.f32, out >>> 2, a >>> 2, b >>> 2, n);
  }
  rope(x: number, cos: number, sin: number, T: number, heads: number, headDim: number, rotaryDim: number, pos0: number, interleaved: boolean): void {
    ropeJs(this.heap.f32, x >>> 2, cos >>> 2, sin >>> 2, T, heads, headDim, rotaryDim, pos0, interleaved);
  }
  attention(
    out: number, q: number, k: number, v: number, T: number, heads: number, kvHeads: number, headDim: number,
    kvLen: number, pos0: number, scale: number, slopes: number, weights: number,
  ): void {
    this.attn.run(this.heap.f32, out >>> 2, q >>> 2, k >>> 2, v >>> 2, T, heads, kvHeads, headDim, kvLen, pos0, scale, idx(slopes), idx(weights));
  }
  argmax(x: number, n: number): number {
    return argmaxJs(this.heap.f32, x >>> 2, n);
  }
  dispose(): void {}
}
