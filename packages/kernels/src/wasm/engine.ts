// The WASM Engine: forwards validated byte pointers to the module's exports. Kernel scratch
// (GEMM packing, attention score blocks) is allocated from the heap once, on first use. With a
// worker pool, big matmuls are split by output columns (rows of W, in multiples of 4 so every
// slice rounds exactly like a single call) and attention by heads.

import type { WeightsFrom } from "../api.js";
import type { Engine } from "../engine.js";
import { packedLength } from "../packed.js";
import type { Heap } from "../heap.js";
import { CTRL, OP } from "../threads/layout.js";
import type { WorkerPool } from "../threads/pool.js";
import type { KernelsWasmExports } from "./exports.js";

/** Below this many multiply-adds a kernel runs on the calling thread (waking workers costs more). */
const MIN_PARALLEL_MACS = 1 << 17;
/**
 * Packed W of at least this many bytes is taken to come from memory (weightsFrom's default): the
 * two-stream GEMV wins from memory and loses in cache. Measured crossover on this machine class
 * (32 MiB last-level cache), K = 768 with W cycled hot: one stream faster up to 16 MiB, level at
 * 20 MiB, two streams faster from 24 MiB (52 vs 44 GB/s) on.
 */
const FROM_MEMORY_MIN_BYTES = 20 << 20;

export class WasmEngine implements Engine {
  private readonly heap: Heap;
  private readonly k: KernelsWasmExports;
  private readonly pool: WorkerPool | undefined;
  private gemmScratch = 0;
  private attnScratch = 0;
  private attnScratchBytes = 0;

  constructor(heap: Heap, exports: KernelsWasmExports, pool?: WorkerPool) {
    this.heap = heap;
    this.k = exports;
    this.pool = pool;
  }

  matmul(y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean): void {
    this.matmulWith(false, false, y, x, w, bias, M, K, N, accumulate);
  }
  matmulPacked(
    y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean,
    weightsFrom: WeightsFrom | undefined,
  ): void {
    const fromMemory = weightsFrom === undefined ? packedLength(N, K) * 4 >= FROM_MEMORY_MIN_BYTES : weightsFrom === "memory";
    this.matmulWith(true, fromMemory, y, x, w, bias, M, K, N, accumulate);
  }
  /**
   * W row-major (packed = false) or packed "n4k4": the same dispatch, different kernels. A packed
   * GEMV reads W as two streams when it comes from memory (assembly/gemv-n4k4-x2.ts).
   */
  private matmulWith(
    packed: boolean, fromMemory: boolean, y: number, x: number, w: number, bias: number, M: number, K: number, N: number,
    accumulate: boolean,
  ): void {
    const acc = accumulate ? 1 : 0;
    // Decode (and tiny batches): GEMV per row. A GEMM panel is 8 rows wide and would be mostly padding.
    const gemv = M < 4;
    if (this.pool && M * K * N >= MIN_PARALLEL_MACS && N >= 8) {
      const gemvPacked = fromMemory ? OP.GEMV_N4K4_X2 : OP.GEMV_N4K4;
      const op = packed ? (gemv ? gemvPacked : OP.GEMM_N4K4) : gemv ? OP.GEMV : OP.GEMM;
      this.pool.run(op, [y, x, w, bias, M, K, N, acc], N, 4);
      return;
    }
    if (gemv) {
      const k = this.k;
      for (let m = 0; m < M; m++) {
        const ym = y + m * N * 4, xm = x + m * K * 4;
        if (!packed) k.matmul_f32_gemv(ym, xm, w, bias, K, N, acc, N);
        else if (fromMemory) k.matmul_f32_gemv_n4k4_x2(ym, xm, w, bias, K, N, acc);
        else k.matmul_f32_gemv_n4k4(ym, xm, w, bias, K, N, acc);
      }
      return;
    }
    this.k.matmul_f32_gemm(y, x, w, bias, M, K, N, N, acc, this.scratchForGemm(), packed ? (K + 3) & ~3 : 0);
  }
  private scratchForGemm(): number {
    if (this.gemmScratch === 0) this.gemmScratch = this.heap.alloc(this.k.GEMM_SCRATCH_BYTES.value as number);
    return this.gemmScratch;
  }
  rmsnorm(out: number, x: number, w: number, rows: number, dim: number, eps: number): void {
    this.k.rmsnorm_f32(out, x, w, rows, dim, eps);
  }
  layernorm(out: number, x: number, w: number, b: number, rows: number, dim: number, eps: number): void {
    this.k.layernorm_f32(out, x, w, b, rows, dim, eps);
  }
  softmaxRows(x: number, rows: number, cols: number, invT: number): void {
    this.k.softmax_f32_rows(x, rows, cols, invT);
  }
  silu(out: number, x: number, n: number): void {
    this.k.silu_f32(out, x, n);
  }
  gelu(out: number, x: number, n: number): void {
    this.k.gelu_f32(out, x, n);
  }
  swiglu(out: number, a: number, b: number, n: number): void {
    this.k.swiglu_f32(out, a, b, n);
  }
  add(out: number, a: number, b: number, n: number): void {
    this.k.add_f32(out, a, b, n);
  }
  rope(x: number, cos: number, sin: number, T: number, heads: number, headDim: number, rotaryDim: number, pos0: number, interleaved: boolean): void {
    this.k.rope_f32(x, cos, sin, T, heads, headDim, rotaryDim, pos0, interleaved ? 1 : 0);
  }
  attention(
    out: number, q: number, k: number, v: number, T: number, heads: number, kvHeads: number, headDim: number,
    kvLen: number, pos0: number, scale: number, slopes: number, weights: number,
  ): void {
    const need = this.k.attention_scratch_bytes(headDim);
    // Work ≈ T · (pos0 + T/2) · heads · headDim · 2 multiply-adds.
    const macs = T * (pos0 + (T + 1) / 2) * heads * headDim * 2;
    if (this.pool && heads > 1 && macs >= MIN_PARALLEL_MACS) {
      this.pool.ensureAttentionScratch(need);
      this.pool.run(OP.ATTENTION, [out, q, k, v, T, heads, kvHeads, headDim, kvLen, pos0, 0, slopes, weights], heads, 1, (f) => {
        f[CTRL.ARGS + 10] = scale;
      });
      return;
    }
    if (need > this.attnScratchBytes) {
      if (this.attnScratch) this.heap.free(this.attnScratch);
      this.attnScratch = this.heap.alloc(need);
      this.attnScratchBytes = need;
    }
    this.k.attention_f32_causal(out, q, k, v, T, heads, kvHeads, headDim, kvLen, pos0, scale, slopes, weights, 0, heads, this.attnScratch);
  }
  argmax(x: number, n: number): number {
    return this.k.argmax_f32(x, n);
  }
  dispose(): void {
    this.pool?.dispose();
  }
}
